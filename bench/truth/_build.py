"""Small builders for expected sessions (plain dicts in the harness's format)."""

from __future__ import annotations

import re
from typing import Any

_SPACES = re.compile(r"\s+")


def norm(text: Any) -> str:
    return _SPACES.sub(" ", str(text or "").replace("\u00a0", " ")).strip()


def session(
    title: str,
    *,
    day: str | None = None,
    start: str | None = None,
    end: str | None = None,
    room: str | None = None,
    speakers: list[dict[str, Any]] | None = None,
    description: str | None = None,
    format: str | None = None,
) -> dict[str, Any]:
    room_name = norm(room)
    text = norm(description)
    return {
        "title": norm(title),
        "slot": {"day": day, "start": start, "end": end, "raw": None},
        "format": format,
        "room": {"name": room_name, "provisional": False, "raw": room_name} if room_name else None,
        "speakers": speakers or [],
        "description": {"text": text, "provisional": False, "label": None} if text else None,
    }


def person(name: str, affiliation: str | None = None, credentials: list[str] | None = None) -> dict[str, Any]:
    return {
        "name": norm(name),
        "credentials": credentials or [],
        "titles": [],
        "affiliation": norm(affiliation) or None,
        "raw": norm(name),
    }


def document(
    sessions: list[dict[str, Any]],
    *,
    title: str | None = None,
    language: str | None = None,
    complete: bool = True,
    layout: str | None = None,
    as_of: str | None = None,
) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "schema_version": 1,
        "language": language,
        "title": title,
        "sessions": sessions,
        "warnings": [],
    }
    evaluation: dict[str, Any] = {}
    if not complete:
        evaluation["complete"] = False
    if layout:
        evaluation["layout"] = layout
    if as_of:
        evaluation["as_of"] = as_of
    if evaluation:
        doc["evaluation"] = evaluation
    return doc


def plus(start: str, minutes: int) -> str:
    total = int(start[:2]) * 60 + int(start[3:]) + minutes
    return f"{total // 60 % 24:02d}:{total % 60:02d}"
