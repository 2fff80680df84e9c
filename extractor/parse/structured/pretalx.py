"""pretalx's no-JavaScript schedule (`/schedule/nojs`): one `div.pretalx-session` per talk or break,
grouped in `div.pretalx-list-day` panels, each preceded by a radio `input` whose id is the date."""

from __future__ import annotations

import re

from lxml import html

from extractor.lexicon import language_code
from extractor.models import Slot, Speaker, Warning
from extractor.parse.structured._common import (
    Draft,
    StructuredResult,
    description,
    duration_minutes,
    element_text,
    finish,
    first,
    norm,
    parse_clock,
    room,
    speaker,
    untitled,
    valid_day,
)
from extractor.parse.times import add_minutes

KIND = "pretalx"
SESSION_XPATH = ".//div[contains(concat(' ', normalize-space(@class), ' '), ' pretalx-session ')]"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_BRACKETED = re.compile(r"^(?P<name>[^\[\]]+?)\s*\[(?P<aff>[^\[\]]*)\]$")


def is_session(element: html.HtmlElement) -> bool:
    return "pretalx-session" in (element.get("class") or "").split()


def read(root: html.HtmlElement, location: str) -> StructuredResult | None:
    drafts: list[Draft] = []
    warnings: list[Warning] = []
    days = root.xpath("//div[contains(@class, 'pretalx-list-day')]")
    groups: list[tuple[str | None, list[html.HtmlElement]]] = (
        [(_day_of(day), day.xpath(SESSION_XPATH)) for day in days] if days else [(None, root.xpath(SESSION_XPATH))]
    )
    for day, elements in groups:
        for element in elements:
            draft = _session(element, day, location, warnings)
            if draft is not None:
                drafts.append(draft)
    if not drafts:
        return None
    title = element_text(first(root, "//header//h1")) or None
    return finish(KIND, drafts, title=title, language=language_code(root.get("lang")), warnings=warnings)


def _day_of(panel: html.HtmlElement) -> str | None:
    previous = panel.getprevious()
    while previous is not None and previous.tag != "input" and not isinstance(previous.tag, str):
        previous = previous.getprevious()
    if previous is not None and previous.tag == "input" and _DATE.match(previous.get("id") or ""):
        return valid_day(previous.get("id"))
    return None


def _session(element: html.HtmlElement, day: str | None, location: str, warnings: list[Warning]) -> Draft | None:
    title = element_text(first(element, ".//div[@class='title']"))
    if not title:
        warnings.append(untitled(location, element, "pretalx session"))
        return None
    start_text = element_text(first(element, ".//div[@class='start']"))
    duration_text = element_text(first(element, ".//div[@class='duration']"))
    starts = parse_clock(start_text)
    start = starts[0] if starts else None
    end = None
    minutes = duration_minutes(duration_text)
    if start and minutes is not None:
        end = add_minutes(start, minutes)
    raw = " ".join(part for part in (start_text, duration_text) if part) or None
    return Draft(
        title=title,
        slot=Slot(day=day, start=start, end=end, raw=raw),
        room=room(element_text(first(element, ".//div[@class='room']"))),
        speakers=split_speakers(element_text(first(element, ".//div[@class='speakers']"))),
        description=description(element_text(first(element, ".//div[@class='abstract']"))),
    )



def split_speakers(text: str) -> list[Speaker]:
    """'Ann Lee [Ohio SC], Bo Ma' -> two speakers; brackets hold the affiliation and may contain commas."""
    speakers: list[Speaker] = []
    depth, current = 0, list[str]()
    for char in norm(text) + ",":
        if char == "[":
            depth += 1
        elif char == "]":
            depth = max(depth - 1, 0)
        if char == "," and depth == 0:
            raw = norm("".join(current))
            current = []
            if raw:
                match = _BRACKETED.match(raw)
                if match:
                    speakers.append(speaker(match.group("name"), match.group("aff"), raw))
                else:
                    speakers.append(speaker(raw))
            continue
        current.append(char)
    return speakers
