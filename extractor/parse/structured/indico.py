"""Indico meeting pages (`/event/N/` of a meeting or lecture): the timetable is rendered on the
server as `ul.meeting-timetable` lists inside `li#day-YYYY-MM-DD`, one `li.timetable-item` per
contribution, break or session block; a block's talks sit in its `ul.meeting-sub-timetable`."""

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
)
from extractor.parse.times import add_minutes

KIND = "indico"
ITEM_XPATH = "//li[contains(concat(' ', normalize-space(@class), ' '), ' timetable-item ')]"
_BODY = "./div[contains(@class, 'timetable-item-body')]"
_HEADER = f"{_BODY}/div[contains(@class, 'timetable-item-header')]"
_LOCATION = (
    f"{_HEADER}/span[contains(@class, 'location-info')]/span[@class='text']"
    " | ./span[contains(@class, 'location-info')]/span[@class='text']"
)
_DAY_ID = re.compile(r"^day-(\d{4}-\d{2}-\d{2})$")
_CREDENTIAL_TITLES = {"dr", "dr.", "prof", "prof.", "professor"}


def is_timetable(element: html.HtmlElement) -> bool:
    return "meeting-timetable" in (element.get("class") or "").split()


def read(root: html.HtmlElement, location: str) -> StructuredResult | None:
    drafts: list[Draft] = []
    warnings: list[Warning] = []
    for item in root.xpath(ITEM_XPATH):
        title = element_text(first(item, f"{_HEADER}/span[contains(@class, 'timetable-title')]"))
        if not title:
            warnings.append(untitled(location, item, "Indico timetable item"))
            continue
        drafts.append(
            Draft(
                title=title,
                slot=_slot(item),
                room=room(element_text(first(item, _LOCATION))),
                speakers=_speakers(item),
                description=description(
                    element_text(first(item, f"{_BODY}/div[@itemprop='description'] | ./div[@itemprop='description']"))
                ),
            )
        )
    if not drafts:
        return None
    page_title = element_text(first(root, "//div[contains(@class, 'event-header')]//h1")) or None
    return finish(KIND, drafts, title=page_title, language=language_code(root.get("lang")), warnings=warnings)


def _slot(item: html.HtmlElement) -> Slot:
    time_box = first(item, "./span[contains(@class, 'timetable-time')]")
    start_text = element_text(first(time_box, ".//span[@class='start-time']")) if time_box is not None else ""
    end_text = element_text(first(time_box, ".//span[@class='end-time']")) if time_box is not None else ""
    starts, ends = parse_clock(start_text), parse_clock(end_text)
    start = starts[0] if starts else None
    end = ends[0] if ends else None
    duration = element_text(first(item, f"{_HEADER}/span[contains(@class, 'timetable-duration')]"))
    if end is None and start is not None:
        minutes = duration_minutes(duration)
        end = add_minutes(start, minutes) if minutes else None
    raw = " – ".join(p for p in (start_text, end_text) if p) or duration or None
    return Slot(day=_day(item), start=start, end=end, raw=raw)


def _day(item: html.HtmlElement) -> str | None:
    for ancestor in item.iterancestors("li"):
        match = _DAY_ID.match(ancestor.get("id") or "")
        if match:
            return match.group(1)
    return None



def _speakers(item: html.HtmlElement) -> list[Speaker]:
    speakers: list[Speaker] = []
    lists = item.xpath(f"{_BODY}/div[contains(@class, 'speaker-list') or contains(@class, 'convener-list')]")
    for people in lists:
        for entry in people.xpath("./span[not(contains(@class, 'label'))]"):
            name = element_text(first(entry, "./span[not(@class)]"))
            if not name:
                continue
            affiliation = element_text(first(entry, ".//span[@class='affiliation']/span[@class='text']"))
            honorific = norm(element_text(first(entry, "./span[@class='speaker-title']")))
            speakers.append(
                speaker(
                    name,
                    affiliation.strip("()") or None,
                    raw=norm(" ".join(entry.itertext())),
                    credentials=[honorific] if honorific.lower() in _CREDENTIAL_TITLES else [],
                )
            )
    return speakers
