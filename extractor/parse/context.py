"""What a page says about itself as a whole, read before its records: the event's year and dates.

Day headings often leave things out: "Mardi 22 juin" has no year, "Thursday" no date at all. A
reader fills them in from the rest of the page: the year of the dates it states ("June 28 & 29,
2018", "14 au 16 juin 2019"), of its title ("ISMIR 2010"), of its copyright line; a weekday from
the one date of the event that falls on it. What the page does not say stays unknown, except that
a date written without a year is read in the year around the reading date where its weekday fits
(a live page announces an event of this year or the next).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache

from extractor.lexicon import lexicon
from extractor.textkit.normalise import has_digit

EVENT_SPAN_DAYS = 14  # dates further apart than this are not one event's days
YEAR_WINDOW = 1  # a yearless date is placed at most this many years from the reading date
_SHORT_YEAR = re.compile(r"(?<=[A-Za-z] )['’](\d{2})\b")
_YEAR = re.compile(r"(?<![\d/.-])((?:19|20)\d\d)(?![\d/-])")


@dataclass(frozen=True)
class DateMention:
    day: int
    month: int
    year: int | None
    weekday: int | None


@dataclass
class PageContext:
    reference: date
    year: int | None = None  # the event's year, as the page states it
    dates: list[date] = field(default_factory=list)  # the event's days the page states, sorted
    weekday_dates: dict[int, date] = field(default_factory=dict)  # weekday -> the event's day on it
    places: frozenset[str] = frozenset()  # short lines that recur as the page's rooms ("Regency A")
    months: frozenset[int] = frozenset()  # months the page names with a year ("March 2024"), no day

    def resolve(self, mention: DateMention) -> date | None:
        """A date as written, completed with the page's year (or the reading date's, weekday permitting)."""
        if mention.year is not None:
            return _date(mention.year, mention.month, mention.day)
        if self.year is not None:
            for year in (self.year, self.year + 1, self.year - 1):
                found = _date(year, mention.month, mention.day)
                if found and (mention.weekday is None or found.weekday() == mention.weekday):
                    return found
            return _date(self.year, mention.month, mention.day)
        if mention.weekday is None:
            return None
        for offset in (0, 1, -1) if YEAR_WINDOW >= 1 else (0,):
            found = _date(self.reference.year + offset, mention.month, mention.day)
            if found and found.weekday() == mention.weekday:
                return found
        return None

    def weekday(self, weekday: int) -> date | None:
        """The event's day that falls on this weekday, when the page's dates say which it is."""
        return self.weekday_dates.get(weekday)


MAX_TITLE_CHARS = 160


def build_context(texts: Iterable[str], reference: date, titles: Iterable[str] = ()) -> PageContext:
    """Scan the page's lines (and its titles, which weigh more) for years and dates."""
    years: Counter[int] = Counter()
    mentions: list[DateMention] = []
    months: set[int] = set()
    latest = reference.year + 2
    for text in titles:
        if len(text) > MAX_TITLE_CHARS:
            continue  # a paragraph near the top ("… the 2011 edition ended in this park") is no title
        for y in _YEAR.findall(text):
            if 1990 <= int(y) <= latest:
                years[int(y)] += 2
        for short in _SHORT_YEAR.findall(text):  # "TAS '23", "DevFest ’19": the event's year, abridged
            year = 2000 + int(short) if 2000 + int(short) <= latest else 1900 + int(short)
            if year >= 1990:
                years[year] += 2
    stamp = lexicon().update_stamp_re
    for text in texts:
        if not has_digit(text) or stamp.search(text[:200]):
            continue
        found = date_mentions(text[:2000])
        mentions.extend(found)
        months.update(lexicon().months[m.group("month").lower()] for m in _month_year().finditer(text[:2000]))
        for mention in found:
            if mention.year is not None and 1990 <= mention.year <= latest:
                years[mention.year] += 3
        for y in _YEAR.findall(text[:2000]):
            if 1990 <= int(y) <= latest:
                years[int(y)] += 1
    context = PageContext(reference=reference, year=years.most_common(1)[0][0] if years else None,
                          months=frozenset(months))
    resolved = sorted({d for d in (context.resolve(m) for m in mentions) if d is not None})
    context.dates = _event_days(resolved, context.year)
    by_weekday: dict[int, set[date]] = {}
    for day in context.dates:
        by_weekday.setdefault(day.weekday(), set()).add(day)
    context.weekday_dates = {wd: next(iter(days)) for wd, days in by_weekday.items() if len(days) == 1}
    return context


def _event_days(days: list[date], year: int | None) -> list[date]:
    """The largest run of the page's dates no more than EVENT_SPAN_DAYS apart, in the event's year."""
    if year is not None:
        days = [d for d in days if abs(d.year - year) <= 1]
    best: list[date] = []
    start = 0
    for end in range(len(days)):
        while days[end] - days[start] > timedelta(days=EVENT_SPAN_DAYS):
            start += 1
        if end - start + 1 > len(best):
            best = days[start : end + 1]
    return best


@cache
def _month_year() -> re.Pattern[str]:
    mo = "|".join(sorted(map(re.escape, lexicon().months), key=len, reverse=True))
    return re.compile(rf"\b(?P<month>{mo})\.?\s+(?:19|20)\d\d\b", re.I)


def weekday_prefix(weekdays: str) -> str:
    """The optional weekday before a date, for the date patterns: "mercredi 19", "Saturday - 2 August",
    "Wednesday, the 19th" (`weekdays`: their alternation)."""
    return rf"(?:(?P<wd>{weekdays})\.?,?\s*(?:[-–—]\s*)?\s(?:(?:le|the)\s+)?)?"


@cache
def _mention_patterns() -> tuple[re.Pattern[str], ...]:
    lex = lexicon()
    wd = "|".join(sorted(map(re.escape, lex.weekdays), key=len, reverse=True))
    mo = "|".join(sorted(map(re.escape, lex.months), key=len, reverse=True))
    num = r"[0-3]?\d(?:er|e|st|nd|rd|th)?"
    joiner = r"\s*(?:[-–—&/]|,|\bau\b|\bet\b|\band\b|\bto\b)\s*"
    weekday = weekday_prefix(wd)
    year = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
    return (
        # "mercredi 19 novembre 2025", "14 au 16 juin 2019", "12. März 2024"
        re.compile(rf"\b{weekday}(?P<days>{num}(?:{joiner}{num})*)\.?\s+(?:de\s+)?(?P<month>{mo})\b\.?{year}", re.I),
        # "Wednesday, November 19, 2025", "June 28 & 29, 2018"
        re.compile(rf"\b{weekday}(?P<month>{mo})\.?\s+(?P<days>{num}(?:{joiner}{num})*)\b{year}", re.I),
        re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<days>[0-3]\d)\b"),
    )


_NUMBER = re.compile(r"\d+")


def date_mentions(text: str) -> list[DateMention]:
    """Every date written in the text, ranges expanded ("June 28 & 29" is two days)."""
    lex = lexicon()
    out: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for pattern in _mention_patterns():
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            groups = m.groupdict()
            month = int(groups["mnum"]) if groups.get("mnum") else lex.months[groups["month"].lower()]
            year = int(groups["year"]) if groups.get("year") else None
            days = [int(n) for n in _NUMBER.findall(groups["days"])]
            if not days or any(not 1 <= d <= 31 for d in days):
                continue
            if len(days) == 2 and days[1] > days[0] and days[1] - days[0] <= EVENT_SPAN_DAYS:
                days = list(range(days[0], days[1] + 1))  # "14 au 16 juin": the days between too
            weekday = lex.weekdays.get((groups.get("wd") or "").lower()) if len(days) == 1 else None
            out.extend(DateMention(d, month, year, weekday) for d in days)
            taken.append((m.start(), m.end()))
    return out


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
