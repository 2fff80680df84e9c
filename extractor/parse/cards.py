"""Where a line stands in the markup: cards, the boxes of a card, lists nested in a session's item.

Pages built from cards (a person on top, a badge, the talk's title, its time) say with their boxes
what a line's words alone do not."""

from __future__ import annotations

from extractor.parse.blocks import Block
from extractor.parse.draft import Draft
from extractor.parse.speakers import dash_name, looks_like_name

MAX_BADGE_WORDS = 3


def opened_by_badge(draft: Draft) -> bool:
    """A session opened by a short line the markup does not call a title, with nothing under it yet."""
    return draft.block is not None and draft.block.hint != "title" and not draft.block.heading \
        and not draft.has_details() and draft.format is None and len(draft.title.split()) <= MAX_BADGE_WORDS \
        and not draft.untitled


def beside(block: Block, badge: Block) -> bool:
    """The title in the element holding the badge, or next to it in the same box."""
    origin, other = block.origin, badge.origin
    if isinstance(origin, str) or isinstance(other, str):
        return False
    parent, box = origin.getparent(), other.getparent()
    # (an inline run's origin is the element around it: the card itself)
    return (parent is not None and (parent is other or parent is box)) or (box is not None and origin is box)


MAX_INNER_ITEM_CHARS = 200


def inner_item(block: Block, cur: Draft) -> bool:
    """A short entry of a list nested in the list item of a timed session: one of the session's parts.

    Its siblings are parts too: the page lists them, each with its own name, under the session's time."""
    origin, head = block.origin, cur.block.origin if cur.block is not None else None
    if isinstance(origin, str) or head is None or isinstance(head, str) or origin.tag != "li" \
            or len(block.text) > MAX_INNER_ITEM_CHARS or block.text.endswith(":") or not cur.slot.start:
        return False
    outer = origin.getparent()
    outer_item = outer.getparent() if outer is not None and outer.tag in ("ul", "ol") else None
    return outer_item is not None and outer_item.tag == "li" and (
        head is outer_item or outer_item in head.iterancestors())


MAX_CARD_DEPTH = 4


def same_card(block: Block, tag: Block) -> bool:
    """The tag and the title share a box a few levels up: one card of a list of cards."""
    origin, other = block.origin, tag.origin
    if isinstance(origin, str) or isinstance(other, str):
        return False
    above = set(origin.iterancestors())
    common = next((box for box in [other, *list(other.iterancestors())[:MAX_CARD_DEPTH]]
                   if box is origin or box in above), None)
    return common is not None and common.tag not in ("body", "main", "section", "table", "html", "ul", "ol")


def card_person(text: str) -> str | None:
    """`Agate Berriot`, `Martin De Wulf - madewulf` (a user name after the dash): the person's name."""
    name, after = dash_name(text)
    if after is not None and not (len(after.split()) == 1 and after[:1].islower()):
        return None
    return name if looks_like_name(name) else None


def heading_under_line(block: Block, draft: Draft) -> bool:
    """`<li>14:00 launching talk</li>` then `<h3>Linux Distribution Security</h3>`: a heading after a session
    opened by a plain line starts a part of the programme; it is nobody's name."""
    return 0 < block.heading <= MAX_SECTION_HEADING and draft.block is not None and draft.block.heading == 0 \
        and draft.slot.start is not None


MAX_SECTION_HEADING = 4


def name_card(draft: Draft, block: Block) -> bool:
    """A person's name alone at the top of a card (a heading, or a line the markup calls a title), and the
    card's talk opening next to it."""
    return draft.block is not None and (draft.block.hint == "title" or draft.block.heading > 0) \
        and not draft.has_details() and not draft.untitled \
        and (draft.slot.start is None or not draft.after_slot_line) and card_person(draft.title) is not None \
        and not looks_like_name(block.text) and beside(block, draft.block)


def titled_card(draft: Draft, title_first: bool) -> bool:
    """A session opened by a heading or a title-marked line, with no time of its own yet (none, or once the
    page is seen giving times last, the one before), only its people and abstract under it: a card whose
    time comes last (`<h4>Title</h4><p>Ana Ruiz</p><p>10:00 - 11:00</p>`)."""
    block = draft.block
    return block is not None and (block.heading > 0 or block.hint == "title") \
        and (draft.slot.start is None or title_first) and (draft.room is None or draft.room_inherited) \
        and not draft.untitled


def bare_heading(draft: Draft) -> bool:
    """A heading line with nothing under it yet: no time of its own, room, people, description or format."""
    block = draft.block
    return block is not None and (block.heading > 0 or block.bold) and not draft.has_details() \
        and not draft.format and not (draft.slot.start and draft.after_slot_line)
