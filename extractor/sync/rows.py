"""Records as rows of the sync tables. Pure."""

from __future__ import annotations

from typing import Any

from extractor.changes.diff import ChangeEvent
from extractor.changes.keys import event_key, session_key
from extractor.models import Session


def session_row(page: str, session: Session) -> dict[str, Any]:
    """The session's columns that follow its record (first_seen, last_changed, removed_at are the writer's)."""
    room, desc = session.room, session.description
    return {
        "page": page, "uid": session_key(page, session), "id": session.id,
        "day": session.slot.day, "start": session.slot.start, "end": session.slot.end,
        "format": session.format, "title": session.title,
        "room_name": room.name if room else None, "room_provisional": room.provisional if room else None,
        "description": desc.text if desc else None, "description_provisional": desc.provisional if desc else None,
        "confidence": session.confidence,
    }


def speaker_rows(page: str, session: Session) -> list[dict[str, Any]]:
    uid = session_key(page, session)
    return [{"page": page, "session_uid": uid, "position": i, "name": s.name, "credentials": s.credentials,
             "titles": s.titles, "affiliation": s.affiliation, "role": s.role}
            for i, s in enumerate(session.speakers)]


def change_row(page: str, snapshot: int, position: int, event: ChangeEvent, detected_at: str) -> dict[str, Any]:
    return {"page": page, "snapshot": snapshot, "position": position, "uid": event_key(event), "kind": event.kind,
            "old": event.old, "new": event.new, "cosmetic": event.cosmetic, "detected_at": detected_at}
