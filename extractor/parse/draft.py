"""A session while the page is being read: what the assembler builds and later passes refine."""

from __future__ import annotations

from dataclasses import dataclass, field

from extractor.models import Description, Room, Slot, Speaker
from extractor.parse.blocks import Block


@dataclass
class Draft:
    title: str
    slot: Slot
    format: str | None
    block: Block | None  # where the session starts, for warnings
    after_slot_line: bool = False  # opened right under its time slot (not "title, then time")
    room: Room | None = None
    speakers: list[Speaker] = field(default_factory=list)
    description: Description | None = None
    confidence: float = 1.0
    section: str | None = None  # the heading the session sits under, when not a day or a session
    room_inherited: bool = False  # the room is its slot's or group's, not one stated for this session
    table: int | None = None  # which table of the page the session was read from
    day_index: int = 0  # how many day headings came before it: tells undated days apart
    dated: bool = False  # its own line gave its date ("24 janvier 2025 - Titre")
    under_date: bool = False  # read under a heading that states its date ("Jour 1 — lundi 6 mai 2024")
    group: bool = False  # a table row naming a block of the sessions below it ("Session 1 : IA")
    untitled: bool = False  # named only by its format and speaker ("Keynote 1: Ana Ruiz"): a title may follow
    marks: dict[int, list[str]] = field(default_factory=dict)  # speaker index -> footnote numbers ("Ana Ruiz¹,³")

    def where(self) -> str:
        """Where the session starts, for a warning: its first line, or its slot when it has none."""
        return self.block.where if self.block else "slot"

    def detail(self) -> int:
        """How much the mention says beyond its title and time: people, room, abstract."""
        return len(self.speakers) + bool(self.room) + bool(self.description)

    def has_details(self) -> bool:
        return bool(self.room or self.speakers or self.description)

    def has_own_details(self) -> bool:
        """Details of its own: a room lent by its slot or group heading does not count."""
        return bool((self.room and not self.room_inherited) or self.speakers or self.description)
