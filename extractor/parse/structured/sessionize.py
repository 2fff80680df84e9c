"""Sessionize embeds (list and grid views): `.sz-session` elements with `__title`, `__speakers`,
`__room`, `__time` (text in event time; `data-sztz` holds the UTC range) and `__description`."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from lxml import html

from extractor.lexicon import language_code
from extractor.models import Slot, Speaker, Warning
from extractor.parse.structured._common import (
    Draft,
    StructuredResult,
    description,
    element_text,
    finish,
    first,
    norm,
    parse_clock,
    room,
    speaker,
    untitled,
)

KIND = "sessionize"
SESSION_XPATH = "//*[contains(concat(' ', normalize-space(@class), ' '), ' sz-session ')]"
_UTC = re.compile(r"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})")


def is_session(element: html.HtmlElement) -> bool:
    return "sz-session" in (element.get("class") or "").split()


def read(root: html.HtmlElement, location: str) -> StructuredResult | None:
    drafts: list[Draft] = []
    warnings: list[Warning] = []
    for element in root.xpath(SESSION_XPATH):
        title = element_text(first(element, ".//*[contains(@class, 'sz-session__title')]"))
        if not title:
            warnings.append(untitled(location, element, "Sessionize session"))
            continue
        drafts.append(
            Draft(
                title=title,
                slot=_slot(first(element, ".//*[contains(@class, 'sz-session__time')]")),
                room=room(element_text(first(element, ".//*[contains(@class, 'sz-session__room')]"))),
                speakers=_speakers(element),
                description=description(
                    element_text(first(element, ".//*[contains(@class, 'sz-session__description')]"))
                ),
            )
        )
    if not drafts:
        return None
    return finish(KIND, drafts, language=language_code(root.get("lang")), warnings=warnings)


def _speakers(element: html.HtmlElement) -> list[Speaker]:
    speakers: list[Speaker] = []
    container = first(element, ".//*[contains(@class, 'sz-session__speakers')]")
    if container is None:
        return speakers
    items = container.xpath(".//li") or [container]
    for item in items:
        raw = element_text(item)
        if not raw:
            continue
        # Sessionize shows the speaker's display name; a credential may follow a comma ("Ann Lee, PhD").
        name, _, credential = raw.partition(", ")
        speakers.append(speaker(name, raw=raw, credentials=[norm(credential)] if credential else []))
    return speakers


def _slot(element: html.HtmlElement | None) -> Slot:
    if element is None:
        return Slot()
    text = element_text(element)
    times = parse_clock(text)
    start = times[0] if times else None
    end = times[1] if len(times) > 1 else None
    return Slot(day=_local_day(element.get("data-sztz") or "", start), start=start, end=end, raw=text or None)


def _local_day(sztz: str, local_start: str | None) -> str | None:
    """The event-time date: the UTC start moved by the offset between it and the displayed start."""
    found = _UTC.findall(sztz)
    if not found:
        return None
    utc = datetime.fromisoformat(found[0])
    if local_start is None:
        return utc.date().isoformat()
    shown = utc.replace(hour=int(local_start[:2]), minute=int(local_start[3:]))
    offset = shown - utc
    # Offsets lie between -12h and +14h; bring the wall-clock difference into that range.
    if offset > timedelta(hours=14):
        offset -= timedelta(days=1)
    elif offset < timedelta(hours=-12):
        offset += timedelta(days=1)
    return (utc + offset).date().isoformat()
