"""Typographic folding: two texts that fold equal differ only cosmetically (GUIDE §3).

Folding forgives what a page editor changes without meaning anything: curly versus
straight quotes, dash styles, no-break and thin spaces, runs of whitespace, French
spacing before high punctuation, and Unicode composition. Case and wording stay.
"""

from __future__ import annotations

import re
import unicodedata

_CHARS = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u02bc": "'", "\u2032": "'",
    "\u00b4": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-",
    "\u2212": "-", "\u00ad": None, "\u200b": None, "\u2060": None, "\ufeff": None,
})
_SPACE = re.compile(r"\s+")
# French typography puts a (thin) space before ; : ! ? and inside « »; English does not.
_SPACE_BEFORE_PUNCT = re.compile(r" (?=[;:!?\"),.])")
_SPACE_AFTER_OPEN = re.compile(r'(?<=[("]) ')


def fold(text: str | None) -> str:
    """A comparison key: equal folds mean the difference is typography or whitespace only."""
    if not text:
        return ""
    # NFKC turns no-break and thin spaces into spaces and composes accents (e + ◌́ = é).
    folded = unicodedata.normalize("NFKC", text).translate(_CHARS)
    folded = _SPACE.sub(" ", folded).strip()
    folded = _SPACE_BEFORE_PUNCT.sub("", folded)
    return _SPACE_AFTER_OPEN.sub("", folded)
