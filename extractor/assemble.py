"""The state machine that turns classified blocks into sessions.

A session opens on a title (or a slot line carrying one) and collects the room, speakers
and description that follow; a day heading, a slot or the next title closes it. A format
label applies to the sessions under it until the next slot or day.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from extractor.blocks import Block
from extractor.classify import Classified, format_label, is_prose, is_sentence, room_of
from extractor.models import Description, Room, Session, Slot, Speaker, Warning
from extractor.slug import unique_ids
from extractor.speakers import looks_like_name, parse_speaker, split_speakers
from extractor.tables import TableReader


@dataclass
class _Draft:
    title: str
    slot: Slot
    format: str | None
    block: Block | None  # where the session starts, for warnings
    room: Room | None = None
    speakers: list[Speaker] = field(default_factory=list)
    description: Description | None = None
    confidence: float = 1.0

    def has_details(self) -> bool:
        return bool(self.room or self.speakers or self.description)


@dataclass
class Assembler:
    default_day: date | None = None
    sessions: list[_Draft] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    day: date | None = None
    slot: Slot | None = None
    slot_room: Room | None = None
    format: str | None = None
    format_used: bool = True
    current: _Draft | None = None
    table: TableReader | None = None

    def feed(self, item: Classified) -> None:
        handler = getattr(self, f"_on_{item.kind.value}")
        handler(item)

    def finish(self) -> tuple[list[Session], list[Warning]]:
        self._close_slot()
        kept = []
        for draft in self.sessions:
            draft.confidence = _confidence(draft)
            if draft.confidence >= MIN_CONFIDENCE:
                kept.append(draft)
            else:
                self.warnings.append(Warning(where=_where(draft), text=draft.title[:200],
                                             reason="line not understood (no time, room, speaker or description)"))
        if kept and not any(d.slot.start or d.confidence >= PROGRAMME_CONFIDENCE for d in kept):
            kept = []  # a few titled paragraphs are not a programme
        self.sessions = kept
        self.warnings.extend(
            Warning(where=_where(d), text=d.title[:200], reason=f"low confidence ({d.confidence:.2f})")
            for d in kept if d.confidence < WARN_CONFIDENCE
        )
        ids = unique_ids(d.title for d in self.sessions)
        sessions = [
            Session(id=i, slot=d.slot, format=d.format, title=d.title, room=d.room, speakers=d.speakers,
                    description=_finish_description(d.description), confidence=round(d.confidence, 2))
            for i, d in zip(ids, self.sessions, strict=True)
        ]
        return sessions, self.warnings

    # --- handlers, one per block kind -------------------------------------------------
    def _on_separator(self, item: Classified) -> None:
        pass

    def _on_noise(self, item: Classified) -> None:
        pass

    def _on_day(self, item: Classified) -> None:
        self._close_slot()
        self.day = item.day
        self.slot = None
        self.table = None

    def _on_slot(self, item: Classified) -> None:
        self._close_slot()
        match = item.slot
        assert match is not None
        if match.problem:
            self._warn(item.block, f"time range not understood: {match.problem}")
        self.slot = Slot(day=self._day_iso(), start=match.start, end=match.end, raw=match.raw)
        if match.rest:
            self._open_from_line(match.rest, item.block)

    def _on_format(self, item: Classified) -> None:
        self._close()  # a format label starts a new block of sessions
        self.format = item.format
        self.format_used = False

    def _on_room(self, item: Classified) -> None:
        if self.current is None:
            self.slot_room = item.room  # a room given for the whole slot, before its sessions
        elif self.current.room is None:
            self.current.room = item.room
        else:
            self._warn(item.block, "a second room for one session")

    def _on_description(self, item: Classified) -> None:
        if self.current is None:
            self._warn(item.block, "description outside any session")
            return
        self._add_description(item.description)  # type: ignore[arg-type]

    def _on_speaker(self, item: Classified) -> None:
        if self.current is None:
            self._warn(item.block, "speaker outside any session")
            return
        text = item.block.text
        if item.role:
            text = text.partition(":")[2].strip()
        for part in split_speakers(text):
            speaker = parse_speaker(part)
            if item.role and speaker.role is None:
                speaker = speaker.model_copy(update={"role": item.role})
            self.current.speakers.append(speaker)

    def _on_person(self, item: Classified) -> None:
        if self.current is None:
            self._on_text(item)
        else:
            self._on_speaker(item)

    def _on_text(self, item: Classified) -> None:
        text = item.block.text
        cur = self.current
        if cur is None:
            if is_prose(text):
                self._warn(item.block, "text outside any session")
            else:
                self._open(text, item.block)
            return
        if is_prose(text) or (cur.description is not None and is_sentence(text)):
            self._add_description(Description(text=text, provisional=False, label=None))
        elif not cur.has_details() and looks_like_name(text):
            self._on_speaker(item)
        else:
            self._open(text, item.block)

    def _on_row(self, item: Classified) -> None:
        block = item.block
        if block.header or self.table is None:
            reader = TableReader.from_header(block.cells or ())
            if reader is not None:
                self._close()
                self.table = reader
                return
            if self.table is None:
                self.table = TableReader.guess(block.cells or ())
        row = self.table.read(block.cells or ()) if self.table else None
        if row is None:
            self._warn(block, "table row not understood")
            return
        self._close()
        slot = self.slot
        if row.slot is not None:
            slot = Slot(day=self._day_iso(), start=row.slot.start, end=row.slot.end, raw=row.slot.raw)
        self.slot = slot
        self._open(row.title, block)
        assert self.current is not None
        # A row titled "Pause" is a session of that format.
        self.current.format = row.format or format_label(row.title) or self.current.format
        if row.room:
            self.current.room = room_of(row.room) or Room(name=row.room, provisional=False, raw=row.room)
        for line in row.speakers:
            for part in split_speakers(line):
                self.current.speakers.append(parse_speaker(part))
        self._close()

    # --- helpers ----------------------------------------------------------------------
    def _open_from_line(self, text: str, block: Block) -> None:
        """A slot line's own text: a title, maybe a format word alone ("12h00 Dîner")."""
        fmt = format_label(text)
        if fmt:
            self.format = fmt
            self.format_used = False
            return
        room = room_of(text)
        if room:
            self.slot_room = room
            return
        self._open(text, block)

    def _open(self, title: str, block: Block) -> None:
        self._close()
        slot = self.slot or Slot(day=self._day_iso())
        self.current = _Draft(title=title, slot=slot, format=self.format, block=block,
                              room=self.slot_room)
        self.format_used = True

    def _close(self) -> None:
        if self.current is not None:
            self.sessions.append(self.current)
            self.current = None

    def _close_slot(self) -> None:
        self._close()
        if self.format and not self.format_used:
            # "Pause", "Dîner": a slot holding only its format is a session of that name.
            self.current = _Draft(title=self.format, slot=self.slot or Slot(day=self._day_iso()),
                                  format=self.format, block=None, room=self.slot_room)
            self._close()
        self.format = None
        self.format_used = True
        self.slot_room = None

    def _add_description(self, desc: Description) -> None:
        cur = self.current
        assert cur is not None
        if cur.description is None:
            cur.description = desc
        else:
            joined = "\n".join(t for t in (cur.description.text, desc.text) if t)
            cur.description = cur.description.model_copy(update={"text": joined})

    def _day_iso(self) -> str | None:
        day = self.day or self.default_day
        return day.isoformat() if day else None

    def _warn(self, block: Block, reason: str) -> None:
        self.warnings.append(Warning(where=block.where, text=block.text[:200], reason=reason))


def _where(draft: _Draft) -> str:
    return draft.block.where if draft.block else "slot"


def _finish_description(desc: Description | None) -> Description | None:
    return desc


# Evidence that a titled line is a session, and how much each kind weighs.
MIN_CONFIDENCE = 0.3
WARN_CONFIDENCE = 0.5
PROGRAMME_CONFIDENCE = 0.7


def _confidence(draft: _Draft) -> float:
    score = 0.1
    if draft.slot.start:
        score += 0.4
    if draft.slot.day:
        score += 0.1
    if draft.format:
        score += 0.2
    if draft.room:
        score += 0.2
    if draft.speakers:
        score += 0.25
    if draft.description:
        score += 0.25
    if len(draft.title) > 180:
        score -= 0.2  # very long titles are often prose we misread
    return max(0.0, min(1.0, score))
