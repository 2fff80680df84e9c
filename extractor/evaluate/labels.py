"""Hand labels in the `labels.json` format (flat sessions, as a careful reader writes them down) read as
an expected document for the scorer.

    {"input": "page.html", "language": "fr",
     "sessions": [{"title": …, "start": "HH:MM", "end": …, "day": "YYYY-MM-DD", "room": "…" | null,
                   "format": …, "speaker_names": […], "affiliations": […], "chairs": […]}]}

A key is present only where the page gives that value; `room: null` says the session has no room
while others have one. Affiliations are listed per session, not per person; chairs and moderators
are kept apart from speakers. Pure: the caller reads the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

NO_ROOM = {"name": None, "provisional": False, "raw": "", "none": True}


def expected_from_labels(document: Mapping[str, Any]) -> dict[str, Any]:
    """The scorer's expected document: Programme-shaped sessions plus the per-session label extras."""
    sessions = []
    for label in document.get("sessions") or []:
        room: dict[str, Any] | None = None
        if "room" in label:
            room = NO_ROOM if label["room"] is None else {"name": label["room"], "provisional": False,
                                                          "raw": label["room"]}
        people = [{"name": n, "credentials": [], "titles": [], "affiliation": None, "raw": n}
                  for n in label.get("speaker_names") or []]
        sessions.append({
            "title": label.get("title") or "",
            "slot": {"day": label.get("day"), "start": label.get("start"), "end": label.get("end"), "raw": None},
            "format": label.get("format"),
            "room": room,
            "speakers": people,
            "description": None,
            "affiliations": list(label["affiliations"]) if "affiliations" in label else None,
            "chairs": list(label["chairs"]) if "chairs" in label else None,
            "labelled_speakers": "speaker_names" in label,
        })
    evaluation = dict(document.get("evaluation") or {})
    evaluation["labels"] = True  # chairs apart from speakers; affiliations per session
    return {"language": document.get("language"), "sessions": sessions, "evaluation": evaluation}
