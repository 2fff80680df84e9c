"""CHR 2024's programme.md (the Hugo page's own source, mostly raw HTML) -> expected sessions.

Weak truth: it is the page's source, read with the structure its author gave it: each day's overview
table (time, title, location) and each detailed session heading ("Session 1A: … (13:30-15:00)" with
"Building: 1324, Room: 011"). Papers inside sessions are not labelled, so the labels are incomplete.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any, cast

from lxml import html

from bench.truth._build import document, norm, session

_TIMES = re.compile(r"(\d{1,2}):(\d{2})")
_HEADING_TIME = re.compile(r"\s*\((\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\)\s*$")


def convert(folder: Path) -> dict[str, Any]:
    source = (folder / "programme.md").read_text(encoding="utf-8")
    root = cast(html.HtmlElement, html.fromstring(source.split("---", 2)[-1]))
    sessions: list[dict[str, Any]] = []
    day: str | None = None
    for element in list(root.iter("h2", "tr", "div")):
        if element.tag == "h2":
            day = _date(element.text_content()) or day
        elif element.tag == "tr" and element.xpath("./td[@class='time']"):
            sessions.append(_overview_row(element, day))
        elif element.tag == "div" and "session-block" in (element.get("class") or ""):
            found = _block(element, day)
            if found:
                sessions.append(found)
    return document(sessions, title="CHR 2024", language="en", complete=False, layout="hugo-tabs-tables")


def _date(text: str) -> str | None:
    match = re.search(r"([A-Z][a-z]+ \d{1,2}, \d{4})", norm(text))
    return datetime.strptime(match.group(1), "%B %d, %Y").date().isoformat() if match else None


def _overview_row(row: html.HtmlElement, day: str | None) -> dict[str, Any]:
    time_cell, content = row.xpath("./td")[:2]
    times = [f"{int(h):02d}:{m}" for h, m in _TIMES.findall(time_cell.text_content())]
    location = content.xpath(".//div[@class='location']")
    room = norm(location[0].text_content()) if location else None
    for div in location:
        div.drop_tree()
    return session(
        norm(content.text_content()),
        day=day,
        start=times[0] if times else None,
        end=times[1] if len(times) > 1 else None,
        room=room,
    )


def _block(block: html.HtmlElement, day: str | None) -> dict[str, Any] | None:
    heading = block.xpath("./h3")
    if not heading:
        return None
    text = norm(heading[0].text_content())
    match = _HEADING_TIME.search(text)
    title = _HEADING_TIME.sub("", text)
    meta = block.xpath(".//span[@class='meta-section']")
    room = norm(meta[0].text_content()) if meta else None
    return session(
        title,
        day=day,
        start=f"{int(match.group(1)[:-3]):02d}:{match.group(1)[-2:]}" if match else None,
        end=f"{int(match.group(2)[:-3]):02d}:{match.group(2)[-2:]}" if match else None,
        room=room,
    )
