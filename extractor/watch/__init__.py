"""Many pages on a schedule: the watch file, the scheduler, progress reports."""
