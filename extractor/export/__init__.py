"""One module per output format of the records: json, jsonl, csv, summary."""
