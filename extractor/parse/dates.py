"""Day headings: "Mercredi 19 novembre 2025", "Jeudi 20 nov", "Wednesday, November 19", "2025-11-19",
"Thursday" (a weekday whose date the rest of the page gives). Years and weekdays are completed from the
page's context (extractor.parse.context)."""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from extractor.lexicon import lexicon
from extractor.parse.context import DateMention, PageContext, weekday_prefix
from extractor.textkit.normalise import has_digit

MAX_HEADING_EXTRA = 18
_TRAILING_NOTE = re.compile(r"\s*\([^()]{1,60}\)\s*$")
_WORDS = re.compile(r"[^\W\d_]+")
_ISO = re.compile(r"\d{4}-\d\d-\d\d")  # characters a day heading may carry besides the date ("Jour 1 – ")


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    lex = lexicon()
    wd = "|".join(sorted(map(re.escape, lex.weekdays), key=len, reverse=True))
    mo = "|".join(sorted(map(re.escape, lex.months), key=len, reverse=True))
    day = r"(?P<day>[0-3]?\d)(?:er|e|st|nd|rd|th)?\.?"
    year = r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
    weekday = weekday_prefix(wd)
    return (
        re.compile(rf"{weekday}{day}\s+(?:de\s+)?(?P<month>{mo})\.?{year}\b", re.I),  # mercredi 19 novembre 2025
        re.compile(rf"{weekday}(?P<month>{mo})(?:\.\s*|\s+){day}{year}\b", re.I),  # Wednesday, Nov. 19, 2025
        re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
    )


def match_day(line: str, context: PageContext) -> tuple[date | None, str] | None:
    """If the line is a day heading, return (date or None if impossible, raw text)."""
    if len(line) > 90 or not has_digit(line):
        return None
    numbered = weekday_and_number(line, context) or _numeric(line, context)
    if numbered is not None:
        return numbered
    if line.endswith(")"):
        line = _TRAILING_NOTE.sub("", line)  # "Tuesday, December 3, 2024 (Pre-conference workshops)"
    line = lexicon().day_number_re.sub(" ", line).strip() or line  # "September 26th - Day 1"
    if len(line) > 60:
        return None
    words = _WORDS.findall(line.lower())
    months = lexicon().months
    if not any(w in months for w in words) and not _ISO.search(line):
        return None
    for pattern in _patterns():
        m = pattern.search(line)
        if not m or len(line) - len(m.group(0)) > MAX_HEADING_EXTRA:
            continue
        if not m.groupdict().get("wd") and not m.group("year") and len(line) - len(m.group(0)) > 2:
            continue  # "19 nov" inside other words is not a heading without a weekday or year
        return context.resolve(_mention(m)), m.group(0)
    return None


_WEEKDAY_NUMBER = re.compile(r"^(?P<wd>[^\W\d_]+)\.?,?\s+(?P<day>[0-3]?\d)(?:er|e|st|nd|rd|th)?\.?$")


def weekday_and_number(line: str, context: PageContext) -> tuple[date | None, str] | None:
    """"jeudi 23", "Friday 14th": a day heading without its month, dated from the event's days."""
    m = _WEEKDAY_NUMBER.match(line.strip()) if len(line) <= 24 else None
    weekday = lexicon().weekdays.get(m.group("wd").lower()) if m else None
    if m is None or weekday is None:
        return None
    number = int(m.group("day"))
    found = [d for d in context.dates if d.day == number and d.weekday() == weekday]
    if not found and context.year is not None:  # "Monday 25" on a page about "March 2024"
        found = [d for d in (_day(context.year, month, number) for month in context.months)
                 if d is not None and d.weekday() == weekday]
    return (found[0] if len(found) == 1 else None), m.group(0)


def _day(year: int, month: int, number: int) -> date | None:
    try:
        return date(year, month, number)
    except ValueError:
        return None


@cache
def _numeric_pattern() -> re.Pattern[str]:
    wd = "|".join(sorted(map(re.escape, lexicon().weekdays), key=len, reverse=True))
    return re.compile(rf"^(?:(?P<wd>{wd})\.?,?\s+)?(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)"
                      rf"(?:[/.](?P<year>(?:19|20)?\d\d))?$", re.I)


def _numeric(line: str, context: PageContext) -> tuple[date | None, str] | None:
    """`Sunday 10/26`, `mardi 14/05/2024`: a numeric date with its weekday or its year. Day and month are
    told apart by the numbers (26 is no month) or by the weekday."""
    m = _numeric_pattern().match(line.strip()) if len(line) <= 40 else None
    if m is None or not (m.group("wd") or m.group("year")):
        return None
    weekday = lexicon().weekdays.get((m.group("wd") or "").lower())
    year = int(m.group("year")) if m.group("year") else None
    if year is not None and year < 100:
        year += 2000
    a, b = int(m.group("a")), int(m.group("b"))
    found = {d for d in (context.resolve(DateMention(day, month, year, weekday)) for day, month in ((a, b), (b, a))
                         if 1 <= month <= 12) if d is not None and (weekday is None or d.weekday() == weekday)}
    return (found.pop() if len(found) == 1 else None), m.group(0)


def weekday_of(text: str) -> int | None:
    """"Thursday", "jeudi :", "Sat.": a weekday alone (0 = Monday), else None."""
    word = text.strip().rstrip(" :.,").lower()
    return lexicon().weekdays.get(word) if len(word) <= 12 else None


def weekday_before_time(text: str) -> int | None:
    """The day part of `Wed 10:00`, `Me 10:00`, `Jeu. 9h`: a weekday, or its short form (only before a time)."""
    word = text.strip().rstrip(" :.,").lower()
    found = weekday_of(word)
    return found if found is not None else lexicon().weekday_codes.get(word)


def _mention(m: re.Match[str]) -> DateMention:
    lex = lexicon()
    groups = m.groupdict()
    month = int(groups["mnum"]) if groups.get("mnum") else lex.months[groups["month"].lower()]
    weekday = lex.weekdays.get((groups.get("wd") or "").lower())
    year = int(groups["year"]) if groups.get("year") else None
    return DateMention(int(groups["day"]), month, year, weekday)


def dates_in(text: str, context: PageContext) -> list[date]:
    """Full dates (with a year) anywhere in running text: "Colloque X, 12 mars 2026, Québec."."""
    if not has_digit(text):
        return []
    found = []
    for pattern in _patterns():
        for m in pattern.finditer(text):
            if m.groupdict().get("year"):
                resolved = context.resolve(_mention(m))
                if resolved:
                    found.append(resolved)
    return found


TRAILING_DATE_CHARS = 48


def trailing_day(line: str, context: PageContext) -> tuple[date, str] | None:
    """`Tester son application Samedi 14 septembre` (before `de 9h30 à 10h`): a title, then its date."""
    tail = line[-TRAILING_DATE_CHARS:]
    if not has_digit(tail):
        return None
    for pattern in _patterns()[:2]:
        for m in pattern.finditer(tail):
            if m.end() == len(tail.rstrip(" ,;:–—-")) and (m.group("year") or m.groupdict().get("wd")):
                resolved = context.resolve(_mention(m))
                before = line[: len(line) - len(tail) + m.start()].rstrip(" ,;:–—-")
                if resolved and sum(c.isalpha() for c in before) >= MIN_TITLE_LETTERS:
                    return resolved, before
    return None


MIN_TITLE_LETTERS = 4


def leading_day(line: str, context: PageContext) -> tuple[date | None, str] | None:
    """`2 juillet 2026, 14h - 15h — Salle 4`, `Saturday 10:00`, `Tuesday: 14:00 - 15:30`: a date, or a
    weekday, opening a line; returns its day (None when the page does not say which) and the rest."""
    if not line[:1].isalnum() or not has_digit(line[:40]):
        return None
    for pattern in _patterns():
        m = pattern.match(line)
        if m and (m.group("year") or m.groupdict().get("wd")):
            resolved = context.resolve(_mention(m))
            rest = line[m.end():].lstrip(" ,;:–—-")
            if resolved and rest:
                return resolved, rest
    word = _WORDS.match(line)
    weekday = lexicon().weekdays.get(word.group(0).lower()) if word else None
    if word is not None and weekday is not None:
        rest = line[word.end():].lstrip(" .,;:–—-")
        if rest[:1].isdigit():
            return context.weekday(weekday), rest
    return None
