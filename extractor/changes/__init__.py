"""What changed between two snapshots (pure diff), which changes alert, and how alerts are worded."""
