"""The page's own time zone, when it states one: in its structured data (schema.org `scheduleTimezone`, the
UTC offset of a `startDate`), or in its text ("heure de Paris", "(EST)", "UTC+2", "Eastern Time"; the words
are lexicon.zones'). A hook of the pipeline, read after the records: no parser rule depends on it, and the
user's zone (--tz, the watch file) wins over it.

In order: a zone the structured data names; a zone the text states (the first one: a page giving its times
in two zones writes its own first); a zone of the one UTC offset the structured data's dates carry, as a
fixed offset (`Etc/GMT-2` is UTC+2: the Etc names count the other way), since an offset names no place.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from lxml import html

from extractor.lexicon.zones import OFFSET_BASES, PARENTHESES_ONLY, ZONE_ABBREVIATIONS, ZONE_PHRASES
from extractor.options import known_timezone
from extractor.parse.structured.jsonld import SCRIPT_XPATH

# Of text searched for a stated zone (the page's banner and footer first): pages say it once, near the top
# or beside the first times; the search costs about 0.3 s a megabyte.
MAX_CHARS = 200_000
_ISO_OFFSET = re.compile(r"T\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)$")
_DATA_XPATH = f"{SCRIPT_XPATH} | //*[@itemprop='startDate' or @itemprop='endDate' or @itemprop='scheduleTimezone']"


def page_timezone(texts: Iterable[str], root: html.HtmlElement | None = None) -> str | None:
    """The IANA zone the page states, or None."""
    named, offsets = _structured(root) if root is not None else (None, set())
    return named or stated_zone(texts) or _offset_zone(offsets)


def stated_zone(texts: Iterable[str]) -> str | None:
    """The first zone the text states, or None."""
    kept: list[str] = []
    budget = MAX_CHARS
    for text in texts:
        if budget <= 0:
            break
        kept.append(text[:budget])
        budget -= len(kept[-1]) + 1
    for match in _stated_re().finditer("\n".join(kept).replace("’", "'")):
        zone = _zone_of(match)
        if zone:
            return zone
    return None


@cache
def _stated_re() -> re.Pattern[str]:
    def alternation(words: Iterable[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    meridiem = r"\s?[AaPp]\.?\s?[Mm]\.?"
    clock = rf"\d{{1,2}}(?:(?:[:h]\d{{2}}|\s?h)(?:{meridiem})?|{meridiem})"  # a time, not any number
    after = [a for a in ZONE_ABBREVIATIONS if a not in PARENTHESES_ONLY]
    said = r"\b(?:in|en|times?|heures?)\s?:?"  # "times in CET", "heures en HNE"
    offset = r"(?!\s?[+−–-]\s?\d)"  # "18:00 UTC+1" is an offset, read by the last branch
    return re.compile(
        rf"(?P<phrase>(?i:\b(?:{alternation(ZONE_PHRASES)})\b))"
        rf"|\(\s*(?P<paren>{alternation(ZONE_ABBREVIATIONS)})\s*\)"
        rf"|(?:(?<![\d:]){clock}|{said})\s*(?P<after>{alternation(after)})\b{offset}"
        rf"|\b(?:{alternation(OFFSET_BASES)})\s?(?P<sign>[+−–-])\s?(?P<hours>\d{{1,2}})(?::?(?P<minutes>\d{{2}}))?\b"
    )


def _zone_of(match: re.Match[str]) -> str | None:
    if match.group("phrase"):
        return ZONE_PHRASES[match.group("phrase").lower()]
    abbreviation = match.group("paren") or match.group("after")
    if abbreviation:
        return ZONE_ABBREVIATIONS[abbreviation]
    sign = -1 if match.group("sign") in "−–-" else 1
    return _offset_zone({sign * (int(match.group("hours")) * 60 + int(match.group("minutes") or 0))})


def _offset_zone(offsets: set[int]) -> str | None:
    """The zone of one offset from UTC, in minutes; None for none, several, or one that is no whole hour."""
    if len(offsets) != 1:
        return None
    minutes = offsets.pop()
    if minutes % 60 or not -12 * 60 <= minutes <= 14 * 60:
        return None
    hours = minutes // 60
    return "UTC" if hours == 0 else f"Etc/GMT{-hours:+d}"


def _structured(root: html.HtmlElement) -> tuple[str | None, set[int]]:
    """The zone the page's schema.org data names (JSON-LD or microdata), and the UTC offsets of its dates."""
    named: str | None = None
    offsets: set[int] = set()
    for element in root.xpath(_DATA_XPATH):
        if element.tag == "script":
            try:
                pairs = list(_pairs(json.loads(element.text or "")))
            except (ValueError, RecursionError):
                continue
        else:
            value = element.get("content") or element.get("datetime") or "".join(element.itertext())
            pairs = [(element.get("itemprop"), value)]
        for key, value in pairs:
            if not isinstance(value, str):
                continue
            if key == "scheduleTimezone" and named is None:
                named = _known_zone(value.strip())
            elif key in ("startDate", "endDate"):
                match = _ISO_OFFSET.search(value.strip())
                if match:
                    offsets.add(_minutes(match.group(1)))
    return named, offsets


def _pairs(node: Any, depth: int = 0) -> Iterator[tuple[str, Any]]:
    if depth > 20:  # no real document nests this deep
        return
    if isinstance(node, dict):
        for key, value in node.items():
            yield key, value
            yield from _pairs(value, depth + 1)
    elif isinstance(node, list):
        for item in node:
            yield from _pairs(item, depth + 1)


def _minutes(offset: str) -> int:
    if offset == "Z":
        return 0
    digits = offset[1:].replace(":", "")
    minutes = int(digits[:2]) * 60 + int(digits[2:] or 0)
    return -minutes if offset[0] == "-" else minutes


def _known_zone(name: str) -> str | None:
    return name if known_timezone(name) else None
