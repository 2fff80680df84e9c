"""CSV: one row per session; cells a spreadsheet would run as formulas are neutralised.

`room` is the room's name only (empty while the page names none, e.g. "Salle à venir": `room_provisional`
says so). `affiliations` names each organisation once; the `speakers` cell repeats a person's
organisation only when the session's people come from several. `excel=True` starts with a BOM, which
Excel needs to read UTF-8.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import IO

from extractor.export.people import speaker_label
from extractor.models import Programme, Session
from extractor.textkit.display import terminal_safe

CSV_COLUMNS = [
    "page", "id", "day", "start", "end", "format", "title", "room", "room_provisional",
    "speakers", "affiliations", "description", "description_provisional",
]
_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def write_csv(programmes: Iterable[Programme], out: IO[str], excel: bool = False) -> None:
    if excel:
        out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for programme in programmes:
        for session in programme.sessions:
            writer.writerow({k: _neutralise(v) for k, v in csv_row(programme, session).items()})


def csv_row(programme: Programme, session: Session) -> dict[str, str]:
    room, desc = session.room, session.description
    affiliations = list(dict.fromkeys(s.affiliation for s in session.speakers if s.affiliation))
    return {
        "page": programme.source.location,
        "id": session.id,
        "day": session.slot.day or "",
        "start": session.slot.start or "",
        "end": session.slot.end or "",
        "format": session.format or "",
        "title": session.title,
        "room": (room.name or "") if room else "",
        "room_provisional": _flag(room.provisional) if room else "",
        "speakers": "; ".join(speaker_label(s, affiliation=len(affiliations) > 1) for s in session.speakers),
        "affiliations": "; ".join(affiliations),
        "description": desc.text if desc else "",
        "description_provisional": _flag(desc.provisional) if desc else "",
    }


def _flag(value: bool) -> str:
    return "yes" if value else "no"


def _neutralise(value: str) -> str:
    """Spreadsheets run cells that start with these as formulas (CSV injection); terminals obey control
    characters (a CSV file shown with `cat`): both made inert."""
    value = terminal_safe(value)
    return "'" + value if value.startswith(_FORMULA_PREFIXES) else value
