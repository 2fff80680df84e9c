"""Reading a page's records: blocks, Wix order, structured readers, classification, assembly."""
