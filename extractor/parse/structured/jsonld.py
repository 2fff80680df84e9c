"""schema.org Event data in JSON-LD (and, through microdata.py, in microdata).

A programme is an Event whose `subEvent`s are the sessions, or several top-level Events. A lone
Event without sub-events describes the conference, not its programme: the text path reads those.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from collections.abc import Iterator
from typing import Any

from lxml import html

from extractor.lexicon import language_code
from extractor.models import Slot, Speaker, Warning
from extractor.parse.structured._common import (
    Draft,
    StructuredResult,
    description,
    finish,
    norm,
    room,
    speaker,
    valid_day,
)

KIND = "jsonld"
SCRIPT_XPATH = "//script[contains(translate(@type, 'LDJSON', 'ldjson'), 'ld+json')]"
_ISO = re.compile(r"^(?P<day>\d{4}-\d{2}-\d{2})(?:[T ](?P<h>\d{2}):(?P<m>\d{2}))?")
_ISO_DURATION = re.compile(r"^P(?:\d+D)?T?(?:(?P<h>\d+)H)?(?:(?P<m>\d+)M)?", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]+>")
_SUB_KEYS = ("subEvent", "subEvents")
_PEOPLE_KEYS = ("performer", "performers", "actor")


def is_script(element: html.HtmlElement) -> bool:
    return element.tag == "script" and "ld+json" in (element.get("type") or "").lower()


def read(root: html.HtmlElement, location: str) -> StructuredResult | None:
    warnings: list[Warning] = []
    nodes: list[Any] = []
    for index, script in enumerate(root.xpath(SCRIPT_XPATH)):
        text = (script.text or "").strip()
        text = text.removeprefix("<!--").removesuffix("-->").strip()
        if not text:
            continue
        try:
            nodes.append(json.loads(text))
        except (ValueError, RecursionError) as exc:
            warnings.append(
                Warning(where=f"{location}#ld+json[{index}]", text=text[:200], reason=f"invalid JSON-LD: {exc}")
            )
    return read_items(nodes, location, root.get("lang"), warnings)


def read_items(
    nodes: list[Any], location: str, page_lang: str | None = None, warnings: list[Warning] | None = None
) -> StructuredResult | None:
    """Sessions from already-decoded schema.org items (JSON-LD documents or microdata as dicts)."""
    warnings = warnings if warnings is not None else []
    items = list(_items(nodes))
    by_id = {item["@id"]: item for item in items if isinstance(item.get("@id"), str) and len(item) > 1}
    events = [item for item in items if is_event(item)]
    if not events:
        return None
    parents = [event for event in events if any(_as_list(event.get(key)) for key in _SUB_KEYS)]
    drafts: list[Draft] = []
    title: str | None = None
    language = None
    if parents:
        seen: set[int] = set()
        for parent in parents:
            if id(parent) in seen:  # already read as another event's sub-event
                continue
            seen.add(id(parent))
            title = title or _text(parent.get("name"))
            language = language or language_code(_text(parent.get("inLanguage")))
            drafts.extend(_flatten(parent, by_id, seen))
    elif len(events) >= 2:
        drafts.extend(d for event in events if (d := _draft(event)) is not None)
    if not drafts:
        return None
    return finish(KIND, drafts, title=title, language=language or language_code(page_lang), warnings=warnings)


def is_event(item: Any) -> bool:
    if not isinstance(item, dict):
        return False
    types = [str(t).rsplit("/", 1)[-1] for t in _as_list(item.get("@type"))]
    return any(t.endswith("Event") or t in ("Festival", "Hackathon") for t in types)


def _items(nodes: list[Any], depth: int = 0) -> Iterator[Any]:
    if depth > 20:  # no real document nests lists or graphs this deep
        return
    for node in nodes:
        if isinstance(node, list):
            yield from _items(node, depth + 1)
        elif isinstance(node, dict):
            if "@graph" in node:
                yield from _items(_as_list(node["@graph"]), depth + 1)
            else:
                yield node


def _flatten(parent: dict[str, Any], by_id: dict[str, Any], seen: set[int]) -> Iterator[Draft]:
    """Sub-events in order, each followed by its own sub-events, each event once (`seen`);
    `{"@id": …}` references are resolved, so a cycle of references ends at the first repeat."""
    for key in _SUB_KEYS:
        for child in _as_list(parent.get(key)):
            if isinstance(child, dict) and set(child) == {"@id"}:
                child = by_id.get(child["@id"], child)
            if id(child) in seen:
                continue
            if not is_event(child) and not (isinstance(child, dict) and child.get("name")):
                continue
            seen.add(id(child))
            draft = _draft(child)
            if draft is not None:
                yield draft
            yield from _flatten(child, by_id, seen)


def _draft(event: dict[str, Any]) -> Draft | None:
    title = _text(event.get("name"))
    if not title:
        return None
    start_day, start = _date_time(event.get("startDate"))
    end_day, end = _date_time(event.get("endDate"))
    if end is None and start is not None:
        end = _plus_duration(start, _text(event.get("duration")))
    raw = " – ".join(p for p in (_text(event.get("startDate")), _text(event.get("endDate"))) if p) or None
    return Draft(
        title=title,
        slot=Slot(day=start_day or end_day, start=start, end=end, raw=raw),
        room=room(_place(event.get("location"))),
        speakers=[s for key in _PEOPLE_KEYS for s in _people(event.get(key))],
        description=description(_strip_html(_text(event.get("description")))),
    )


def _date_time(value: Any) -> tuple[str | None, str | None]:
    match = _ISO.match(_text(value))
    if not match or valid_day(match.group("day")) is None:
        return None, None
    clock = f"{match.group('h')}:{match.group('m')}" if match.group("h") else None
    if clock and (int(clock[:2]) > 23 or int(clock[3:]) > 59):
        clock = None
    return match.group("day"), clock


def _plus_duration(start: str, duration: str) -> str | None:
    match = _ISO_DURATION.match(duration)
    if not match or not (match.group("h") or match.group("m")):
        return None
    total = int(start[:2]) * 60 + int(start[3:]) + int(match.group("h") or 0) * 60 + int(match.group("m") or 0)
    return f"{total // 60 % 24:02d}:{total % 60:02d}"


def _place(value: Any) -> str | None:
    for item in _as_list(value):
        if isinstance(item, str) and norm(item):
            return item
        if isinstance(item, dict):
            name = _text(item.get("name"))
            if name:
                return name
    return None


def _people(value: Any) -> Iterator[Speaker]:
    for item in _as_list(value):
        if isinstance(item, str) and norm(item):
            yield speaker(item)
        elif isinstance(item, dict) and _text(item.get("name")):
            name = _text(item.get("name"))
            affiliation = _place(item.get("affiliation")) or _place(item.get("worksFor"))
            titles = [norm(t) for t in _as_list(item.get("jobTitle")) if isinstance(t, str) and norm(t)]
            yield speaker(
                name,
                affiliation,
                raw=", ".join([name, *titles, *([affiliation] if affiliation else [])]),
                titles=titles,
            )


def _strip_html(text: str) -> str:
    return html_lib.unescape(_TAGS.sub(" ", text)) if "<" in text else html_lib.unescape(text)


def _text(value: Any) -> str:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str | int | float)), None)
    if isinstance(value, dict):
        value = value.get("@value") or value.get("name")
    return norm(str(value)) if isinstance(value, str | int | float) else ""


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
