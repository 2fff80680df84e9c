"""Small builders for Programmes, so diff, store and alert tests need no parser; and stores as older
versions of extractor left them."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from extractor.models import Description, Programme, Room, Session, Slot, Source, Speaker
from extractor.textkit.slug import slugify

WHEN = datetime(2025, 11, 1, 12, 0, tzinfo=UTC)


def speaker(name: str, *titles: str, affiliation: str | None = None) -> Speaker:
    return Speaker(
        name=name,
        titles=list(titles),
        affiliation=affiliation,
        raw=", ".join([name, *titles, *([affiliation] if affiliation else [])]),
    )


def session(
    title: str,
    start: str | None = "13:30",
    end: str | None = "14:45",
    *,
    day: str | None = None,
    room: str | None = "Salle à venir",
    description: str | None = None,
    final: bool = False,
    speakers: list[Speaker] | None = None,
    fmt: str | None = "Études de cas",
    id: str | None = None,
) -> Session:
    provisional_room = room is not None and room.lower().endswith(("à venir", "tba"))
    return Session(
        id=id or slugify(title),
        slot=Slot(day=day, start=start, end=end, raw=f"{start}-{end}" if start else None),
        format=fmt,
        title=title,
        room=None
        if room is None
        else Room(name=None if provisional_room else room, provisional=provisional_room, raw=room),
        speakers=speakers or [],
        description=None
        if description is None
        else Description(
            text=description,
            provisional=not final,
            label="Description" if final else "Description provisoire",
        ),
    )


def programme(
    *sessions: Session, language: Literal["fr", "en"] | None = "fr", location: str = "https://example.org/prog",
    **kwargs: Any,
) -> Programme:
    return Programme(
        source=Source(location=location, kind="text", sha256="0" * 64, retrieved_at=WHEN),
        language=language,
        sessions=list(sessions),
        **kwargs,
    )


def room_of(s: Session) -> Room:
    assert s.room is not None
    return s.room


def description_of(s: Session) -> Description:
    assert s.description is not None
    return s.description


def changed(p: Programme, index: int, **updates: Any) -> Programme:
    """A copy of `p` whose session `index` has the given fields replaced."""
    sessions = list(p.sessions)
    sessions[index] = sessions[index].model_copy(update=updates)
    return p.model_copy(update={"sessions": sessions})


def version_1(store_path: Path) -> None:
    """Rewrite the stored records and events as extractor wrote them before uids (record schema_version 1)."""
    db = sqlite3.connect(store_path)
    for snapshot_id, parsed in db.execute("SELECT id, parsed FROM snapshots").fetchall():
        data = json.loads(parsed)
        data["schema_version"] = 1
        for s in data["sessions"]:
            del s["uid"]
        db.execute("UPDATE snapshots SET parsed = ? WHERE id = ?", (json.dumps(data), snapshot_id))
    for event_id, data in db.execute("SELECT id, data FROM events").fetchall():
        event = {k: v for k, v in json.loads(data).items() if k not in ("uid", "old_session_id")}
        db.execute("UPDATE events SET data = ? WHERE id = ?", (json.dumps(event), event_id))
    db.commit()
    db.close()
