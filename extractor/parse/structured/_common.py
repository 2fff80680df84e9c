"""Helpers shared by the structured readers: text of elements, times, record builders. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from lxml import html

from extractor.models import Description, Language, Room, Session, Slot, Speaker, Warning
from extractor.parse.blocks import BLOCK_TAGS
from extractor.textkit import normalise
from extractor.textkit.slug import unique_ids

_SEPARATING = BLOCK_TAGS | {"br"}  # a space wherever the page breaks the line


@dataclass(frozen=True)
class StructuredResult:
    """What a structured reader found: sessions ready for the Programme, and what it could not read."""

    kind: str
    title: str | None = None
    language: Language | None = None
    sessions: list[Session] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)


@dataclass
class Draft:
    """A session before ids are assigned (ids need every title of the document)."""

    title: str
    slot: Slot = field(default_factory=Slot)
    format: str | None = None
    room: Room | None = None
    speakers: list[Speaker] = field(default_factory=list)
    description: Description | None = None


def norm(text: str | None) -> str:
    """Whitespace-normalised text, "" for none (structured data often leaves fields out)."""
    return normalise.norm(text) if text else ""


_DURATION = re.compile(r"(?:(?P<h>\d+)\s*h)?\s*(?:(?P<m>\d+)\s*m(?:in)?)?", re.IGNORECASE)


def duration_minutes(text: str) -> int | None:
    """"1h 30min", "45m", "2h" -> minutes; None when no duration is written."""
    match = _DURATION.search(text)
    if not match or not (match.group("h") or match.group("m")):
        return None
    return int(match.group("h") or 0) * 60 + int(match.group("m") or 0)


def element_text(element: html.HtmlElement | None) -> str:
    """Visible text of an element, with a space wherever a block or <br> separates two runs."""
    if element is None:
        return ""
    parts: list[str] = []
    for node in element.iter():
        if not isinstance(node.tag, str) or node.tag in ("script", "style"):
            # comments, processing instructions, scripts: only their tail is text
            if node is not element and node.tail:
                parts.append(node.tail)
            continue
        if node.tag in _SEPARATING:
            parts.append(" ")
        if node.text:
            parts.append(node.text)
        if node is not element:
            if node.tag in _SEPARATING:
                parts.append(" ")
            if node.tail:
                parts.append(node.tail)
    return norm("".join(parts))


def untitled(location: str, element: html.HtmlElement, what: str) -> Warning:
    """The warning for an item a reader found but cannot name: kept, never dropped silently."""
    return Warning(where=f"{location}#{element.get('id') or ''}", text=element_text(element)[:200],
                   reason=f"{what} without a title")


def first(element: html.HtmlElement, xpath: str) -> html.HtmlElement | None:
    found = element.xpath(xpath)
    return found[0] if found else None


def valid_day(text: str | None) -> str | None:
    """'2025-03-17' if it is a real calendar day, else None."""
    try:
        return date.fromisoformat(text).isoformat() if text else None
    except ValueError:
        return None


def hhmm(value: datetime) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


_TIME_12H = re.compile(
    r"(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ap>[ap])\.?\s*m\.?|(?P<h24>\d{1,2}):(?P<m24>\d{2})",
    re.IGNORECASE,
)


def parse_clock(text: str) -> list[str]:
    """Every clock time in text as HH:MM: '10:20 am - 1:05 pm' -> ['10:20', '13:05']; '13:00' -> ['13:00']."""
    times: list[str] = []
    for match in _TIME_12H.finditer(text):
        if match.group("h"):
            hour, minute = int(match.group("h")), int(match.group("m") or 0)
            if hour > 12 or minute > 59:
                continue
            hour = hour % 12 + (12 if match.group("ap").lower() == "p" else 0)
        else:
            hour, minute = int(match.group("h24")), int(match.group("m24"))
            if hour > 23 or minute > 59:
                continue
        times.append(f"{hour:02d}:{minute:02d}")
    return times



def room(name: str | None) -> Room | None:
    name = norm(name)
    return Room(name=name, provisional=False, raw=name) if name else None


def description(text: str | None) -> Description | None:
    text = norm(text)
    return Description(text=text, provisional=False, label=None) if text else None


def speaker(name: str, affiliation: str | None = None, raw: str | None = None, **extra: object) -> Speaker:
    return Speaker(
        name=norm(name),
        affiliation=norm(affiliation) or None,
        raw=norm(raw if raw is not None else name),
        **extra,  # type: ignore[arg-type]
    )




def finish(
    kind: str,
    drafts: list[Draft],
    *,
    title: str | None = None,
    language: Language | None = None,
    warnings: list[Warning] | None = None,
) -> StructuredResult:
    """Give drafts their ids (slugs, unique in the document) and wrap them in a result."""
    ids = unique_ids(d.title for d in drafts)
    sessions = [
        Session(
            id=sid,
            slot=d.slot,
            format=d.format,
            title=d.title,
            room=d.room,
            speakers=d.speakers,
            description=d.description,
        )
        for sid, d in zip(ids, drafts, strict=True)
    ]
    return StructuredResult(
        kind=kind, title=norm(title) or None, language=language, sessions=sessions, warnings=warnings or []
    )
