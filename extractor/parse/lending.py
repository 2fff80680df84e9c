"""Passes over a page's sessions once all are read: what a heading, a panel or a block lends the
sessions under it."""

from __future__ import annotations

from lxml import etree

from extractor.models import Room, Slot
from extractor.parse.blocks import Block
from extractor.parse.classify import format_label, is_occasion
from extractor.parse.draft import Draft
from extractor.parse.times import minutes_of


def parallel_sections_are_rooms(drafts: list[Draft], rooms: set[str]) -> None:
    """Headings whose sessions run at the same times as another heading's, the same day, are rooms or
    tracks ("1 - Belvédère", "2 - Chalet"): they become the room of their sessions that have none."""
    by_day: dict[str | None, dict[str, list[tuple[int, int]]]] = {}
    for d in drafts:
        if d.section and d.slot.start:
            start = minutes_of(d.slot.start)
            end = minutes_of(d.slot.end) if d.slot.end else start + 1
            by_day.setdefault(d.slot.day, {}).setdefault(d.section, []).append((start, max(end, start + 1)))
    parallel: set[tuple[str | None, str]] = {(d.slot.day, d.section) for d in drafts if d.section in rooms}
    for day, sections in by_day.items():
        names = list(sections)
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                if any(s1 < e2 and s2 < e1 for s1, e1 in sections[a] for s2, e2 in sections[b]):
                    parallel.update({(day, a), (day, b)})
    for d in drafts:
        if d.section and d.room is None and (d.slot.day, d.section) in parallel:
            d.room = Room(name=d.section, provisional=False, raw=d.section)


def heads_over_talks(drafts: list[Draft]) -> None:
    """A session line over the talks of its slot, written in lesser or nested lines (`Panel: Building
    Games, Reed 114`, `Système I : Ana Ruiz (LIG) (Amphi B120)`): its room is theirs too, and the one
    person it names, when they have people of their own, chairs them."""
    heads: list[tuple[Draft, list[Draft]]] = []  # the lines the current one may stand under, outermost first
    for d in drafts:
        block = d.block
        while heads and not (block is not None and _within(d.slot, heads[-1][0].slot)
                             and heads[-1][0].block is not None and _under(block, heads[-1][0].block)):
            _lend(*heads.pop())
        if heads:
            heads[-1][1].append(d)
            if d.room is None:
                d.room = next((h.room for h, _ in reversed(heads) if h.room and not h.room_inherited), None)
                d.room_inherited = d.room is not None
        if block is not None and d.table is None:
            heads.append((d, []))
    while heads:
        _lend(*heads.pop())


MIN_CHAIRED_TALKS = 2


def one_talk_blocks(drafts: list[Draft]) -> list[Draft]:
    """`| Keynote 1 (Chair: Ana Ruiz) |` over the one talk of its block: a keynote, chaired by Ana Ruiz,
    not a session of its own beside it."""
    dropped: set[int] = set()
    for i, head in enumerate(drafts[:-1]):
        talk = drafts[i + 1]
        after = drafts[i + 2] if i + 2 < len(drafts) else None
        fmt = format_label(head.title, numbered=True)
        if not head.group or head.table is None or talk.table != head.table or talk.group or fmt is None \
                or is_occasion(fmt) or head.description or any(s.role is None for s in head.speakers) \
                or (after is not None and after.table == head.table and not after.group
                    and not is_occasion(after.title)):  # a break ends the block too
            continue
        talk.format = talk.format or fmt
        talk.speakers = [*talk.speakers, *head.speakers]
        dropped.add(i)
    return [d for i, d in enumerate(drafts) if i not in dropped]


def _lend(head: Draft, talks: list[Draft]) -> None:
    if len(head.speakers) == 1 and head.speakers[0].role is None and not head.description \
            and sum(1 for t in talks if t.speakers) >= MIN_CHAIRED_TALKS:
        head.speakers = [head.speakers[0].model_copy(update={"role": "chair"})]


def panels_give_formats(drafts: list[Draft], panels: list[tuple[etree._Element, str]]) -> None:
    """Sessions in a tab's panel labelled `Table ronde` are round tables, unless they say otherwise."""
    if not panels:
        return
    kinds = {label.getparent(): kind for label, kind in panels if label.getparent() is not None}
    for draft in drafts:
        origin = draft.block.origin if draft.block is not None else None
        if draft.format or origin is None or isinstance(origin, str):
            continue
        draft.format = next((kinds[a] for a in origin.iterancestors() if a in kinds), None)


def _within(slot: Slot, head: Slot) -> bool:
    """The same slot, or a part of it (`09:50-10:10` in a session of `09:50-10:30`)."""
    if slot == head:
        return True
    if slot.day != head.day or not slot.start or not head.start or not head.end:
        return False
    return head.start <= slot.start and (slot.end or slot.start) <= head.end


def _under(block: Block, head: Block) -> bool:
    """A lesser line than a heading; or one nested in the element of the line above it, or deeper in that
    line's container than the line itself (`div.session` > `div.heading`, `div.session` > … > `div.title`)."""
    if head.heading and (block.heading == 0 or block.heading > head.heading):
        return True
    origin, parent = block.origin, head.origin
    if isinstance(origin, str) or isinstance(parent, str):
        return False
    ancestors = list(origin.iterancestors())
    if any(a is parent for a in ancestors):
        return True
    container = parent.getparent()
    return container is not None and block.signature != head.signature and any(a is container for a in ancestors) \
        and (origin.getparent() is not container or block.table is not None)
