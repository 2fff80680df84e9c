"""A session's slot as datetimes in its event's time zone: what calendars and schedule apps need."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from extractor.errors import InputError
from extractor.models import Programme, Session


def zone_of(programme: Programme) -> ZoneInfo | None:
    if not programme.timezone:
        return None
    try:
        return ZoneInfo(programme.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(f"unknown time zone {programme.timezone!r} in the records of "
                         f"{programme.source.location}: pass --tz ZONE") from None


def session_times(session: Session, zone: tzinfo | None) -> tuple[datetime, datetime | None] | None:
    """(start, end) of a timed session, aware in `zone` (naive, i.e. floating, without one); None when the
    session has no day or no start. An end before the start is on the next day (a session past midnight)."""
    slot = session.slot
    if not slot.day or not slot.start:
        return None
    day = date.fromisoformat(slot.day)
    start = datetime.combine(day, time.fromisoformat(slot.start), zone)
    if not slot.end:
        return start, None
    end = datetime.combine(day, time.fromisoformat(slot.end), zone)
    return start, end + timedelta(days=1) if end < start else end
