"""Serialise Programmes: JSON document, JSON Lines (one session per line), CSV (one row per session)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from typing import IO, Any

from extractor.models import Programme, Session, Speaker

CSV_COLUMNS = [
    "page", "id", "day", "start", "end", "format", "title", "room", "room_provisional",
    "speakers", "affiliations", "description", "description_provisional",
]
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def to_json(programme: Programme, indent: int | None = 2) -> str:
    return json.dumps(programme.model_dump(mode="json"), ensure_ascii=False, indent=indent)


def session_rows(programme: Programme) -> Iterable[dict[str, Any]]:
    """One flat dict per session, carrying the page it came from."""
    for session in programme.sessions:
        row = session.model_dump(mode="json")
        row["page"] = programme.source.location
        yield row


def write_jsonl(programme: Programme, out: IO[str]) -> None:
    for row in session_rows(programme):
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


def write_csv(programmes: Iterable[Programme], out: IO[str]) -> None:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for programme in programmes:
        for session in programme.sessions:
            writer.writerow({k: _neutralise(v) for k, v in csv_row(programme, session).items()})


def csv_row(programme: Programme, session: Session) -> dict[str, str]:
    room, desc = session.room, session.description
    return {
        "page": programme.source.location,
        "id": session.id,
        "day": session.slot.day or "",
        "start": session.slot.start or "",
        "end": session.slot.end or "",
        "format": session.format or "",
        "title": session.title,
        "room": (room.name or room.raw) if room else "",
        "room_provisional": _flag(room.provisional) if room else "",
        "speakers": "; ".join(speaker_label(s) for s in session.speakers),
        "affiliations": "; ".join(s.affiliation or "" for s in session.speakers),
        "description": desc.text if desc else "",
        "description_provisional": _flag(desc.provisional) if desc else "",
    }


def speaker_label(speaker: Speaker) -> str:
    """'Name (Ph.D., Title, Affiliation)': readable in one cell."""
    details = [*speaker.credentials, *speaker.titles]
    if speaker.affiliation:
        details.append(speaker.affiliation)
    return f"{speaker.name} ({', '.join(details)})" if details else speaker.name


def _flag(value: bool) -> str:
    return "yes" if value else "no"


def _neutralise(value: str) -> str:
    """Spreadsheets run cells that start with these as formulas (CSV injection)."""
    return "'" + value if value.startswith(_FORMULA_PREFIXES) else value


def write_summary(programme: Programme, out: IO[str]) -> None:
    """A readable digest for people: one block per session, provisional values flagged."""
    head = programme.title or programme.source.location
    out.write(f"{head}  [{programme.source.kind}, {programme.language or '?'}, "
              f"{len(programme.sessions)} sessions, {len(programme.warnings)} warnings]\n")
    for session in programme.sessions:
        slot = session.slot
        when = " ".join(x for x in (slot.day, "–".join(t for t in (slot.start, slot.end) if t)) if x)
        out.write(f"  {when or '(no time)':22s} {session.title}\n")
        details = []
        if session.format:
            details.append(session.format)
        if session.room:
            details.append("room to be announced" if session.room.provisional else (session.room.name or ""))
        if session.description:
            details.append("description provisional" if session.description.provisional else "description final")
        if details:
            out.write(f"  {'':22s} {' · '.join(details)}\n")
        for speaker in session.speakers:
            role = f" [{speaker.role}]" if speaker.role else ""
            out.write(f"  {'':22s} - {speaker_label(speaker)}{role}\n")
    for warning in programme.warnings:
        out.write(f"  warning: {warning.where}: {warning.reason}: {warning.text[:80]}\n")
