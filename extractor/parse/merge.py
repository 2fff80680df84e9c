"""One session, mentioned several times on a page, comes out once.

Programmes are often listed twice: a grid or an overview first, the details after (abstracts, speaker
bios, "Keynote 1: …" sections). Each mention carries part of the session: its time from the grid, its
speakers and description from the details. Mentions are the same session when their titles are the
same words and their times do not disagree; the first timed mention keeps its place and takes what the
others add. Two timed mentions at different times are two sessions ("Pause" at 10:00 and at 15:00).
"""

from __future__ import annotations

import re
import unicodedata

from extractor.parse.draft import Draft
from extractor.parse.memo import memoised
from extractor.textkit.slug import ascii_fold

MIN_UNIQUE_CHARS = 30  # a title this long names one session, whatever day its details section seems under
MIN_DISTINCT_CHARS = 12  # shorter titles ("Lunch", "Q&A") repeat for real; only timed mentions merge
MAX_MENTIONS = 16  # earlier mentions of one title a new one is compared with: linear on a hostile page
_NON_WORD = re.compile(r"[\W_]+")


MIN_OVERVIEW = 3  # timed sessions a table needs before it can be judged an overview
OVERVIEW_SHARE = 0.6  # of them found again elsewhere, same day and start, with more detail


def drop_overviews(drafts: list[Draft]) -> list[Draft]:
    """A table whose sessions the rest of the page gives again, at the same times, under the same names
    and with more detail, is an overview of the programme (a week at a glance): its cells are not
    sessions of their own. The poorest tables are judged first, so of two tables giving each other's
    sessions only the overview goes."""
    tables: dict[int, list[Draft]] = {}
    for draft in drafts:
        if draft.table is not None:
            tables.setdefault(draft.table, []).append(draft)
    dropped: set[int] = set()
    for table, members in sorted(tables.items(), key=lambda t: sum(m.detail() for m in t[1]) / len(t[1])):
        timed = [m for m in members if m.slot.start and m.slot.day]  # undated: no telling two days apart
        if len(timed) < MIN_OVERVIEW:
            continue
        elsewhere: dict[tuple[str | None, str | None], list[Draft]] = {}
        for draft in drafts:
            if draft.table != table and draft.table not in dropped and draft.slot.start and draft.slot.day:
                elsewhere.setdefault((draft.slot.day, draft.slot.start), []).append(draft)
        found = 0
        detail = 0
        for m in timed:
            again = [d for d in elsewhere.get((m.slot.day, m.slot.start), []) if _named_alike(m.title, d.title)]
            if again:
                found += 1
                detail += max(d.detail() for d in again)
        if found >= OVERVIEW_SHARE * len(timed) and detail > sum(m.detail() for m in timed):
            dropped.add(table)
    return [d for d in drafts if d.table not in dropped]


_ADDED_PART = frozenset("(:,–—-[")


@memoised
def _named_alike(a: str, b: str) -> bool:
    """`Poster session 1` and `Poster session 1 (19 posters)`, `Keynote` and `Keynote: Music and Cognition`."""
    ka, kb = mention_key(a), mention_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    short, long_ = sorted((" ".join(a.split()), " ".join(b.split())), key=len)
    head = short.rstrip(")").rstrip()
    # What the longer name adds is set apart ("(", ":", ","), not more words of a name ("… Cont.").
    return long_.casefold().startswith(head.casefold()) and long_[len(head):].lstrip()[:1] in _ADDED_PART


@memoised
def mention_key(title: str) -> str:
    folded = ascii_fold(unicodedata.normalize("NFKC", title)).casefold()
    return " ".join(_NON_WORD.sub(" ", folded).split())


def merge_mentions(drafts: list[Draft]) -> list[Draft]:
    kept: list[Draft] = []
    by_key: dict[str, list[Draft]] = {}
    by_slot: dict[tuple[str, str, str | None], list[Draft]] = {}
    for draft in drafts:
        key = mention_key(draft.title)
        if len(key) < MIN_DISTINCT_CHARS:
            same = _again(draft, key, by_key.get(key, []))
            if same is None:
                kept.append(draft)
                if draft.slot.day and draft.slot.start and len(by_key.setdefault(key, [])) < MAX_MENTIONS:
                    by_key[key].append(draft)
            else:
                absorb(same, draft)
            continue
        same = next((k for k in by_key.get(key, []) if _same_session(k, draft, key)), None)
        slot = (draft.slot.day, draft.slot.start, draft.slot.end) if draft.slot.day and draft.slot.start else None
        if same is None and slot is not None:
            # `Poster session 2 (18 posters, see below)` in the grid, `Poster session 2 (18 posters)` over
            # its posters: one name the start of the other, at the very same time
            same = next((k for k in by_slot.get(slot, []) if _named_alike(k.title, draft.title)
                         and _same_session(k, draft, key)), None)
        if same is None:
            kept.append(draft)
            mentions = by_key.setdefault(key, [])
            if len(mentions) < MAX_MENTIONS:
                mentions.append(draft)
            if slot is not None:
                by_slot.setdefault(slot, []).append(draft)
        else:
            absorb(same, draft)
    return kept


def _again(draft: Draft, key: str, earlier: list[Draft]) -> Draft | None:
    """A short name ("Lunch", "Break") is the same session only said again at the very same day, time and
    place (a page's desktop grid and its mobile copy), never in the same table."""
    if not (draft.slot.day and draft.slot.start):
        return None
    return next((k for k in earlier if k.slot == draft.slot and k.room == draft.room
                 and (k.table is None or k.table != draft.table) and mention_key(k.title) == key), None)


def _same_session(a: Draft, b: Draft, key: str) -> bool:
    if not key or (a.table is not None and a.table == b.table):
        return False  # two cells of one table are two sessions (breakfast every day of a week grid)
    # A long title's details took a day from the heading above them (the last day's, after the grid):
    # the same long title at the same time, or untimed, is the same session; a paper given twice, each
    # time with its authors, is two.
    retold = len(key) >= MIN_UNIQUE_CHARS and not (a.dated or b.dated) and not (a.speakers and b.speakers) and (
        not (a.slot.start and b.slot.start) or (a.slot.start == b.slot.start and _told(a) != _told(b)))
    if a.slot.day and b.slot.day and a.slot.day != b.slot.day and not retold:
        return False
    if a.slot.start and b.slot.start:
        if not (a.slot.day and b.slot.day) and a.day_index != b.day_index and not retold:
            return False  # two undated days: "Registration 08:00" on each is two sessions
        return a.slot.start == b.slot.start and (a.room is None or b.room is None or a.room == b.room) and (
            len(key) >= MIN_DISTINCT_CHARS)
    return len(key) >= MIN_DISTINCT_CHARS


def _told(draft: Draft) -> bool:
    """The mention that tells about the session (a grid's cell does not)."""
    return bool(draft.description or draft.speakers)


def absorb(kept: Draft, other: Draft) -> None:
    """Fill what the kept mention lacks from the other one."""
    if not kept.slot.start and other.slot.start:
        kept.slot = other.slot
    elif kept.slot.start and not kept.slot.end and other.slot.end and other.slot.start == kept.slot.start:
        kept.slot = kept.slot.model_copy(update={"end": other.slot.end})
    if not kept.slot.day and other.slot.day:
        kept.slot = kept.slot.model_copy(update={"day": other.slot.day})
    kept.room = kept.room or other.room
    kept.format = kept.format or other.format
    kept.description = kept.description or other.description
    if not kept.speakers or (len(other.speakers) == len(kept.speakers) and _richer(other, kept)) or _more(other, kept):
        kept.speakers = other.speakers or kept.speakers


def _richer(a: Draft, b: Draft) -> bool:
    """Mentions name the same people; one may also give their affiliations."""
    return sum(bool(s.affiliation) for s in a.speakers) > sum(bool(s.affiliation) for s in b.speakers)


def _more(a: Draft, b: Draft) -> bool:
    """The programme names the first author, the details all of them: `Ana Ruiz` / `Ana Ruiz, Bo Ma, Lea Roy`."""
    names = {mention_key(s.name) for s in a.speakers}
    return len(a.speakers) > len(b.speakers) and all(mention_key(s.name) in names for s in b.speakers)

