"""Text normalisation shared by every stage."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[\s\u00a0\u202f\u2007\u2009\u200a\u3000]+")
# A regex, not str.translate: translate with a dict walks long strings in Python-level steps.
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad"  # with LRM and RLM marks
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")


def norm(text: str) -> str:
    """Whitespace-normalise: no-break spaces become spaces, runs collapse, ends trimmed."""
    # str.split() knows Unicode spaces (no-break, narrow, ideographic); it is the fastest way here.
    if not text.isascii():
        for ch in _INVISIBLE_CHARS:
            if ch in text:
                text = text.replace(ch, "")
    return " ".join(text.split())


_DECORATION = re.compile(
    "^[\\s\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F\u200D\u20E3]+"
    "|[\\s\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F\u200D\u20E3]+$"
)


def undecorated(text: str) -> str:
    """Pictograms opening or closing a line are decoration, not words: "🕒 Conférence", "Talos ⚡️☸️"."""
    return _DECORATION.sub("", text) if not text.isascii() else text


def unaccented_key(text: str) -> str:
    """Comparison key: lowercase, accents and typographic variants removed, spaces collapsed."""
    text = unicodedata.normalize("NFKD", _INVISIBLE.sub("", text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("’", "'").replace("‘", "'").replace("–", "-").replace("—", "-")
    return _SPACES.sub(" ", text).strip().lower()


def key(text: str) -> str:
    """Cheap look-up key for normalised text: lowercase, typographic apostrophe folded.

    Tables index both the accented and the accent-free spelling of each entry (see
    lexicon.variants), so this is enough for exact-line look-ups on the hot path.
    """
    return text.lower().replace("’", "'")


_DIGIT = re.compile(r"\d")


def has_digit(text: str, start: int = 0) -> bool:
    """A digit anywhere from `start` on (in C: lines are tested by the thousand)."""
    return _DIGIT.search(text, start) is not None
