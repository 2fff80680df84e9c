"""iCalendar (RFC 5545) with the icalendar library: one VEVENT per timed session.

UID is the session's global key (changes.keys), so calendar apps update events in place; SEQUENCE counts
the session's changes across stored snapshots (changes.revisions); STATUS is TENTATIVE while the room or
description is provisional, CONFIRMED once final, CANCELLED for a session gone from a stored page.
Times are in the event's time zone (a VTIMEZONE is included), or floating when the record has none.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime

from icalendar import Calendar, Event

from extractor.about import __version__
from extractor.changes.keys import global_key, session_key
from extractor.changes.revisions import Revisions
from extractor.export.feed import Exported, Feed
from extractor.export.people import speaker_label
from extractor.export.zones import session_times, zone_of
from extractor.models import Session


def to_ics(feeds: Iterable[Feed]) -> Exported:
    calendar = Calendar()
    calendar.add("prodid", f"-//extractor//extractor {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    warnings: list[str] = []
    days: list[date] = []
    feeds = list(feeds)
    for feed in feeds:
        programme = feed.programme
        zone = zone_of(programme)
        revisions = feed.revisions or Revisions()
        cancelled = {id(s) for s in revisions.removed}
        untimed = 0
        for session in [*programme.sessions, *revisions.removed]:
            times = session_times(session, zone)
            if times is None:
                untimed += id(session) not in cancelled
                continue
            days.append(times[0].date())
            event = _event(feed, session, times, revisions.sequence, id(session) in cancelled)
            calendar.add_component(event)
        where = programme.source.location if feed.page == programme.source.location else feed.page
        if zone is None:
            warnings.append(f"{where}: no time zone: calendar times are floating (pass --tz ZONE, "
                            "or tz = in the watch file)")
        if untimed:
            warnings.append(f"{where}: {untimed} session(s) without a day or start time are not in the calendar "
                            "(--date fills the day of pages that name none)")
    if len(feeds) == 1 and feeds[0].programme.title:
        calendar.add("x-wr-calname", feeds[0].programme.title)
    if days:
        # VTIMEZONEs for the years the events span only: the zone's full history would dwarf the events.
        calendar.add_missing_timezones(date(min(days).year, 1, 1), date(max(days).year + 1, 1, 1))
    return Exported(calendar.to_ical(), warnings)


def _event(feed: Feed, session: Session, times: tuple[datetime, datetime | None], sequence: dict[str, int],
           cancelled: bool) -> Event:
    event = Event()
    event.add("uid", global_key(feed.page, session))
    event.add("dtstamp", feed.programme.source.retrieved_at.astimezone(UTC))
    event.add("sequence", sequence.get(session_key(feed.page, session), 0))
    event.add("summary", session.title)
    event.add("dtstart", times[0])
    if times[1] is not None:
        event.add("dtend", times[1])
    event.add("status", "CANCELLED" if cancelled else "TENTATIVE" if provisional(session) else "CONFIRMED")
    if session.room:
        event.add("location", session.room.name or session.room.raw)
    description = describe(session)
    if description:
        event.add("description", description)
    if session.format:
        event.add("categories", [session.format])
    if feed.page.startswith(("http://", "https://")):
        event.add("url", feed.page)
    return event


def provisional(session: Session) -> bool:
    """Its room or its description is not final yet."""
    return bool((session.room and session.room.provisional)
                or (session.description and session.description.provisional))


def describe(session: Session) -> str:
    """Speakers one per line, then the description, under its label when the page marks it provisional."""
    lines = [speaker_label(s) + (f" [{s.role}]" if s.role else "") for s in session.speakers]
    desc = session.description
    if desc:
        if lines:
            lines.append("")
        if desc.provisional and desc.label:
            lines.append(desc.label)
        lines.append(desc.text)
    return "\n".join(lines)

