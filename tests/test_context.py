"""Page-level context: the event's year and days, read from the whole page before its records."""

from __future__ import annotations

from datetime import date

import pytest

from extractor.parse.context import PageContext, build_context, date_mentions
from extractor.parse.dates import match_day

READ_ON = date(2026, 12, 1)


@pytest.mark.parametrize(("text", "days"), [
    ("June 28 & 29, 2018", ["2018-06-28", "2018-06-29"]),
    ("du 14 au 16 juin 2019", ["2019-06-14", "2019-06-15", "2019-06-16"]),
    ("Wednesday, November 19, 2025", ["2025-11-19"]),
    ("Colloque, 12 mars 2026, Québec", ["2026-03-12"]),
    ("24-26 July 2026", ["2026-07-24", "2026-07-25", "2026-07-26"]),
    ("2019-10-24", ["2019-10-24"]),
])
def test_stated_dates_and_ranges(text: str, days: list[str]) -> None:
    context = build_context([text], READ_ON)
    assert [d.isoformat() for d in context.dates] == days


def test_a_yearless_heading_takes_the_year_the_page_states() -> None:
    context = build_context(["Programme", "© 2013 ISMIR", "Monday Nov.4"], READ_ON, titles=["ISMIR 2013"])
    assert context.year == 2013
    found = match_day("Sunday Nov. 3", context)
    assert found is not None and found[0] == date(2013, 11, 3)


def test_weekday_headings_take_their_date_from_the_event_dates() -> None:
    context = build_context(["The workshop runs June 28 & 29, 2018.", "Thursday", "Friday"], READ_ON)
    assert context.weekday(3) == date(2018, 6, 28) and context.weekday(4) == date(2018, 6, 29)
    assert context.weekday(0) is None


def test_without_a_year_on_the_page_a_weekday_must_fit_near_the_reading_date() -> None:
    bare = PageContext(reference=READ_ON)
    found = match_day("Mardi 4 juillet", bare)  # a Tuesday in 2023 and 2028, not in 2025-2027
    assert found is not None and found[0] is None
    assert date_mentions("Mardi 4 juillet")[0].weekday == 1


def test_far_away_dates_are_not_the_events_days() -> None:
    context = build_context(["Deadline: March 1, 2018", "Conference: June 28 & 29, 2018"], READ_ON)
    assert [d.isoformat() for d in context.dates] == ["2018-06-28", "2018-06-29"]
