"""The state machine that turns classified blocks into sessions.

A session opens on a title (or a slot line carrying one) and collects the room, speakers
and description that follow; a day heading, a slot or the next title closes it. A format
label applies to the sessions under it until the next slot or day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache

from lxml import etree

from extractor.lexicon import lexicon
from extractor.models import Description, Room, Session, Slot, Speaker, Warning
from extractor.parse.blocks import Block
from extractor.parse.cards import (
    bare_heading,
    beside,
    card_person,
    heading_under_line,
    inner_item,
    name_card,
    opened_by_badge,
    same_card,
    titled_card,
)
from extractor.parse.classify import (
    DURATION_NOTE,
    MAX_ROOM_CHARS,
    Classified,
    Kind,
    classify,
    format_label,
    is_occasion,
    is_paragraph,
    is_person_line,
    is_prose,
    is_sentence,
    labelled_description,
    room_of,
)
from extractor.parse.clock import afternoon_hours
from extractor.parse.context import PageContext
from extractor.parse.draft import Draft
from extractor.parse.evidence import named_people, without_bare_groups, without_prose
from extractor.parse.lending import heads_over_talks, one_talk_blocks, panels_give_formats, parallel_sections_are_rooms
from extractor.parse.merge import drop_overviews, merge_mentions
from extractor.parse.retold import drop_retellings
from extractor.parse.speakers import (
    bare_name,
    colon_person,
    looks_like_name,
    organisation_colon_person,
    organisations,
    parse_speaker,
    split_outside_parens,
    split_speakers,
    trailing_paren,
)
from extractor.parse.tables import TableSession, read_table, rejoined
from extractor.parse.times import SlotMatch, add_minutes, match_duration, match_slot
from extractor.parse.titles import (
    all_names,
    numbered_block,
    people_first,
    people_list,
    place,
    room_first,
    split_format,
    split_people,
    split_room,
)
from extractor.textkit.normalise import key, unaccented_key
from extractor.textkit.slug import unique_ids


@dataclass
class Assembler:
    default_day: date | None = None
    page_day: date | None = None  # a one-day event's date, for pages with no day headings
    context: PageContext = field(default_factory=lambda: PageContext(reference=date.today()))
    sessions: list[Draft] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    day: date | None = None
    slot: Slot | None = None
    slot_room: Room | None = None
    format: str | None = None
    format_used: bool = True
    current: Draft | None = None
    people: str | None = None  # after "Intervenants :" / "Animation": the role ("" for none) of the people listed
    title_first: bool = False  # the page writes each title before its time
    slot_fresh: bool = False  # a slot line came and no session has opened under it yet
    card_name: Draft | None = None  # a card's person, waiting for the talk the card opens next
    card_format: tuple[str, Block] | None = None  # a card's tag, waiting for the talk it opens next
    saw_day: bool = False
    pending: str | None = None  # after a label alone ("ROOM:"): the field the next line is the value of
    people_fresh: bool = False  # the line right after "Speakers" is a person whatever it looks like
    section: str | None = None  # a heading over titled time lines ("1 - Belvédère"): a track or a group
    title_signatures: frozenset[tuple[str, ...]] | None = None  # the kinds of line the page's titles are
    asked: set[tuple[str, ...]] = field(default_factory=set)  # kinds of line asked whether they may be titles
    # (kind of a name line, kind of the title line after it): how often a first reading found the name to be
    # the speaker, and how often it asked; the pairs a page uses that way, for a second reading.
    pairs_seen: dict[tuple[tuple[str, ...], tuple[str, ...]], list[int]] = field(default_factory=dict)
    speaker_pairs: frozenset[tuple[tuple[str, ...], tuple[str, ...]]] | None = None
    # Kinds of line read as people, and those that once listed several with commas: such a kind of line
    # (`<h5 class="text-muted">` under every talk) lists people, `A, B` as much as `A, B, C`.
    people_lines: dict[tuple[str, ...], int] = field(default_factory=dict)
    commas_read: set[tuple[str, ...]] = field(default_factory=set)
    lists_seen: set[tuple[str, ...]] = field(default_factory=set)
    people_signatures: frozenset[tuple[str, ...]] | None = None
    reading: Block | None = None  # the line being fed
    format_block: Block | None = None  # where the format label in force stands
    outline: int | None = None  # the heading level of a sample outline being skipped
    room_sections: set[str] = field(default_factory=set)  # sections that are rooms by their words
    panels: list[tuple[etree._Element, str]] = field(default_factory=list)  # tab labels and the kind they name
    tables: int = 0  # tables read so far
    day_index: int = 0  # day headings read so far
    in_table: bool = False

    def people_kinds(self) -> frozenset[tuple[str, ...]]:
        """The kinds of line this reading found to be people several times, and to list several of them
        with commas at least once (`Ana Ruiz, OSM Zambia` then reads as two people, not a person and where
        she works, only on a page that writes `A, B, C` that way)."""
        return frozenset(sig for sig, n in self.people_lines.items() if sig in self.lists_seen
                         and n >= MIN_PEOPLE_LINES)

    def feed(self, item: Classified) -> None:
        self.reading = item.block
        if self.outline is not None:
            if not (item.block.heading and item.block.heading <= self.outline):
                return  # inside a sample outline ("A typical day"): no session of the programme
            self.outline = None
        if item.kind is Kind.NOISE and item.field == "outline":
            self._close_slot()
            self.outline = item.block.heading or MAX_HEADING_LEVEL
            return
        if item.block.lead and item.kind in _LEAD_KINDS and not item.labelled and self._lead_line(item):
            return
        if self.pending is not None and item.kind is not Kind.SEPARATOR:
            field, self.pending = self.pending, None
            if item.kind in _VALUE_KINDS and self._labelled_value(field, item):
                return
        if self.people is not None and item.kind not in _PEOPLE_KINDS:
            self.people = None  # a list of people ends at anything that is not a person
        handler = getattr(self, f"_on_{item.kind.value}")
        handler(item)
        if item.kind is not Kind.SEPARATOR:
            self.people_fresh = item.kind is Kind.PEOPLE

    def _lead_line(self, item: Classified) -> bool:
        """`<b>Title</b> Ana Ruiz, Bo Ma (OSC)`: the bold run is the title, the rest its people."""
        lead = item.block.lead or ""
        rest = item.block.text[len(lead):].strip(" ,;:–—-")
        if not rest or not _people_line(rest) or looks_like_name(lead) or people_first(rest) is not None:
            return False  # `<b>Tutorial 1:</b> Ana Ruiz (INRIA). Title.`: people, then the title
        self.pending = None
        if self.current is not None and self._badged_people(self.current, item.block, lead.strip(" :"), rest):
            return True
        self._open(lead, item.block)
        self._add_people(rest)
        return True

    def _labelled_value(self, field: str, item: Classified) -> bool:
        """The line after a label alone is that field's value; False when it is not one."""
        text, cur = item.block.text, self.current
        if field in ("meta", "format") and (len(text) > MAX_VALUE_CHARS or is_sentence(text, 3)):
            return False  # a sentence is not a track or a format: the label was a heading
        if field == "meta":
            return True  # a track, a level: not part of the record
        if field == "format":
            if cur is not None and not cur.has_details():
                cur.format = text
            else:
                self.format, self.format_used = text, True
            return True
        if field == "room" and len(text) <= MAX_ROOM_CHARS:
            self._on_room(Classified(Kind.ROOM, item.block,
                                     room=room_of(text) or Room(name=text, provisional=False, raw=text)))
            return True
        if field in ("speakers", "chair") and cur is not None and len(text) <= 300:
            self._add_people(text, "chair" if field == "chair" else None, comma_list=True)
            return True
        if field in ("time", "end") and item.slot is not None:
            return False  # read as the slot it is
        if field == "description" and cur is not None:
            self._add_description(Description(text=text, provisional=False, label=None))
            return True
        return False

    def drafts(self) -> list[Draft]:
        """The sessions read so far, the one being read included (for a first reading of the page)."""
        return [*self.sessions, *([self.current] if self.current else [])]

    def finish(self) -> tuple[list[Session], list[Warning]]:
        self._close_slot()
        self.sessions = merge_mentions(drop_retellings(drop_overviews(self.sessions)))
        afternoon_hours(self.sessions)
        parallel_sections_are_rooms(self.sessions, self.room_sections)
        heads_over_talks(self.sessions)
        self.sessions = one_talk_blocks(self.sessions)
        if self.page_day and not self.saw_day:
            day = self.page_day.isoformat()
            for draft in self.sessions:
                if draft.slot.day is None:
                    draft.slot = draft.slot.model_copy(update={"day": day})
        self.sessions = without_bare_groups(named_people(self.sessions), self.warnings)
        kept = []
        for draft in self.sessions:
            draft.speakers = _once_each(draft.speakers)
            draft.confidence = _confidence(draft)
            if draft.confidence >= MIN_CONFIDENCE:
                kept.append(draft)
            else:
                self.warnings.append(Warning(where=_where(draft), text=draft.title[:200],
                                             reason="line not understood (no time, room, speaker or description)"))
        kept = without_prose(kept, self.warnings)
        if kept and not any(d.slot.start or d.confidence >= PROGRAMME_CONFIDENCE for d in kept) \
                and sum(1 for d in kept if d.speakers) < MIN_UNTIMED_TALKS \
                and sum(1 for d in kept if d.under_date) < MIN_UNTIMED_TALKS:
            kept = []  # a few titled paragraphs are not a programme; talks with their people, or under dated
            # day headings, are one
        self.sessions = kept
        panels_give_formats(self.sessions, self.panels)  # after: a tab's word is no evidence of a session
        self.warnings.extend(
            Warning(where=_where(d), text=d.title[:200], reason=f"low confidence ({d.confidence:.2f})")
            for d in kept if d.confidence < WARN_CONFIDENCE
        )
        ids = unique_ids(d.title for d in self.sessions)
        sessions = [
            Session(id=i, slot=d.slot, format=d.format, title=d.title, room=d.room, speakers=d.speakers,
                    description=d.description, confidence=round(d.confidence, 2))
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
        self.section = None
        self.saw_day = True
        self.day_index += 1
        self.day = item.day
        self.slot = None

    def _on_slot(self, item: Classified) -> None:
        match = item.slot
        assert match is not None
        if match.start is None:  # "Open lab until 6pm": a title and when it ends, its start unknown
            if match.rest:
                self._on_text(replace(item, kind=Kind.TEXT, slot=None, block=replace(item.block, text=match.rest)))
            return
        if match.problem:
            self._warn(item.block, f"time range not understood: {match.problem}")
        if item.day is not None or item.dated:
            if item.day != self.day:
                self.day_index += 1
            self.day = item.day  # "Saturday 10:00": a new day, even when the page does not date it
            self.saw_day = self.saw_day or item.dated
        slot = Slot(day=self._day_iso(), start=match.start, end=match.end, raw=match.raw)
        rest_room = place(match.rest) if match.rest else None
        if self.current is None and self.format and not self.format_used and not match.rest and self.format_block:
            # `<h3>Opening keynote</h3>` / `Starts at 09:00`: the heading was a session, its time after it
            self._open(self.format, self.format_block)
            assert self.current is not None
            self.current.slot, self.current.after_slot_line = slot, True
            self.slot, self.format, self.title_first = slot, None, True
            return
        cur = self.current
        if match.trailing and cur is not None and not cur.after_slot_line and not cur.speakers \
                and _people_line(match.rest):
            cur.slot = slot  # `Title` / `Ana Ruiz, OSC / 09h30 à 10h15`: the title's time and people
            self.slot = slot
            self._add_people(match.rest)
            return
        if cur is not None and not cur.after_slot_line \
                and (not cur.has_details() or titled_card(cur, self.title_first)) \
                and (not match.rest or rest_room) and (cur.slot.start is None or self.title_first):
            # Title first, then its time (`Faut-il taxer le sucre ?` / `14 h à 15 h 30 – Salle Maxwell`);
            # once a page is seen doing so, later titles followed by a time are read the same way.
            cur.slot = slot
            cur.after_slot_line = True
            cur.room = rest_room or cur.room
            self.slot = slot
            self.title_first = True
            return
        if cur is not None and match.rest and name_card(cur, item.block):
            self.card_name, self.current = cur, None  # the card's person, over `Title Samedi 14 septembre de 9h30`
        elif cur is not None and match.rest and bare_heading(cur):
            self.section, self.current = cur.title, None  # a heading over the titled times below
        self._close_slot()
        self.slot = slot
        self.slot_fresh = True
        if match.place and (not _people_line(match.place) or place(match.place)):
            # `LUNCH 12:15 - 1:15pm, Bruno's (Upstairs Reed)`: after the time, where
            self.slot_room = place(match.place, in_parentheses=True) or Room(
                name=match.place, provisional=False, raw=match.place)
        if match.rest:
            self._open_from_line(match.rest, item.block)

    def _on_panel(self, item: Classified) -> None:
        self._close_slot()
        if item.format and not isinstance(item.block.origin, str):
            self.panels.append((item.block.origin, item.format))

    def _on_format(self, item: Classified) -> None:
        if item.minutes is not None and self.current is not None:
            self.current.format = self.current.format or item.format  # `Title` / `Lightning (15min)`
            self._on_end(item)
            return
        cur = self.current
        if item.field == "meta" and cur is not None and cur.format is None and cur.block is not None \
                and beside(item.block, cur.block):
            cur.format = item.format  # `<h4>Open maps</h4><span class="tag">Workshop</span>`: the card's kind
            return
        if item.field == "meta":
            # A tag before the title: the kind of the talk its card opens next (`<span class="badge">Plenary`)
            self.card_format = (item.format, item.block) if item.format else None
            return
        self._close()  # a format label starts a new block of sessions
        self.format = item.format
        self.format_used = False
        self.format_block = item.block

    def _on_room(self, item: Classified) -> None:
        cur = self.current
        # `<h4>Lunch</h4>` / `<h6>99 Brasserie Café</h6>`: a lesser heading right under a break is its room
        under_title = cur is not None and not cur.has_details() and cur.block is not None \
            and 0 < cur.block.heading < item.block.heading
        if item.block.heading and item.room and item.room.name and not under_title and (
                cur is None or cur.slot.start or cur.speakers):
            # A room as a heading over the sessions below it ("3 - Chalet 1er étage"): their section.
            self._close()
            self.section = item.room.name
            self.room_sections.add(item.room.name)
            return
        if cur is None:
            self.slot_room = item.room  # a room given for the whole slot, before its sessions
        elif cur.room is None or cur.room_inherited:
            cur.room, cur.room_inherited = item.room, False
            if cur.block is not None and (cur.block.heading or cur.block.bold) and not cur.speakers:
                self.slot_room = item.room  # under a group's heading: its items are in that room too
        else:
            self._warn(item.block, "a second room for one session")

    def _on_description(self, item: Classified) -> None:
        if self.current is None:
            self._warn(item.block, "description outside any session")
            return
        self._add_description(item.description)  # type: ignore[arg-type]

    def _on_people(self, item: Classified) -> None:
        self.people = item.role or ""

    def _on_label(self, item: Classified) -> None:
        self.pending = item.field

    def _on_affiliation(self, item: Classified) -> None:
        if self._footnote(item.block.text):
            return
        cur = self.current
        if cur is not None and cur.speakers and cur.speakers[-1].affiliation is None:
            last = cur.speakers[-1]
            # "Web designer, speaker – Brad Frost Web": what they do, then where
            detail = parse_speaker(f"{last.name}, {item.block.text}")
            cur.speakers[-1] = last.model_copy(update={
                "affiliation": detail.affiliation or (None if detail.titles else item.block.text),
                "titles": last.titles + detail.titles})

    def _on_end(self, item: Classified) -> None:
        """"Ends at 17:00", "50 minutes": the current session's end, when it has a start and no end yet."""
        cur = self.current
        if cur is None and self.slot is not None and self.slot.start and not self.slot.end:
            # `Starts at 09:15` / `Ends at 09:45` / then the title: the end of the slot being opened
            end = item.slot.start if item.slot is not None else add_minutes(self.slot.start, item.minutes or 0)
            if end and end > self.slot.start:
                self.slot = self.slot.model_copy(update={"end": end})
            return
        if cur is None or not cur.slot.start or cur.slot.end:
            return
        end = item.slot.start if item.slot is not None else add_minutes(cur.slot.start, item.minutes or 0)
        if end and end > cur.slot.start:
            cur.slot = cur.slot.model_copy(update={"end": end})

    def _on_speaker(self, item: Classified) -> None:
        if not item.labelled and item.role is None and people_first(item.block.text) is not None:
            self._open(item.block.text, item.block)  # `Ana Ruiz and Bo Ma. Title of their paper.`
            return
        if self.current is None:
            self._warn(item.block, "speaker outside any session")
            return
        text = item.rest or item.block.text  # the line without the "and" that continued a list
        if self._footnote(text):
            return
        cur = self.current
        if cur is not None and not item.labelled and item.role is None and cur.speakers \
                and not any(s.affiliation for s in cur.speakers) and not lexicon().by_re.match(text):
            found = organisations(text)
            if found and all(_org_like(part) for part in found):
                self._affiliate(cur, found)  # `Sony CSL, France` under `Ana Ruiz and Bo Ma`: where they work
                return
        if item.labelled:
            text = text.partition(":")[2].strip()
        by = lexicon().by_re.match(text)
        if by and not item.labelled:
            text = by.group("rest")  # "Session led by Ana Ruiz and Bo Ma, OSM France": the people
            if cur.untitled and len(cur.speakers) == 1 and not cur.speakers[0].affiliation:
                # `KEYNOTE: Connecting Communities` / `by Ange Albertini`: what read as the keynote's speaker
                # was its title
                cur.title, cur.speakers, cur.untitled = cur.speakers[0].raw, [], False
        signature = item.block.signature
        # A line the markup calls people, or of a kind the page uses only for people: `A, B` is two people.
        pair = item.block.hint in ("speaker", "chair") or (
            self.people_signatures is not None and signature in self.people_signatures)
        parts = split_outside_parens(text)
        if not pair and len(parts) > 1:
            self.commas_read.add(signature)  # read as one person and an organisation, perhaps wrongly
        if len(parts) >= MIN_LISTED and all(looks_like_name(bare_name(p)) for p in parts):
            self.lists_seen.add(signature)  # `A, B, C`: this kind of line lists people with commas
        self._add_people(text, item.role or self.people or None, comma_list=item.labelled, pair=pair)

    def _on_person(self, item: Classified) -> None:
        cur = self.current
        if self._card_top(item):
            return
        pair = (cur.block.signature, item.block.signature) if cur is not None and cur.block is not None else None
        if cur is None or (pair is not None and not cur.speakers and self.speaker_pairs and pair in self.speaker_pairs):
            self._on_text(item)  # in the place of a title the page writes after its speaker's name
            return
        if pair is not None and not cur.speakers and pair[0] != pair[1]:
            self.pairs_seen.setdefault(pair, [0, 0])[1] += 1  # asked, and read as a second name
        self._on_speaker(item)

    def _card_top(self, item: Classified) -> bool:
        """`<span class="card-title">Martin De Wulf - madewulf</span>` on top of the next card: the person of
        the talk that card opens, held until its title comes."""
        cur = self.current
        if cur is None or cur.block is None or item.block.hint != "title" or beside(item.block, cur.block) \
                or card_person(item.block.text) is None:
            return False
        self._close()
        self.current = Draft(title=item.block.text, slot=self.slot or Slot(day=self._day_iso()), format=None,
                             block=item.block)
        return True

    def _listed_person(self, item: Classified) -> bool:
        """Under "Intervenants": a name, or the role line that follows a bare name."""
        cur, text = self.current, item.block.text
        if self.people is None or cur is None:
            return False
        if looks_like_name(text) or is_person_line(text) or (
                self.people_fresh and len(text) <= MAX_HANDLE_CHARS and not is_sentence(text, 3)):
            self._on_speaker(item)  # right after "Speaker": a person, even a user name ("hansfn")
            return True
        last = cur.speakers[-1] if cur.speakers else None
        if last is not None and not last.titles and not last.affiliation and len(text) <= 120 \
                and not text.endswith("?") and not is_prose(text):
            detail = parse_speaker(f"{last.name}, {text}")
            cur.speakers[-1] = last.model_copy(update={
                "titles": detail.titles, "affiliation": detail.affiliation,
                "credentials": last.credentials + detail.credentials, "raw": f"{last.raw} / {text}"})
            return True
        return False

    def _on_text(self, item: Classified) -> None:
        if item.dated and item.rest:
            self._close_slot()  # a dated title starts a day of its own, with no time yet
            self.day, self.slot, self.saw_day = item.day, None, True
            self.day_index += 1
            self._open(item.rest, item.block)
            assert self.current is not None
            self.current.dated = True
            return
        text = item.block.text
        cur = self.current
        if self._footnote(text) or self._listed_person(item):
            return
        if item.block.heading:
            label, where = split_room(text)
            if where is not None and numbered_block(label, letters=True):
                # `<h3>Track A — Room 204</h3>` over the sessions below: their room, not a session
                self._on_room(replace(item, kind=Kind.ROOM, room=where))
                return
        if item.title and cur is not None and opened_by_badge(cur) and cur.block is not None \
                and beside(item.block, cur.block):
            # `Cérémonie` / `<div class="session-title">Cérémonie d'ouverture</div>`: the card's badge named
            # its kind; the line the markup calls the title is the title
            cur.format, cur.title, cur.block = cur.title, text, item.block
            return
        learned = cur is not None and cur.block is not None and self.speaker_pairs is not None \
            and (cur.block.signature, item.block.signature) in self.speaker_pairs
        if cur is not None and item.block.heading and looks_like_name(text) and not learned:
            if _named_again(cur, text):
                return  # the speaker's name again, over their biography
            if not cur.speakers and cur.block is not None and 0 < cur.block.heading < item.block.heading:
                self._add_people(text)  # `<h1>Talk title</h1>` / `<h2>Rachel Andrew</h2>`: who gives it
                return
        if cur is not None and cur.speakers and not any(s.affiliation for s in cur.speakers):
            found = organisations(text)
            if found:  # `Ana Ruiz and Bo Ma` / `OSC | MIT`: where the people just listed work
                self._affiliate(cur, found)
                return
        badge, _, rest = text.partition(" ")
        if cur is not None and self._badged_people(cur, item.block, badge, rest):
            return
        titled = _title_and_people(text)  # `Title. Ana Ruiz, Paul Côté and Léa Roy.`: a session, not prose
        if cur is None:
            if is_prose(text) and not self.slot_fresh and not titled:  # under a time, a long line is a title
                self._warn(item.block, "text outside any session")
            else:
                self._open(text, item.block)
            return
        if titled and not self._not_a_title(item.block):
            self._open(text, item.block)
        elif inner_item(item.block, cur):
            self._open(text, item.block)  # `<li>14:00 Session 3 — Teaching<ul><li>Open discussion.</li>…`
        elif is_occasion(text) and key(text) != key(cur.title):
            self._open(text, item.block)  # "afternoon pause", whatever kind of line the page's titles are
        elif is_occasion(cur.title) and not cur.has_details() and len(text.split()) >= MIN_NOTE_WORDS \
                and not looks_like_name(text):
            # `Morning Tea Break` / `Tea Break, go grab a cup of tea and visit our sponsors`: a note on it
            self._add_description(Description(text=text, provisional=False, label=None))
        elif is_prose(text) or (not item.block.heading and (  # a heading that ends like a sentence is a title
                is_paragraph(text) or (cur.description is not None and is_sentence(text)) or (
                    cur.description is None and is_sentence(text, min_words=4) and text.endswith(".")))) or (
                self._not_a_title(item.block) and (cur.has_details() or text.endswith((".", "!")))):
            self._add_description(Description(text=text, provisional=False, label=None))
        elif learned and self._speaker_first(cur, item.block):
            self._retitle(cur, text, item.block)  # the page's way: its name line, then its title line
        elif looks_like_name(text) and not cur.speakers and not heading_under_line(item.block, cur) and (
                not cur.has_own_details() or self._not_a_title(item.block) or cur.description is not None):
            if cur.block is not None and cur.block.signature != item.block.signature:
                self.pairs_seen.setdefault((cur.block.signature, item.block.signature), [0, 0])[1] += 1
            self._on_speaker(item)  # a name right after a title, or after its abstract in another markup
        elif cur.untitled and not cur.description and not looks_like_name(text) and not is_prose(text):
            cur.title, cur.untitled = text, False  # `Keynote 1: Ana Ruiz (OSC)` / `Her talk's title`
        elif self._speaker_first(cur, item.block):
            self._retitle(cur, text, item.block)
        else:
            self._open(text, item.block)

    def _badged_people(self, cur: Draft, block: Block, badge: str, rest: str) -> bool:
        """`Trustworthy swarms` / `Paper James Wilson, Pete Winter and Suet Lee`: a badge naming the kind of
        the session above, then its people."""
        if cur.speakers or cur.untitled or cur.block is None or cur.block.signature == block.signature \
                or format_label(badge) is None or is_occasion(badge) or not _people_line(rest):
            return False
        cur.format = cur.format or badge
        self._add_people(rest, comma_list=True)
        return True

    def _retitle(self, cur: Draft, text: str, block: Block) -> None:
        """`<h4>Ana Ruiz</h4><h5>Her talk's title</h5>`: the line before was who speaks, not a title."""
        name, room = cur.title, None if cur.room_inherited else cur.room
        self.current = None
        self._open(text, block)
        opened = self.current
        assert opened is not None
        opened.room = room or opened.room
        self._add_people(name)

    @staticmethod
    def _affiliate(draft: Draft, orgs: list[str]) -> None:
        """One organisation for everyone, or one each in order (the last taking the rest)."""
        for index, speaker in enumerate(draft.speakers):
            org = orgs[min(index, len(orgs) - 1)] if len(orgs) > 1 else orgs[0]
            draft.speakers[index] = speaker.model_copy(update={"affiliation": org})
        if len(orgs) > len(draft.speakers):
            last = draft.speakers[-1]
            rest = " | ".join(orgs[len(draft.speakers) - 1 :])
            draft.speakers[-1] = last.model_copy(update={"affiliation": rest})

    def _speaker_first(self, draft: Draft, block: Block) -> bool:
        """A session opened by a person's name, nothing said of it yet, and now a line of another kind that
        is no name: the name was its speaker. Where the page writes most of its sessions that way (`<h4>`
        name, `<h5>` title), the same two kinds of line are read so even when the title looks like a name
        (`Building Powerful Roadmaps`) or the name does not (`Jeff "Cheesy" Morgan`)."""
        if draft.block is None or draft.speakers or draft.description or draft.block.signature == block.signature:
            return False
        pair = (draft.block.signature, block.signature)
        if self.speaker_pairs is not None and pair in self.speaker_pairs:
            return len(draft.title.split()) <= MAX_NAME_LINE_WORDS and not is_sentence(draft.title, 3) \
                and format_label(draft.title) is None
        fired = _people_line(draft.title) and not looks_like_name(block.text)
        seen = self.pairs_seen.setdefault(pair, [0, 0])
        seen[0] += fired
        seen[1] += 1
        return fired

    def _not_a_title(self, block: Block) -> bool:
        """On a page whose titles are all one kind of line (`<h3>`), a line of another kind is not one."""
        if block.hint == "title" or block.heading:
            return False
        self.asked.add(block.signature)
        return self.title_signatures is not None and block.signature not in self.title_signatures

    def _on_table(self, item: Classified) -> None:
        self._close_slot()
        self.tables += 1
        result = read_table(item.block.table or [], self.context, self.day or self.default_day)
        self.in_table = True
        for row in result.skipped:
            self.warnings.append(Warning(where=_path(row.origin), text=" | ".join(row.cells)[:200],
                                         reason="table row not understood"))
        people_second = _second_lines_name_people(result.sessions)
        for found in result.sessions:
            day = found.day or self.default_day
            slot = Slot(day=day.isoformat() if day else None)
            if found.slot is not None and not found.group:
                slot = Slot(day=slot.day, start=found.slot.start, end=found.slot.end or found.end,
                            raw=found.slot.raw)
            self.slot = slot
            if found.items and (any(b.hint == "title" for b in found.items) or self._several_titles(found.items)):
                self.format = found.format  # the row's kind column: its talks' format
                self._cell_items(found, item.block)
                self.format = None
                continue
            lines = self._cell_title(found, item.block, people_second)
            self._open(_line_title(lines[0]), item.block)
            cur = self.current
            assert cur is not None
            if lines[0].kind is Kind.SLOT and lines[0].slot is not None:
                self._cell_time(lines[0].slot)
            cur.group = found.group
            # A cell or row titled "Pause" is a session of that format.
            cur.format = found.format or format_label(cur.title) or cur.format
            if found.room:
                cur.room = room_of(found.room) or Room(name=found.room, provisional=False, raw=found.room)
            elif found.no_room:
                cur.room = None
            for line in found.speakers:
                self._add_people(line, comma_list=True)
            about = " ".join(found.about)
            where = place(about) if about and len(about) <= MAX_ROOM_CHARS else None
            if where is not None and cur.room is None:
                cur.room = where  # `| Details |` holding `Room 1`: the words decide
            elif about:  # `| 9h30 | Accueil & café | Accueil des participants, badges |`: its description
                self._add_description(_column_description(about))
            for classified in lines[1:]:
                if people_second and found.lines and classified.block.text == found.lines[0] \
                        and classified.kind is Kind.TEXT and _handle_like(classified.block.text):
                    self._add_people(classified.block.text)  # `Implementing Custom Containers` / `Claus`
                    continue
                self._cell_line(classified)
            self._close()
        self._close()
        self.in_table = False
        self.slot = None
        if result.last_day is not None:
            self.day = result.last_day

    def _several_titles(self, items: list[Block]) -> bool:
        """Plain lines in boxes of their own (not one title broken by <br>), none a sentence: a cell listing
        a session and its talks (`Ressource Management` / `Horizontal scaling…` / `Out of Hypervisor…`)."""
        plain = [b for b in items if classify(b, self.context).kind is Kind.TEXT and not looks_like_name(b.text)
                 and not _MARKER.match(split_people(b.text)[0])]  # `N° 1 Animée par Ana Ruiz`: no title
        return len(plain) >= 2 and len({id(b.origin) for b in plain}) == len(plain) and not any(
            is_sentence(b.text) or is_prose(b.text) for b in plain)

    def _cell_items(self, found: TableSession, table: Block) -> None:
        """A cell whose markup names its fields, or lists titles in boxes of their own: each title in it is
        a session of the row's time, its room the line before it (or the column's), its people and abstract
        the lines after it."""
        titled = any(b.hint == "title" for b in found.items or [])
        column_room = room_of(found.room) or Room(name=found.room, provisional=False, raw=found.room) \
            if found.room else None
        room: Room | None = None
        blocks = found.items or []
        items = [classify(block, self.context) for block in blocks]
        for index, (block, item) in enumerate(zip(blocks, items, strict=True)):
            cur = self.current
            after = items[index + 1] if index + 1 < len(items) else None
            # `Lightning Talks` / `Lessons from building community` / `Javier Carranza, GeoCensos`: a plain
            # line followed by its people is a talk of its own, under the cell's title.
            talk = item.kind is Kind.TEXT and after is not None and not looks_like_name(block.text) and (
                after.kind in (Kind.PERSON, Kind.SPEAKER) or looks_like_name(after.block.text))
            if item.kind is Kind.ROOM and item.room is not None:
                if cur is not None and cur.room is None and not room:
                    cur.room = item.room
                else:
                    self._close()
                    room = item.room  # the next title's
            elif cur is not None and not cur.speakers and looks_like_name(block.text) and item.kind in (
                    Kind.TEXT, Kind.PERSON, Kind.SPEAKER):
                self._add_people(block.text)  # a name under the title, whatever its class calls it
            elif cur is not None and not cur.speakers and _in_parentheses(block.text) \
                    and _people_line(block.text[1:-1]):
                self._add_people(block.text[1:-1], comma_list=True)  # `(Ana Ruiz, Bo Ma)`: the title's authors
            elif block.hint == "title" or (item.kind is Kind.TEXT and (cur is None or not titled or talk)):
                group_room = cur.room if talk and cur is not None else None
                self._open(block.text, block)
                opened = self.current
                assert opened is not None
                opened.room = room or group_room or column_room
                room = None
            elif cur is not None and item.kind is Kind.FORMAT and item.format:
                cur.format = item.format
                if item.minutes is not None:
                    self._on_end(item)
            elif cur is not None and item.kind in _CELL_DETAIL_KINDS:
                self.feed(item)
        self._close()

    def _cell_title(self, found: TableSession, table: Block, people_second: bool = False) -> list[Classified]:
        """A cell's lines, read, its title first: the first plain text, after any room, time, format or
        person lines before it (`Salle Libéo` / `Catherine Morissette` / `10h30 à 11h15` / `Le web…`);
        then the lines of the row's other columns."""
        if found.items:
            lines = [classify(block, self.context) for block in found.items]  # with headings and hints
        else:
            plain = rejoined([found.title, *found.lines])
            lines = [classify(Block(text=line, origin=table.origin), self.context) for line in plain]
        extra = [classify(Block(text=line, origin=table.origin), self.context) for line in found.extra]
        # Candidates: plain lines, and lines that end with their time (`Accueil et déjeuner – 7h15 à 8h30`).
        nobody = lexicon().nobody
        texts = [i for i, c in enumerate(lines)
                 if (c.kind is Kind.TEXT and key(c.block.text).strip(" !.?…") not in nobody)
                 or (c.kind is Kind.SLOT and c.slot is not None and c.slot.trailing and c.slot.rest)]
        first = texts[0] if texts else 0
        if people_second and lines and lines[0].kind in (Kind.TEXT, Kind.PERSON, Kind.SPEAKER) \
                and not lines[0].labelled:
            first = 0  # `Frictionless Data, Frictionless Development` / `Andrew Stretton`: a title, then people
        elif texts and looks_like_name(_line_title(lines[first])) and not people_second:
            # A person's name in its own line is who speaks, when a later plain line reads as a title.
            first = next((i for i in texts[1:] if _reads_as_title(_line_title(lines[i]))), first)
        return [lines[first], *lines[:first], *lines[first + 1 :], *extra]

    def _cell_time(self, slot: SlotMatch) -> None:
        """A time written in the cell itself: the session's, whatever the row says."""
        cur = self.current
        if cur is not None and slot.start:
            cur.slot = cur.slot.model_copy(update={"start": slot.start, "end": slot.end, "raw": slot.raw})
        elif cur is not None and slot.end and cur.slot.start and not cur.slot.end and slot.end > cur.slot.start:
            cur.slot = cur.slot.model_copy(update={"end": slot.end})  # `| 16h00 | Barcamps jusqu'à 18h30 |`

    def _cell_line(self, item: Classified) -> None:
        """A further line in a table cell: read like any line, but a plain text continues the title."""
        line = item.block.text
        cur = self.current
        assert cur is not None
        if item.kind is Kind.SLOT and item.slot is not None and item.slot.start:
            self._cell_time(item.slot)
            if item.slot.rest and _people_line(item.slot.rest):
                self._add_people(item.slot.rest)  # `Peter Morville – 8h30 à 10h00`
        elif item.kind is Kind.FORMAT and item.format:
            cur.format = item.format
            if item.minutes is not None:
                self._on_end(item)
        elif item.kind is Kind.ROOM and item.room is not None:
            if cur.room is None or cur.room_inherited or not cur.room.name:
                cur.room, cur.room_inherited = item.room, False
        elif item.kind in (Kind.SPEAKER, Kind.PERSON, Kind.DESCRIPTION):
            self.feed(item)
        elif item.kind is Kind.TEXT and is_prose(line):
            self._add_description(Description(text=line, provisional=False, label=None))
        elif item.kind is Kind.TEXT and cur.untitled and cur.speakers and not cur.description \
                and len(line.split()) >= MIN_TITLE_WORDS and organisations(line) is None:
            cur.title, cur.untitled = line, False  # `Keynote 3 – Prof. Andrew Zhang (UTS)` / `Passive Sensing`
        elif item.kind is Kind.TEXT and looks_like_name(line):
            self._on_speaker(item)
        elif item.kind is Kind.TEXT and cur.speakers and not any(s.affiliation for s in cur.speakers) \
                and organisations(line):
            self._affiliate(cur, organisations(line) or [])  # `Chair: Ty Roberts` / `Gracenote, Inc.`
        elif item.kind is Kind.TEXT and _in_parentheses(line) and not cur.speakers and _people_line(line[1:-1]):
            self._add_people(line[1:-1], comma_list=True)  # `Title` / `(Ana Ruiz, Bo Ma, Lea Roy)`: its authors
        elif item.kind is Kind.TEXT and _MARKER.match(cur.title):
            cur.title = line  # `N° 1 Animée par Ana Ruiz` / `La beauté est-elle universelle ?`: a number, a title
        elif item.kind is Kind.TEXT:
            cur.title = f"{cur.title} {line}"  # a title broken over two lines of its cell

    def _footnote(self, text: str) -> bool:
        """Footnoted affiliations (`Ana Ruiz` `1,3` … `1 University of Bamberg`): a line of numbers marks the
        person before it; a numbered organisation is the affiliation of the people it marks."""
        cur = self.current
        if cur is None or not cur.speakers:
            return False
        marks = _MARKS.match(text)
        if marks:
            numbers = [n for n in re.split(r"[\s,]+", marks.group(0)) if n]
            cur.marks.setdefault(len(cur.speakers) - 1, []).extend(numbers)
            return True
        note = _NUMBERED_NOTE.match(text)
        if note is None or not cur.marks:
            return False
        for index, numbers in cur.marks.items():
            if note.group("n") in numbers and index < len(cur.speakers):
                person = cur.speakers[index]
                org = note.group("org").strip()
                joined = f"{person.affiliation}; {org}" if person.affiliation else org
                cur.speakers[index] = person.model_copy(update={"affiliation": joined})
        return True

    def _add_people(self, line: str, role: str | None = None, comma_list: bool = False, pair: bool = False) -> None:
        assert self.current is not None
        line = line.rstrip(": ")  # "Ana Ruiz (MIT):" before her talk's title
        line = colon_person(line) or organisation_colon_person(line) or line
        if self.reading is not None and self.reading.text == line:
            signature = self.reading.signature  # a whole line of people: count its kind
            self.people_lines[signature] = self.people_lines.get(signature, 0) + 1
        shared_after = _listed_then_organisation().match(line)
        if shared_after and all(looks_like_name(p) for p in split_speakers(shared_after.group("people"))):
            line = f"{shared_after.group('people')} ({shared_after.group('org')})"  # `A and B, Org`: both at Org
        groups = split_outside_parens(line, ";")  # `A, B (Inria); C (LNCC)`: groups that share an affiliation
        for group in groups if len(groups) > 1 else [line]:
            parts = split_speakers(group)
            listed = people_list(group) if comma_list else all_names(group, pair or len(groups) > 1) or [group]
            if len(listed) > len(parts):
                parts = listed  # "Speakers: Ana Ruiz, Paul Côté & Léa Roy", "Ana Ruiz, Paul Côté, Léa Roy"
            room_left = MAX_SPEAKERS - len(self.current.speakers)
            if len(parts) > room_left:
                self.warnings.append(Warning(  # a line of a million names is no author list
                    where=_where(self.current), text=line[:200],
                    reason=f"more than {MAX_SPEAKERS} people for one session: the rest are not read"))
                parts = parts[:max(room_left, 0)]
                if not parts:
                    return
            shared = trailing_paren(parts[-1]) if len(parts) > 1 else None
            first = len(self.current.speakers)
            for part in parts:
                if key(part).strip(" !.?…") in lexicon().nobody:
                    continue  # "Could be you!", "Tous": a place for someone, not someone
                marks = _GLUED_MARKS.search(part)
                if marks and marks.group("name") and not looks_like_name(marks.group("name")):
                    marks = None  # "jito14": a user name's own digits
                if marks and self.current.speakers and not marks.group("name"):
                    self._footnote(marks.group("marks"))  # `Ana Ruiz1,3`: the ",3" split off as a part
                    continue
                if marks:
                    part = marks.group("name")
                speaker = parse_speaker(part)
                if role and speaker.role is None:
                    speaker = speaker.model_copy(update={"role": role})
                self.current.speakers.append(speaker)
                if marks:
                    self._footnote(marks.group("marks"))  # `Ana Ruiz¹`: her organisation is note 1
            if shared and not lexicon().role_re.match(shared[1]):
                # `A, B (Inria)`: both at Inria; `A, B, C (Inria; ENS)`: each in turn, the last the rest
                added = self.current.speakers[first:]
                orgs = _shared_organisations(shared[1], len(added))
                for index, speaker in enumerate(added):
                    org = orgs[min(index, len(orgs) - 1)]
                    added[index] = speaker.model_copy(update={"affiliation": org}) if speaker.affiliation in (
                        None, shared[1]) else speaker
                self.current.speakers[first:] = added

    # --- helpers ----------------------------------------------------------------------
    def _open_from_line(self, text: str, block: Block) -> None:
        """A slot line's own text: a title, maybe a format word alone ("12h00 Dîner")."""
        room = place(text)
        if room is not None:
            self.slot_room = room  # "9.30 to 11 a.m. – Room B": the slot line names only a room
            return
        if text.startswith("(") and text.endswith(")") and text.count("(") == 1:
            return  # "10h-12h (les salles seront communiquées ici)": a note on the slot, no title
        first = room_first(text)
        if first is not None:  # "9h00 – 10h00 | Salle A | Les données": where, then what
            self.slot_room, text = first
        coded = _CODE_FIRST.match(text)
        if coded:  # "09:00-10:00, B42 Opening of the meeting": the room's code, then the title
            self.slot_room = Room(name=coded.group("code"), provisional=False, raw=coded.group("code"))
            text = coded.group("title")
        fmt = format_label(split_room(text)[0])
        if fmt:
            self.format = fmt  # "Mot de bienvenue (Amphithéâtre …)": a session named by its format
        self._open(text, block)

    def _open(self, title: str, block: Block) -> None:
        named, self.card_name = self.card_name, None
        if named is None and self.current is not None and name_card(self.current, block):
            named, self.current = self.current, None  # `<span class="card-title">Agate Berriot</span>`: its speaker
        self._close()
        slot = self.slot or Slot(day=self._day_iso())
        lex, lowered = lexicon(), title.lower()
        if any(head in lowered for head in lex.sponsored_heads):
            title = lex.sponsored_re.sub("", title) or title  # "Pause offerte par X": X pays, X does not speak
        note = DURATION_NOTE.search(title)
        if note and note.start() > 0 and slot.start:
            # "Pause café (10 min)": how long it lasts, not what it is called
            minutes = match_duration(note.group(0).strip(" ()"))
            if minutes and not slot.end:
                slot = slot.model_copy(update={"end": add_minutes(slot.start, minutes)})
            title = title[:note.start()]
        # `Invited talk — Ana Ruiz (HCL). Title.`, `Tutorial 1: Ana Ruiz (INRIA). Title.`: a format, people, a title
        lead, after = split_format(title, numbered=True)
        if lead and not looks_like_name(after) and people_first(after) is not None:
            title = after
        else:
            lead = None
        title, room = split_room(title)  # `Titre : Ana Ruiz (LIG) (Amphi B120)`: the room ends the line
        title, people = split_people(title, titled=block.hint == "title")
        title = title.rstrip(" ,;") or title  # "« Open maps », par Ana Ruiz"
        if room is None:
            title, room = split_room(title)  # `Titre (Salle 4) - Ana Ruiz`: or precedes its people
        fmt, rest = split_format(title) if lead is None else (lead, title)
        tail = trailing_paren(title) if fmt is None else None
        head = title[: tail[0]] if tail else ""
        if tail and MIN_TAIL_FORMAT_CHARS <= len(tail[1]) <= MAX_FORMAT_TAIL_CHARS \
                and not any(c in "()[]" for c in head + tail[1]) and any(c.isalnum() for c in head) \
                and format_label(tail[1]) == tail[1] and format_label(head) is None:  # "Lunch (Packed Lunch)"
            fmt, title = tail[1], head  # "Open maps (Workshop)", "X [Talk]"
            rest = title
        if fmt is None and is_occasion(title):
            fmt = format_label(title)  # "Pause": a session of its own kind
        untitled = False
        numbered: str | None = None
        if fmt is None and lead is None:
            fmt_n, rest_n = split_format(title, numbered=True)
            if fmt_n and is_person_line(rest_n):
                fmt, rest = fmt_n, rest_n  # "Keynote 1: Cosmin Munteanu (University of Toronto)"
            elif fmt_n and key(fmt_n) not in lexicon().groupings:
                numbered = fmt_n  # "Panel A: Digital Communities": a panel, its number kept in the title
        if fmt is None and lead is None and people and numbered is None and format_label(title, numbered=True):
            # `Keynote 1 – Dr Seong-Lyun Kim (Yonsei)` / `Hybrid Inference…`: its format and people; a title follows
            fmt, untitled = format_label(title, numbered=True), True
        about: Description | None = None
        if fmt and rest != title and (looks_like_name(rest) or is_person_line(rest)):
            # "Invited Speaker: Ana Ruiz": named by its format and speaker, until a title line says more
            people.append((rest, None))
            title, untitled = fmt, True
        elif fmt and is_occasion(fmt) and (is_prose(rest) or is_sentence(rest) or (
                len(rest.split()) >= MIN_NOTE_WORDS and rest[:1].islower())):
            # "lunch: there is a possibility to have lunch at the canteen…": a break, then a note on it
            title, about = title[: len(title) - len(rest)].strip(" :–—-"), Description(
                text=rest, provisional=False, label=None)
        elif fmt and room is None and place(rest) is not None:
            title, room = fmt, place(rest)  # "Workshop: Reed 114": a workshop, in room Reed 114
        elif fmt:
            title = rest
        self.current = Draft(title=title, slot=slot, format=fmt or numbered or self.format, block=block,
                             untitled=untitled, room=room or self.slot_room, after_slot_line=self.slot_fresh,
                             section=self.section,
                             room_inherited=room is None and self.slot_room is not None, day_index=self.day_index,
                             under_date=self.day is not None and self.saw_day)
        self.current.description = about
        self.slot_fresh = False
        self.format_used = True
        for line, role in people:
            self._add_people(line, role, comma_list=True)
        if named is not None:
            self._add_people(card_person(named.title) or named.title)
        tag, self.card_format = self.card_format, None
        if tag is not None and self.current.format is None and same_card(block, tag[1]):
            self.current.format = tag[0]

    def _close(self) -> None:
        if self.current is not None:
            if self.in_table:
                self.current.table = self.tables
            self.sessions.append(self.current)
            self.current = None

    def _close_slot(self) -> None:
        self._close()
        if self.format and not self.format_used:
            # "Pause", "Dîner": a slot holding only its format is a session of that name.
            self.current = Draft(title=self.format, slot=self.slot or Slot(day=self._day_iso()),
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


# A room code (letters, then two digits or more, or a hyphen) opening a slot's title: "B42", "A-1510".
_CODE_FIRST = re.compile(r"^(?P<code>[A-Z]{1,3}(?:-\d{1,4}|\d{2,4})[A-Z]?)\s+(?P<title>[A-Z\"“«].{3,})$")
_GLUED_MARKS = re.compile(r"^(?P<name>.*[^\W\d_])?(?P<marks>\d{1,2}(?:,\d{1,2})*),?$")  # "Ana Ruiz1,3"
_MARKS = re.compile(r"^\d{1,2}(?:\s*,\s*\d{1,2})*\s*,?$")  # "1,3,", "2": footnote numbers after a name
_NUMBERED_NOTE = re.compile(r"^(?P<n>\d{1,2})\s+(?P<org>\D.{1,200})$")  # "1 University of Bamberg"
_MARKER = re.compile(r"^(?:n°|no\.?|#)?\s*\d{1,3}[.:)]?$", re.I)  # "N° 1", "#3", "2.": which one, not what
MIN_NOTE_WORDS = 8  # "lunch: there is a possibility to have lunch at the canteen": a note, not a title
MAX_HEADING_LEVEL = 6
MIN_PEOPLE_LINES = 3
MIN_LISTED = 3
MAX_NAME_LINE_WORDS = 8
MIN_PAIRS = 3  # a page's way of writing speaker then title, seen this often…
PAIR_SHARE = 0.6  # …and this share of the times the two kinds of line follow each other


def speaker_pairs(pairs_seen: dict[tuple[tuple[str, ...], tuple[str, ...]], list[int]]
                  ) -> frozenset[tuple[tuple[str, ...], tuple[str, ...]]]:
    """The (name line, title line) kinds a first reading found mostly as speaker then title."""
    return frozenset(p for p, (fired, asked) in pairs_seen.items()
                     if fired >= MIN_PAIRS and fired >= PAIR_SHARE * asked)


def pairs_settled(pairs_seen: dict[tuple[tuple[str, ...], tuple[str, ...]], list[int]],
                  learned: frozenset[tuple[tuple[str, ...], tuple[str, ...]]]) -> bool:
    """Whether a second reading with the learned pairs would read every pair as the first did."""
    return all(pairs_seen[p][0] == pairs_seen[p][1] for p in learned)


MIN_TITLED = 4  # sessions a first reading must find with their own time or people to learn from them


def title_signatures(drafts: list[Draft]) -> frozenset[tuple[str, ...]] | None:
    """The kinds of line that opened sessions with evidence of their own (a time of their own, people),
    when there are enough of them to trust; None otherwise."""
    titled = [d for d in drafts if d.block is not None and d.block.table is None
              and (d.after_slot_line or d.speakers)]
    if len(titled) < MIN_TITLED:
        return None
    counts: dict[tuple[str, ...], int] = {}
    timed: dict[tuple[str, ...], int] = {}
    for d in titled:
        assert d.block is not None
        key = d.block.signature
        counts[key] = counts.get(key, 0) + 1
        timed[key] = timed.get(key, 0) + d.after_slot_line
    most_timed = max(timed.values())
    # A kind of line whose only evidence is people, beside far more lines timed of their own: sentences of
    # abstracts and bios that happened to sit before a speaker's line ("Et tout ça avec du code" / "Par …").
    return frozenset(k for k, n in counts.items() if n >= 2 and (timed[k] or n * PEOPLE_ONLY_SHARE >= most_timed))


def _line_title(item: Classified) -> str:
    """The title a line offers: its text, or what stands before the time that ends it."""
    return item.slot.rest if item.kind is Kind.SLOT and item.slot is not None else item.block.text


def _reads_as_title(text: str) -> bool:
    """Words a name never has: many of them, or small words in lowercase ("Introduction à Ruby")."""
    words = text.split()
    return len(words) >= 5 or any(w.islower() and w.isalpha() for w in words[1:])


def _title_and_people(text: str) -> bool:
    """A line holding a title and its people: `Title. Ana Ruiz, Paul Côté and Léa Roy.`, `Title by Ana Ruiz`,
    `Format — Ana Ruiz (Org). Title.`"""
    if len(text) > MAX_TITLED_LINE:
        return False
    lead, after = split_format(text, numbered=True)
    if lead and people_first(after) is not None:
        return True  # `Invited talk — Ana Ruiz (HCL). Requirements for a Modeling Tool.`
    title, people = split_people(text)
    return bool(people) and len(title) >= MIN_TITLED_TITLE and not is_prose(title) \
        and len(title.split()) <= MAX_TITLE_WORDS


PEOPLE_ONLY_SHARE = 3
MAX_TITLED_LINE = 600
MAX_TITLE_WORDS = 25  # longer, it is a sentence of an abstract that happens to name someone
MIN_TITLED_TITLE = 10


def _in_parentheses(text: str) -> bool:
    return text.startswith("(") and text.endswith(")") and text.count("(") == 1


def _people_line(text: str) -> bool:
    return is_person_line(text) or looks_like_name(bare_name(text)) or all_names(text) is not None or (
        len(split_speakers(text)) > 1 and all(looks_like_name(bare_name(p)) for p in split_speakers(text)))


MIN_TITLE_WORDS = 2  # a lone word under `Keynote 1 – Ana Ruiz (National Science` is the end of her line
MIN_TAIL_FORMAT_CHARS, MAX_FORMAT_TAIL_CHARS = 2, 40  # "(Workshop)", "[Talk]" after a title
MAX_SPEAKERS = 300  # the longest real author lists have about a hundred names


def _column_description(text: str) -> Description:
    """What a description column says: a text, or a placeholder for one ("Description à venir", "TBA")."""
    labelled = labelled_description(text)
    if labelled is not None:
        return labelled
    bare = key(text).strip(" .!…")
    lex = lexicon()
    return Description(text=text, provisional=bare in lex.description_provisional or bool(
        lex.room_provisional_re.match(text)), label=None)


_CAPITALS = re.compile(r"\b[A-Z]{2,}\b")


def _org_like(part: str) -> bool:
    """An organisation by its words (University, Lab), an acronym (CSL, TU, IIT), or its country after a
    comma (`Academia Sinica, Taiwan`), not a person's name."""
    lex = lexicon()
    place = part.rsplit(",", 1)
    return bool(lex.org_re.search(part) or _CAPITALS.search(place[0])
                or (len(place) == 2 and place[1].strip().lower() in lex.countries))


MIN_SECOND_LINES = 3
SECOND_LINE_SHARE = 0.6
MAX_HANDLE_WORDS = 4


def _second_lines_name_people(found: list[TableSession]) -> bool:
    """In most cells of the table the line under the title is a person (`Title` / `Ana Ruiz`): then so
    is a short line there that only looks like a nickname (`Claus`, `VanL`, `Parul sethi`)."""
    # Only cells that open on their title (`Grand hall` / `Peter Morville` / … open on a room).
    second = [s.lines[0] for s in found if s.lines and not place(s.title) and not format_label(s.title)
              and match_slot(s.title) is None]
    if len(second) < MIN_SECOND_LINES:
        return False
    named = sum(1 for line in second if looks_like_name(bare_name(line)) or is_person_line(line) or all_names(line))
    return named >= SECOND_LINE_SHARE * len(second)


def _handle_like(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= MAX_HANDLE_WORDS and not any(c.isdigit() for c in text) and not is_sentence(text, 3) \
        and format_label(text) is None and key(text) not in lexicon().noise


def _shared_organisations(text: str, people: int) -> list[str]:
    """The organisations in `A, B and C (X; Y)`: one each in turn. Commas list them too when no part
    is an institution or a country (`(SNCF, SOGETI)`), not when they climb a hierarchy (`(LIRMM,
    Université de Montpellier)`) or place one (`(Université Laval, Canada)`)."""
    orgs = [o for o in split_outside_parens(text, ";") if o]
    if len(orgs) == 1 and people >= 2:
        lex = lexicon()
        pieces = [p for p in split_outside_parens(text) if p]
        acronym_first = pieces[0].isupper() and len(pieces[0].split()) == 1  # `LIRIS, INSA Lyon`: a lab, its school
        if 2 <= len(pieces) <= people and not (acronym_first and any(len(p.split()) > 1 for p in pieces[1:])) \
                and not any(lex.org_re.search(p) or p.lower() in lex.countries for p in pieces):
            return pieces
    return orgs


def _named_again(draft: Draft, name: str) -> bool:
    words = frozenset(unaccented_key(name).split())
    return any(frozenset(unaccented_key(s.name).split()) == words for s in draft.speakers)


@cache
def _listed_then_organisation() -> re.Pattern[str]:
    """`Ana Ruiz and Bo Ma, OpenStreetMap France`: a list closed by its joiner, then where they work."""
    return re.compile(rf"^(?P<people>[^,()]+\s(?:{lexicon().joiners})\s[^,()]+),\s*(?P<org>[^,()]+)$", re.I)


def _once_each(people: list[Speaker]) -> list[Speaker]:
    """One person named twice (`Animée par Maurice Culot` over `CULOT | Maurice`) is one: the mention with
    a role, else the first."""
    seen: dict[frozenset[str], int] = {}
    kept: list[Speaker] = []
    for person in people:
        name = frozenset(unaccented_key(person.name).split())
        if name not in seen:
            seen[name] = len(kept)
            kept.append(person)
        elif person.role and not kept[seen[name]].role:
            kept[seen[name]] = person
    return kept


_PEOPLE_KINDS = frozenset({Kind.SPEAKER, Kind.PERSON, Kind.TEXT, Kind.SEPARATOR, Kind.PEOPLE, Kind.AFFILIATION})
_LEAD_KINDS = frozenset({Kind.TEXT, Kind.PERSON, Kind.SPEAKER})
# What may be the value of a label alone: anything but structure (a day, a table, another label).
_VALUE_KINDS = frozenset({Kind.TEXT, Kind.PERSON, Kind.SPEAKER, Kind.ROOM, Kind.FORMAT, Kind.NOISE,
                          Kind.DESCRIPTION, Kind.AFFILIATION})
MAX_HANDLE_CHARS = 40
_CELL_DETAIL_KINDS = frozenset({Kind.SPEAKER, Kind.PERSON, Kind.AFFILIATION, Kind.DESCRIPTION, Kind.END})
MAX_VALUE_CHARS = 60  # a track, a level or a format is a few words


def _path(element: object) -> str:
    return element.getroottree().getpath(element)  # type: ignore[attr-defined]


def _where(draft: Draft) -> str:
    return draft.where()


# Evidence that a titled line is a session, and how much each kind weighs.
MIN_CONFIDENCE = 0.3
WARN_CONFIDENCE = 0.5
PROGRAMME_CONFIDENCE = 0.7
MIN_UNTIMED_TALKS = 3


def _confidence(draft: Draft) -> float:
    score = 0.1
    if draft.slot.start:
        score += 0.4
    if draft.slot.day:
        score += 0.3 if draft.dated else 0.2 if draft.under_date else 0.1
    if draft.group:
        score += 0.3  # a table's own row over a block of sessions
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
