"""Session ids (GUIDE §2): a stable slug of the title, unique within a document. Pure functions."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Letters NFKD does not decompose into ASCII.
_FOLD = str.maketrans(
    {
        "œ": "oe",
        "Œ": "OE",
        "æ": "ae",
        "Æ": "AE",
        "ß": "ss",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "þ": "th",
        "Þ": "Th",
        "ð": "d",
        "Ð": "D",
        "ı": "i",
    }
)
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
FALLBACK = "session"


_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_LIGATURES = re.compile("[" + "".join(chr(c) for c in _FOLD) + "]")


def ascii_fold(text: str) -> str:
    """Drop accents and fold ligatures: 'Études œuvre' -> 'Etudes oeuvre'; other non-ASCII -> space."""
    if text.isascii():
        return text
    # Regexes rather than a per-character generator: this runs once per session title.
    if _LIGATURES.search(text):
        text = text.translate(_FOLD)
    decomposed = unicodedata.normalize("NFKD", text)
    return _NON_ASCII.sub(" ", _COMBINING.sub("", decomposed))


def slugify(title: str) -> str:
    """ASCII-folded, lowercase, runs of anything else become one hyphen; never empty."""
    slug = _NON_ALNUM.sub("-", ascii_fold(title).lower()).strip("-")
    return slug or FALLBACK


def unique_ids(titles: Iterable[str]) -> list[str]:
    """Slugs in order; a repeated slug gets -2, -3, … (skipping any suffix already taken).

    Linear: each slug remembers the next suffix to try, so 10,000 "Pause" do not rescan 2, 3, ….
    """
    slugs = [slugify(t) for t in titles]
    taken: set[str] = set(slugs)
    seen: set[str] = set()
    next_suffix: dict[str, int] = {}
    out: list[str] = []
    for slug in slugs:
        if slug not in seen:
            seen.add(slug)
            out.append(slug)
            continue
        n = next_suffix.get(slug, 2)
        while f"{slug}-{n}" in taken or f"{slug}-{n}" in seen:
            n += 1
        next_suffix[slug] = n + 1
        candidate = f"{slug}-{n}"
        seen.add(candidate)
        taken.add(candidate)
        out.append(candidate)
    return out
