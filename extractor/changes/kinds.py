"""The kinds of change event (GUIDE §3): the one list, and the ones that alert unless the user chooses.

Data only, no imports: `extractor --help` shows the defaults without loading the diff.
"""

from __future__ import annotations

KINDS = (
    "session_added", "session_removed", "title_changed", "time_changed", "room_confirmed",
    "room_changed", "room_unconfirmed", "description_finalized", "description_changed",
    "speakers_changed", "format_changed",
)
DEFAULT_ALERT_KINDS = frozenset(
    {"room_confirmed", "description_finalized", "room_changed", "time_changed", "session_removed"}
)
