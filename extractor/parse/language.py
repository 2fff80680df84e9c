"""Page language from the document's declaration, else from stop-word counts."""

from __future__ import annotations

import re
from collections.abc import Iterable

from extractor.lexicon import language_code, lexicon
from extractor.models import Language

_WORD = re.compile(r"[a-zà-ÿ']+")
SAMPLE_WORDS = 1500  # enough to tell French from English; more only costs time


def detect_language(texts: Iterable[str], declared: str | None = None) -> Language | None:
    code = language_code(declared)
    if code:
        return code
    stopwords = lexicon().stopwords
    counts = dict.fromkeys(stopwords, 0)
    seen = 0
    for text in texts:
        for word in _WORD.findall(text.lower()):
            seen += 1
            for lang, words in stopwords.items():
                if word in words:
                    counts[lang] += 1
        if seen > SAMPLE_WORDS:
            break
    best = max(counts, key=lambda lang: counts[lang])
    return language_code(best) if counts[best] >= 3 and counts[best] > 1.5 * min(counts.values()) else None
