"""JFPC 2021's programme.yml (same commit as the grid page) -> expected grid-level sessions.

The grid shows sessions, not their talks; it names a room only in some cells ("Café - Gather Town"),
so a room is labelled only where the page's text holds it. The YAML and the grid were edited
separately: expect a few honest disagreements (titles like "Ouverture des journées" vs "Accueil").
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from bench.truth._build import document, norm, person, session

YEAR = 2021
_MONTHS = {"juin": 6, "juillet": 7, "mai": 5}
_DAY = re.compile(r"(?P<d>\d{1,2})\s+(?P<m>\w+)", re.IGNORECASE)
_TIME = re.compile(r"(\d{1,2})h(\d{2})?")


def convert(folder: Path) -> dict[str, Any]:
    days = yaml.safe_load((folder / "programme.yml").read_text(encoding="utf-8"))
    page_text = (folder / "planning.md").read_text(encoding="utf-8")
    sessions = []
    for day in days:
        match = _DAY.search(day["day"])
        date = f"{YEAR}-{_MONTHS[match.group('m').lower()]:02d}-{int(match.group('d')):02d}" if match else None
        for item in day["sessions"]:
            times = [f"{int(h):02d}:{m or '00'}" for h, m in _TIME.findall(str(item.get("time", "")))]
            room = item.get("room")
            speakers = [person(norm(a)) for a in re.split(r",| et ", str(item["author"]))] if item.get("author") else []
            sessions.append(
                session(
                    str(item["title"]),
                    day=date,
                    start=times[0] if times else None,
                    end=times[1] if len(times) > 1 else None,
                    room=room if room and room in page_text else None,
                    speakers=speakers,
                )
            )
    # The grid's headings have no year ("Mardi 22 juin"); its users read it in spring 2021, when the
    # commit was made, and the parser resolves the year from the date it reads a page as of.
    return document(sessions, language="fr", layout="grid-days-as-columns", as_of="2021-05-01")
