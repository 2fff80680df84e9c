"""The frab / c3voc schedule (`schedule.xml`, `schedule.json`) that schedule apps import (Giggity,
EventFahrplan, ConfClerk). One structure (`schedule`) feeds both: JSON as it is, XML built with lxml.

The format puts sessions in rooms within days, with times carrying a UTC offset: it needs the event's
time zone (InputError without one) and sessions with a day and a start (the others are left out, with a
warning). Required fields are never empty: a provisional room is its text as the page writes it
("Salle à venir"), noted in the session's description; a session without a room is in room "—".
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from lxml import etree

from extractor.about import __version__
from extractor.changes.keys import global_key, page_digest
from extractor.errors import InputError
from extractor.export.feed import Exported, Feed
from extractor.export.ics import provisional
from extractor.export.zones import session_times, zone_of
from extractor.models import Programme, Session
from extractor.textkit.slug import slugify

NO_ROOM = "—"
SCHEMA_URL = "https://c3voc.de/schedule/schema.json"
_MAX_ID = 2**31 - 1


def schedule(feed: Feed) -> tuple[dict[str, Any], list[str]]:
    """The schedule.json document of one page, and warnings."""
    programme = feed.programme
    zone = zone_of(programme)
    if zone is None:
        raise InputError(f"{feed.page}: the frab formats need the event's time zone: pass --tz ZONE "
                         "(or tz = in the watch file)")
    timed = [(s, t) for s in programme.sessions if (t := session_times(s, zone)) is not None]
    warnings = []
    if len(timed) < len(programme.sessions):
        warnings.append(f"{feed.page}: {len(programme.sessions) - len(timed)} session(s) without a day or start "
                        "time are not in the schedule (--date fills the day of pages that name none)")
    acronym = _acronym(programme, feed.page)
    ids: set[int] = set()
    days: dict[str, list[tuple[Session, datetime, datetime]]] = {}
    for session, (start, end) in sorted(timed, key=lambda st: st[1][0]):
        days.setdefault(start.date().isoformat(), []).append((session, start, end or start))
    day_docs: list[dict[str, Any]] = []
    room_names: dict[str, None] = {}  # every room, in the order first met
    for index, (day, items) in enumerate(days.items(), start=1):
        rooms: dict[str, list[dict[str, Any]]] = {}
        for session, start, end in items:
            event = _event(feed, session, start, end, acronym, ids)
            rooms.setdefault(event["room"], []).append(event)
            room_names[event["room"]] = None
        day_docs.append({"index": index, "date": day, "day_start": min(i[1] for i in items).isoformat(),
                         "day_end": max(i[2] for i in items).isoformat(), "rooms": rooms})
    conference = {
        "acronym": acronym,
        "title": programme.title or feed.page,
        "start": next(iter(days), programme.source.retrieved_at.date().isoformat()),
        "end": next(reversed(days), programme.source.retrieved_at.date().isoformat()),
        "daysCount": len(days),
        "timeslot_duration": "00:05",
        "time_zone_name": programme.timezone,
        "url": _url(feed),
        "rooms": [{"name": name, "guid": str(_uuid(f"room:{feed.page}:{name}"))} for name in room_names],
        "days": day_docs,
    }
    doc = {"$schema": SCHEMA_URL, "generator": {"name": "extractor", "version": __version__},
           "schedule": {"version": programme.source.sha256[:12], "conference": conference}}
    return doc, warnings


def to_frab_json(feed: Feed) -> Exported:
    doc, warnings = schedule(feed)
    return Exported((json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8"), warnings)


def to_frab_xml(feed: Feed) -> Exported:
    doc, warnings = schedule(feed)
    conference = doc["schedule"]["conference"]
    root = etree.Element("schedule")
    etree.SubElement(root, "generator", name="extractor", version=__version__)
    _text(root, "version", doc["schedule"]["version"])
    conf = etree.SubElement(root, "conference")
    for name in ("acronym", "title", "start", "end"):
        _text(conf, name, conference[name])
    _text(conf, "days", str(conference["daysCount"]))
    _text(conf, "timeslot_duration", conference["timeslot_duration"])
    if conference["url"].startswith(("http://", "https://")):
        _text(conf, "url", conference["url"])
    _text(conf, "time_zone_name", conference["time_zone_name"])
    for day in conference["days"]:
        day_el = etree.SubElement(root, "day", date=day["date"], start=day["day_start"], end=day["day_end"],
                                  index=str(day["index"]))
        for room_name, events in day["rooms"].items():
            room_el = etree.SubElement(day_el, "room", name=room_name)
            for event in events:
                _xml_event(room_el, event)
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return Exported(data, warnings)


def _event(feed: Feed, session: Session, start: datetime, end: datetime, acronym: str,
           ids: set[int]) -> dict[str, Any]:
    key = global_key(feed.page, session)
    room = session.room
    notes = [f"provisional: {', '.join(_provisional_parts(session))}"] if provisional(session) else []
    return {
        "id": _unique_id(key, ids),
        "guid": str(_uuid(key)),
        "date": start.isoformat(),
        "start": start.strftime("%H:%M"),
        "duration": _duration(end - start),
        "room": (room.name or room.raw) if room else NO_ROOM,
        "slug": f"{acronym}-{session.id}",
        "url": _url(feed),
        "title": session.title,
        "subtitle": "",
        "track": session.format,
        "type": session.format or "other",
        "language": feed.programme.language,
        "abstract": session.description.text if session.description else "",
        "description": "\n".join(notes) or None,
        "persons": [{"id": _unique_id(f"{key}:{p.name}", set()), "guid": str(_uuid(f"person:{p.name}")),
                     "public_name": p.name} for p in session.speakers],
        "links": [],
    }


def _xml_event(parent: etree._Element, event: dict[str, Any]) -> None:
    el = etree.SubElement(parent, "event", id=str(event["id"]), guid=event["guid"])
    for name in ("room", "title", "subtitle", "type", "date", "start", "duration", "abstract"):
        _text(el, name, event[name] or "")
    _text(el, "track", event["track"] or "")
    persons = etree.SubElement(el, "persons")
    for person in event["persons"]:
        etree.SubElement(persons, "person", id=str(person["id"]), guid=person["guid"]).text = person["public_name"]
    if event["language"]:
        _text(el, "language", event["language"])
    if event["description"]:
        _text(el, "description", event["description"])
    if event["url"].startswith(("http://", "https://")):
        _text(el, "url", event["url"])


def _text(parent: etree._Element, tag: str, text: str) -> etree._Element:
    el = etree.SubElement(parent, tag)
    el.text = text
    return el


def _provisional_parts(session: Session) -> Iterable[str]:
    if session.room and session.room.provisional:
        yield "room"
    if session.description and session.description.provisional:
        yield "description"


def _duration(span: timedelta) -> str:
    minutes = int(span.total_seconds()) // 60
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _uuid(name: str) -> uuid.UUID:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"extractor:{name}")


def _unique_id(key: str, taken: set[int]) -> int:
    """A positive integer derived from the key (stable across exports), moved on past any already taken."""
    number = int(hashlib.sha256(key.encode("utf-8")).hexdigest()[:8], 16) % _MAX_ID + 1
    while number in taken:
        number = number % _MAX_ID + 1
    taken.add(number)
    return number


def _acronym(programme: Programme, page: str) -> str:
    """Lowercase letters, digits and underscores, at least 4 (the schemas' pattern)."""
    base = slugify(programme.title).replace("-", "_")[:40].strip("_") if programme.title else ""
    return base if len(base) >= 4 else f"extractor_{page_digest(page)[:8]}"


def _url(feed: Feed) -> str:
    location = feed.programme.source.location
    if location.startswith(("http://", "https://", "file://")):
        return location
    if location.startswith("/"):
        return "file://" + location
    return f"urn:extractor:{page_digest(feed.page)}"
