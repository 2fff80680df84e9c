"""pretalx's frab-compatible export (schedule/export/schedule.json) -> expected sessions.

The export has no breaks, which the no-JS page shows: the labels are marked incomplete. The page does
not show the submission type, so `format` stays unlabelled.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from bench.truth._build import document, person, plus, session

_PUBLIC_NAME = re.compile(r"^(?P<name>.+?)\s*\[(?P<aff>.*)\]\s*$")


def convert(folder: Path) -> dict[str, Any]:
    conference = json.loads((folder / "schedule.json").read_text(encoding="utf-8"))["schedule"]["conference"]
    events = [event for day in conference["days"] for room_events in day["rooms"].values() for event in room_events]
    events.sort(key=lambda e: (e["date"], e["room"]))
    sessions = []
    for event in events:
        hours, minutes = (int(x) for x in event["duration"].split(":"))
        sessions.append(
            session(
                event["title"],
                day=event["date"][:10],
                start=event["start"],
                end=plus(event["start"], hours * 60 + minutes),
                room=event["room"],
                speakers=[_person(p["public_name"]) for p in event["persons"]],
                description=event.get("abstract"),
            )
        )
    return document(sessions, title=conference["title"], language="en", complete=False, layout="structured-pretalx")


def _person(public_name: str) -> dict[str, Any]:
    match = _PUBLIC_NAME.match(public_name)
    return person(match.group("name"), match.group("aff")) if match else person(public_name)
