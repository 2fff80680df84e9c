"""TechBash 2022's sessions-derived.json (title, speaker or speakers, room; made by the page's owner)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bench.truth._build import document, person, session


def convert(folder: Path) -> dict[str, Any]:
    items = json.loads((folder / "sessions-derived.json").read_text(encoding="utf-8"))
    sessions = []
    for item in items:
        names = item["speaker"] if isinstance(item["speaker"], list) else [item["speaker"]]
        speakers = []
        for raw in names:
            # "Crux Conception, M. Psych": a display name followed by a credential
            name, _, credential = raw.partition(", ")
            speakers.append(person(name, credentials=[credential] if credential else []))
        sessions.append(session(item["title"], room=(item.get("room") or {}).get("roomName"), speakers=speakers))
    return document(sessions, language="en", layout="structured-sessionize")
