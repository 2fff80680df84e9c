"""Parse options shared by the library and the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from extractor.errors import InputError

DEFAULT_PARSE_DEADLINE = 60.0


@dataclass(frozen=True)
class ParseOptions:
    lang: str | None = None  # "fr", "en" or None to detect
    default_date: date | None = None  # fills slot.day when the page names no day
    # The date the page is read as of (default: when it was retrieved): day headings without a year
    # ("Mardi 22 juin") take the nearest year in which that weekday and date agree.
    reference_date: date | None = None
    timezone: str | None = None  # IANA name given by the user (--tz, the watch file): the Programme's zone
    # Seconds one page may take to parse (None: no limit). Generous: every stage is linear, and a
    # loaded machine must not turn a normal page into an error.
    deadline: float | None = DEFAULT_PARSE_DEADLINE

    @classmethod
    def from_cli(cls, lang: str | None = "auto", date: str | None = None, as_of: str | None = None,
                 tz: str | None = None, deadline: float | None = None) -> ParseOptions:
        return cls(lang=None if lang in (None, "auto") else lang, default_date=parse_iso_date(date),
                   reference_date=parse_iso_date(as_of, "--as-of"), timezone=check_timezone(tz),
                   deadline=DEFAULT_PARSE_DEADLINE if deadline is None else deadline)


def parse_iso_date(value: str | None, option: str = "--date") -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{option} must be YYYY-MM-DD, not {value!r}") from None


def known_timezone(name: str) -> bool:
    """The zone database knows this name."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def check_timezone(name: str | None, option: str = "--tz") -> str | None:
    """An IANA time zone name, checked against the zone database; None stays None."""
    if not name:
        return None
    if not known_timezone(name):
        raise InputError(f"{option}: unknown time zone {name!r} (write an IANA name such as Europe/Paris "
                         "or America/Toronto)")
    return name
