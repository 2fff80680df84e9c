"""A section that tells the programme again is no programme of its own.

After the timed programme, many pages go over the talks once more: "Talks List", "Description des
ateliers", abstracts with speaker bios. Their headings name the talks a little differently ("Bandit:
Python application security auditing with Bandit" becomes "Python application security auditing with
bandit"), and their bullet points, requirements and bios read like more untimed sessions. A stretch of
sessions without a time of their own, a good share of which name sessions met before, is such a section:
what it says of a known session fills that session's gaps, and the rest of it is not read as sessions.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from extractor.parse.draft import Draft
from extractor.parse.merge import absorb, mention_key

MIN_RETOLD = 3  # sessions named again before a stretch is judged a retelling…
RETOLD_SHARE = 1 / 3  # …and this share of the stretch from the first of them on
MIN_KEY_CHARS = 12  # "Keynote", "Pause": short names repeat for real
MIN_WORDS = 3
SIMILARITY = 90.0  # rapidfuzz token_set_ratio: the same words, give or take a repeated name or a label…
MIN_LENGTH_SHARE = 0.6  # …and not a few words of a longer name ("Introduction to Bro", a bullet point)
MAX_CANDIDATES = 16  # earlier sessions a name is compared with: linear on a hostile page


def drop_retellings(drafts: list[Draft]) -> list[Draft]:
    dropped: set[int] = set()
    index: dict[str, list[int]] = {}  # a word -> the earlier sessions whose names hold it
    start = 0
    while start < len(drafts):
        end = start
        while end < len(drafts) and not _own_time(drafts[end]):
            end += 1
        if end - start >= MIN_RETOLD:
            dropped |= _retelling(drafts, start, end, index)
        for i in range(start, max(end, start + 1)):
            if i not in dropped:
                _remember(index, i, drafts[i])
        start = max(end, start + 1)
    return [d for i, d in enumerate(drafts) if i not in dropped]


def _retelling(drafts: list[Draft], start: int, end: int, index: dict[str, list[int]]) -> set[int]:
    """The sessions of drafts[start:end] to drop: from the first one naming a known session on."""
    originals: dict[int, int] = {}
    for i in range(start, end):
        found = _named_before(drafts[i], drafts, index)
        if found is not None:
            originals[i] = found
    if len(originals) < MIN_RETOLD:
        return set()
    first = min(originals)
    if first > start and _bare(drafts[first - 1]):
        first -= 1  # the section's own heading ("Talks List")
    told = sum(1 for i in originals if i >= first)
    if told < RETOLD_SHARE * (end - first):
        return set()
    for i, original in originals.items():
        absorb(drafts[original], drafts[i])
    return set(range(first, end))


def _named_before(draft: Draft, drafts: list[Draft], index: dict[str, list[int]]) -> int | None:
    name = mention_key(draft.title)
    words = name.split()
    if len(name) < MIN_KEY_CHARS or len(words) < MIN_WORDS:
        return None
    rarest = max(words, key=len)
    for i in index.get(rarest, []):
        other = mention_key(drafts[i].title)
        if min(len(name), len(other)) >= MIN_LENGTH_SHARE * max(len(name), len(other)) \
                and fuzz.token_set_ratio(name, other) >= SIMILARITY:
            return i
    return None


def _remember(index: dict[str, list[int]], i: int, draft: Draft) -> None:
    name = mention_key(draft.title)
    if len(name) < MIN_KEY_CHARS:
        return
    for word in set(name.split()):
        known = index.setdefault(word, [])
        if len(known) < MAX_CANDIDATES:
            known.append(i)


def _own_time(draft: Draft) -> bool:
    """Timed by its own line (or row), not by a slot opened above it."""
    return draft.table is not None or draft.dated or (draft.after_slot_line and draft.slot.start is not None)


def _bare(draft: Draft) -> bool:
    return draft.block is not None and draft.block.heading > 0 and not draft.has_own_details()
