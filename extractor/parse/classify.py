"""What a block is, from the language tables alone; position is assemble's job.

A block gets the strongest reading its text supports: day heading, time slot, format
label, room, labelled description, speaker, or plain text (title or prose, decided by
assemble from where it stands).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from enum import Enum
from functools import cache

from extractor.lexicon import lexicon
from extractor.models import Description, Room
from extractor.parse import memo
from extractor.parse.blocks import Block
from extractor.parse.context import PageContext, date_mentions
from extractor.parse.dates import leading_day, match_day, trailing_day, weekday_before_time, weekday_of
from extractor.parse.memo import memoised
from extractor.parse.speakers import (
    bare_name,
    colon_person,
    dash_name,
    given_name,
    looks_like_name,
    organisation_colon_person,
    says_a_job,
    split_outside_parens,
    split_speakers,
    strip_honorifics,
    trailing_paren,
)
from extractor.parse.times import SlotMatch, match_duration, match_slot
from extractor.textkit.normalise import key

MAX_ROOM_CHARS = 70
MAX_NOISE_CHARS = 40
MAX_NOTICE_CHARS = 160  # a note on the page, a link or an address is a line of its own; a paragraph is text
MAX_FORMAT_CHARS = 60
MAX_TITLE_CHARS = 250
MAX_CAPS_LABEL_WORDS = 4
_CAPS_LABEL = re.compile(r"^(?P<label>[^\W\d_a-zà-ÿ][^a-zà-ÿ:]{1,38}?)\s*:\s*$")
_HANDLE = re.compile(r"^@[\w.]{2,30}$")
_ICON_LIGATURE = re.compile(r"^[a-z]+(?:_[a-z]+)+$")
_TRACK_NAME = re.compile(r"^(?:\S+\s+){0,2}(?:track|stream)$|^(?:parcours|filière)\s+\S+$", re.I)
_STATEMENT_END = re.compile(r"[.!…][\"»)]?$")
_SENTENCE_ENDS = re.compile(r"[.?!…]\s*[\"»)]?(?:\s+[A-ZÀ-Þ\"«]|$)")
MIN_PARAGRAPH_WORDS = 15  # with two sentences or more: "Qu'est-ce que X ? Pourquoi ? Comment ?" is an abstract
_SENTENCE_END = re.compile(r"[.!?…»\")]$")
_TRAILING_PARENS = re.compile(r"\s*\(([^()]*)\)\s*[.!]?$")


class Kind(Enum):
    SEPARATOR = "separator"
    NOISE = "noise"
    DAY = "day"
    SLOT = "slot"
    FORMAT = "format"
    ROOM = "room"
    DESCRIPTION = "description"
    SPEAKER = "speaker"  # certain: a role label, "Par …", "Name (Affiliation)", credentials
    PEOPLE = "people"  # a heading that introduces speakers: "Intervenants :", "Animation", "Speakers"
    PERSON = "person"  # "Name, Title, Org": a speaker once a session has its title
    LABEL = "label"  # "ROOM:", "Track": a field's label alone, its value on the next line
    AFFILIATION = "affiliation"  # an organisation the markup sets apart, for the last speaker
    END = "end"  # "Ends at 17:00": the end of the current session
    TEXT = "text"
    TABLE = "table"
    PANEL = "panel"  # a tab's label that names no day or room: the kind of the sessions in its panel


@dataclass(slots=True)
class Classified:
    kind: Kind
    block: Block
    day: date | None = None
    slot: SlotMatch | None = None
    format: str | None = None
    room: Room | None = None
    description: Description | None = None
    role: str | None = None  # from a "Chair:" / "Animatrice :" label
    labelled: bool = False  # the line starts with a "Chair:" / "Speakers:" label to strip
    field: str | None = None  # LABEL: the field its value belongs to ("room", "meta", "format"…)
    title: bool = False  # TEXT the markup calls a title: it opens a session wherever it stands
    dated: bool = False  # SLOT: the line opens with its day ("Saturday 10:00"), a day heading too
    minutes: int | None = None  # END: a duration ("50 minutes") rather than a time
    rest: str | None = None  # TEXT opening with its day: the line after the date; SPEAKER after "and": the rest


_READ: dict[tuple[object, ...], Classified] = memo.table({})  # a page's lines, read once each


def classify(block: Block, context: PageContext) -> Classified:
    """What the line is. The answer depends on its text and markup and on the page (its context): lines
    met again on the same page are answered from memory."""
    if block.table is not None:
        return Classified(Kind.TABLE, block)
    line = (block.text, block.heading, block.bold, block.separator, block.hint, block.lead, block.signature)
    known = _READ.get(line)
    if known is None:
        known = _READ[line] = _classify(block, context)
    return known if known.block is block else replace(known, block=block)


def _classify(block: Block, context: PageContext) -> Classified:
    text = block.text
    if block.separator or not text or not any(c.isalnum() for c in text):
        return Classified(Kind.SEPARATOR, block)  # blank, or a rule drawn with dashes
    if block.table is not None:
        return Classified(Kind.TABLE, block)
    lex = lexicon()
    if block.hint == "tab":
        return _tab_label(block, context)
    if len(text) <= MAX_NOISE_CHARS and key(text).rstrip(" :.…›»>!") in lex.noise:
        return Classified(Kind.NOISE, block)
    if len(text) <= MAX_NOISE_CHARS and text[:1] in "([" and text[-1:] in ")]" and (
            key(text[1:-1]) in lex.noise or lex.description_label_re.fullmatch(text[1:-1].strip())):
        return Classified(Kind.NOISE, block)  # "(abstract)", "[slides]": a link beside the title
    about = lex.about_person_re.match(text) if len(text) <= MAX_NOISE_CHARS else None
    if about and (looks_like_name(about.group("who")) or given_name(about.group("who"))):
        return Classified(Kind.NOISE, block)  # "About Ryan": a biography follows, of a speaker already listed
    if _HANDLE.match(text) or _ICON_LIGATURE.match(text):
        return Classified(Kind.NOISE, block)  # "@rachelandrew": a handle; "arrow_forward": an icon font's word
    bare = key(text).rstrip(" :")
    if bare in lex.half_days:
        return Classified(Kind.NOISE, block)  # "Morning": a part of the day, over the sessions below
    if bare in lex.outlines:
        return Classified(Kind.NOISE, block, field="outline")  # "A typical day": what follows is a sample
    if len(text) <= MAX_NOTICE_CHARS and lex.notice_re.search(text):
        return Classified(Kind.NOISE, block)  # "Programme subject to change": about the page, not a session
    if len(text) <= MAX_NOISE_CHARS and key(text).strip(" !.?…") in lex.nobody:
        return Classified(Kind.NOISE, block)  # "Tous", "Everyone": who attends, no session
    day = match_day(text, context)
    if day:
        slot = match_slot(text) if len(text) > len(day[1]) + 3 else None
        if slot is not None and slot.trailing:  # "Sunday Nov.3 – 14:00-18:00": a day and a time at once
            return _trailing_slot(block, slot, context)
        return Classified(Kind.DAY, block, day=day[0])
    weekday = weekday_of(text) if len(text) <= 16 else _programme_of(text)
    if weekday is not None:  # "Thursday": a new day, dated when the page's dates say which it is
        return Classified(Kind.DAY, block, day=context.weekday(weekday))
    minutes = match_duration(text) if text[:1] == "(" else None
    if minutes is not None:
        return Classified(Kind.END, block, minutes=minutes)  # "(0:55)": how long, not when
    length = _BRACKETED_LENGTH.search(text) if text.endswith(")") else None
    if length and match_duration(length.group(0).strip()) is not None:
        where = text[: length.start()].strip(" []")  # "[Amphi A] (2:00)": where, and for how long
        room = (room_of(where) or named_place(where, heading=False)) if where else None
        if room is not None:
            return Classified(Kind.ROOM, block, room=room)
    slot = match_slot(text)
    if slot and slot.trailing and slot.rest and lex.field_labels.get(key(slot.rest).rstrip(" :")) == "meta":
        return Classified(Kind.NOISE, block)  # "Duration: 2h30", "Length: 3h": how long, not when
    if slot and slot.trailing:
        return _trailing_slot(block, slot, context)
    if slot:
        return Classified(Kind.SLOT, block, slot=slot)
    if len(text) <= MAX_NOTICE_CHARS and (_URL.search(text) or _CONTACT.match(text)
                                          or ("," in text and lex.address_re.search(text))):
        return Classified(Kind.NOISE, block)  # "Les vidéos : https://…", "780 Mission St, San Francisco, CA"
    if block.heading and len(text.split()) <= MAX_EVENT_LINE_WORDS and _programme_heading(text):
        return Classified(Kind.NOISE, block)  # "Workshop programme": the heading over the sessions
    if _about_the_event(text, context):
        return Classified(Kind.NOISE, block)  # "June 28 & 29, 2018", "Summer School 2025": the event itself
    dated = leading_day(text, context)
    if dated:
        slot = match_slot(dated[1])  # "2 juillet 2026, 14h - 15h — Salle 4": a day and a slot at once
        if slot:
            return Classified(Kind.SLOT, block, slot=slot, day=dated[0], dated=True)
        if dated[0] is not None and len(dated[1].split()) >= 2 and not is_prose(dated[1]):
            # "24 janvier 2025 - Les mains dans le code": a dated session, untimed
            return Classified(Kind.TEXT, block, day=dated[0], dated=True, rest=dated[1])
    minutes = match_duration(text)
    if minutes is not None:
        fmt = format_label(text)  # "🕒 Lightning (15min)": a kind of session and how long it lasts
        return Classified(Kind.FORMAT if fmt else Kind.END, block, minutes=minutes, format=fmt)
    heading = people_heading(text)
    if heading is not None:
        return Classified(Kind.PEOPLE, block, role=heading or None)
    if _TRACK_NAME.match(text):
        return Classified(Kind.NOISE, block)  # "pydata track", "Parcours Data": which track, not a title
    labelled = _field_label(block, context)
    if labelled is not None:
        return labelled
    hinted = _hinted(block)
    if hinted is not None:
        return hinted
    fmt = format_label(text, numbered=True)
    if fmt and not is_occasion(fmt):
        note = DURATION_NOTE.search(text)  # "Lightning (15min)": how long it lasts, too
        return Classified(Kind.FORMAT, block, format=fmt,
                          minutes=match_duration(note.group(0).strip(" ()")) if note else None)
    if text in context.places:
        return Classified(Kind.ROOM, block, room=room_of(text) or Room(name=text, provisional=False, raw=text))
    room = room_of(text) or named_place(text, heading=block.heading > 0)
    if room:
        return Classified(Kind.ROOM, block, room=room)
    desc = labelled_description(text)
    if desc:
        return Classified(Kind.DESCRIPTION, block, description=desc)
    joined = _continued().match(text)
    if joined and (is_person_line(joined.group("rest")) or looks_like_name(bare_name(joined.group("rest")))):
        return Classified(Kind.SPEAKER, block, rest=joined.group("rest"))  # "and Paul Côté (CNRS)": one more
    labelled_role = role_label(text)
    if labelled_role is not None:
        return Classified(Kind.SPEAKER, block, role=labelled_role or None, labelled=True)
    if lex.role_by_re.match(text):
        return Classified(Kind.SPEAKER, block)
    by = lex.by_re.match(text)
    if by and key(by.group("rest")).strip(" !.?…:)") in lex.nobody:
        return Classified(Kind.NOISE, block)  # "by YOU", "Animé par : tous": no one in particular
    if by and looks_like_name(bare_name(split_speakers(_name_head(by.group("rest")))[0])):
        return Classified(Kind.SPEAKER, block)  # "Presented by Ana Ruiz", "Session led by Ana Ruiz and Bo Ma"
    people = split_speakers(text)
    if len(people) > 1 and all(is_person_line(p) or looks_like_name(p) for p in people):
        # "Closing Remarks and Next Steps" also reads as two names: only a session's context decides.
        return Classified(Kind.PERSON, block)
    if colon_person(text) is not None or organisation_colon_person(text) is not None:
        return Classified(Kind.SPEAKER, block)  # "Azer Bestavros: Boston University, USA", "Ville X : M. Roy"
    if is_person_line(text.rstrip(": ")):  # "Omri Amiraz (Hebrew University):" over the title of their talk
        strong = "(" in text or "[" in text or strip_honorifics(_name_head(text))[1]
        return Classified(Kind.SPEAKER if strong else Kind.PERSON, block)
    if text.endswith(":") and len(text.split()) >= MIN_INTRO_WORDS and not (block.heading or block.bold or block.hint) \
            and not any(format_label(part.strip(" :"), numbered=True) for part in re.split(r"\s[-–—]\s", text)):
        return Classified(Kind.NOISE, block)  # "Voici le programme de la journée :": what follows, not a session
    return Classified(Kind.TEXT, block, title=block.hint == "title")


MIN_INTRO_WORDS = 5
_BRACKETED_LENGTH = re.compile(r"\s*\(\s*\d\s?[:hH]\s?[0-5]\d\s*\)$")
_URL = re.compile(r"\bhttps?://|\bwww\.\w", re.I)
# A line that is only an e-mail address or a telephone number: how to reach the organisers.
_CONTACT = re.compile(r"^(?:[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\+?\(?\d[\d .()/-]{7,}\d)$")
_DAY_CODE = re.compile(r"\s*\((?:[A-Za-z]{1,3}\.?\s+)?\d{1,2}/\d{1,2}(?:/\d{2,4})?\)\s*:?\s*$")


def _programme_heading(text: str) -> bool:
    return lexicon().programme_heading_re.match(text) is not None  # "Programme des conférences"


MAX_DAY_WORDS = 3


def _programme_of(text: str) -> int | None:
    """"Programme du Samedi", "Saturday schedule": the programme of one day, a day heading."""
    found = lexicon().programme_heading_re.match(text) if len(text) <= MAX_NOISE_CHARS else None
    rest = (found.group("after") or found.group("before") or "") if found else ""
    return weekday_of(rest) if 0 < len(rest.split()) <= MAX_DAY_WORDS else None


# A bracketed link closing a line, after an optional separator: "- (slides)", "[video]", "(slides: .pdf)".
_LINK_TAIL = re.compile(r"(?:\s*[-–—|·,]\s*|\s+)[(\[](?P<inner>[^()\[\]]{1,60})[)\]]\s*$")
_LINK_PARTS = re.compile(r"\s*[,|/&]\s*|\s+(?:and|et)\s+")


_DECORATION = re.compile(r"^[~=*—–_•·#-]{2,}\s*(?P<text>.*?)\s*[~=*—–_•·#-]{2,}$")


_RULE_CHARS = "~=*—–_•·#-"


@memoised
def without_rules(text: str) -> str:
    """`~~~ afternoon pause ~~~`, `——— Mid day pause ———`: the words between the rules drawn around them."""
    if text[:1] not in _RULE_CHARS or text[-1:] not in _RULE_CHARS:
        return text
    found = _DECORATION.match(text)
    return found.group("text") if found and any(c.isalnum() for c in found.group("text")) else text


@memoised
def without_links(text: str) -> str:
    """`Title - (slides)`, `by Ana Ruiz (OVH) [video] [pdf]`: the line without the links beside it.

    A page published after its event links slides and recordings from each line; the labels of
    those links are neither the title nor anyone's affiliation."""
    links = lexicon().link_labels
    while True:
        if not text.rstrip().endswith((")", "]")):
            return text
        found = _LINK_TAIL.search(text)
        if found is None or found.start() == 0:
            return text
        inner = found.group("inner").split(":")[0]
        if not all(key(part) in links for part in _LINK_PARTS.split(inner) if part):
            return text
        text = text[: found.start()].rstrip()


@cache
def _continued() -> re.Pattern[str]:
    return re.compile(rf"^(?:{lexicon().joiners})\s+(?P<rest>\S.*)$", re.I)


MAX_EVENT_LINE_WORDS = 6


@cache
def _date_words() -> re.Pattern[str]:
    """Everything a written date range is made of: numbers, month and weekday names, small joiners."""
    lex = lexicon()
    words = sorted({*lex.months, *lex.weekdays, *lex.range_words, "and", "et", "au", "du", "to", "le", "the", "er",
                    "st", "nd", "rd", "th"}, key=len, reverse=True)
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, words))})\b|\d+|[^\w\s]", re.I)


def _about_the_event(text: str, context: PageContext) -> bool:
    """A short line that only dates the event (`June 28 & 29, 2018`) or names it with its year (`Summer
    School 2025`, `Colloque 2024`): the page's own heading, not a session."""
    words = text.split()
    if not words or len(words) > MAX_EVENT_LINE_WORDS or context.year is None:
        return False
    lex = lexicon()
    if words[-1].strip(".,") == str(context.year) and all(w[:1].isupper() or w.isdigit() for w in words) \
            and not any(w.lower().strip(".,") in lex.months or w.lower().strip(".,") in lex.weekdays for w in words):
        return True
    # "June 28 & 29, 2018", or "17-19 July, King's College London": the dates, then where
    return any(len(date_mentions(part)) >= 2 and not _date_words().sub("", part.lower()).strip(" ,.;:–—-&/")
               for part in (text, text.split(",")[0]))


def _tab_label(block: Block, context: PageContext) -> Classified:
    """A tab's label over its panel: a day ("Day 2", "Mardi 12 mars"), a room or track, else a kind."""
    plain = replace(block, hint=None)
    read = classify(plain, context)
    if read.kind in (Kind.DAY, Kind.ROOM, Kind.NOISE) or (read.kind is Kind.SLOT and read.dated):
        return read
    return Classified(Kind.PANEL, block, format=format_label(block.text) or block.text)


def _trailing_slot(block: Block, slot: SlotMatch, context: PageContext) -> Classified:
    """A time ending a line: what stands before it may be a day (`Tuesday 12 March: 14:00 - 15:30`) or a
    label (`Ends at 17:00`) rather than a title."""
    rest = _DAY_CODE.sub("", slot.rest).rstrip(" :")  # "Session 1: (M 5/20) 9 - 10:30am": the day, again
    if rest != slot.rest:
        slot = replace(slot, rest=rest)
    day = match_day(rest, context)
    if day:
        return Classified(Kind.SLOT, block, slot=replace(slot, rest=""), day=day[0], dated=True)
    titled_day = trailing_day(rest, context)
    if titled_day:  # "Tester son application Samedi 14 septembre de 9h30 à 10h": a title, its day and time
        return Classified(Kind.SLOT, block, slot=replace(slot, rest=titled_day[1]), day=titled_day[0], dated=True)
    weekday = weekday_before_time(rest)
    if weekday is not None:
        return Classified(Kind.SLOT, block, slot=replace(slot, rest=""), day=context.weekday(weekday), dated=True)
    until = _until().search(rest) if slot.end is None else None
    if until is not None:  # "Sessions de Barcamps jusqu'à 18h30": how long it goes on, from the slot's start
        return Classified(Kind.SLOT, block, slot=replace(slot, start=None, end=slot.start, rest=rest[: until.start()]))
    label = lexicon().field_label_re.match(rest)
    if label and not (label.group("value") or "").strip():
        field = lexicon().field_labels[label.group("label").lower()]
        if field in ("time", "end"):
            return Classified(Kind.END if field == "end" else Kind.SLOT, block, slot=replace(slot, rest=""))
    return Classified(Kind.SLOT, block, slot=slot)


@cache
def _until() -> re.Pattern[str]:
    words = [w for w, field in lexicon().field_labels.items() if field == "end"]
    return re.compile(rf"\s+(?:{'|'.join(re.escape(w) for w in words)})$", re.I)


def _field_label(block: Block, context: PageContext) -> Classified | None:
    """`Track: Being Human`, `Type : Keynote`, `Time: 10:00`, or a label alone (`ROOM:`) before its value."""
    lex = lexicon()
    text = block.text
    m = lex.field_label_re.match(text) if len(text) <= MAX_TITLE_CHARS else None
    if m is None:
        return None
    field = lex.field_labels[m.group("label").lower()]
    value = (m.group("value") or "").strip()
    if not value:
        if m.group("value") is None and (field == "description" or block.heading):
            return None  # a bare "Description" or "<h2>Format</h2>" is a section's heading, not a label
        return Classified(Kind.LABEL, block, field=field)
    if field == "meta":
        return Classified(Kind.NOISE, block)
    if field == "format" and len(value) <= MAX_FORMAT_CHARS:
        if any(part.strip() in lex.attendance for part in re.split(r"[/,+&]|\bet\b|\band\b|\bou\b|\bor\b",
                                                                   value.lower())):
            return Classified(Kind.NOISE, block)  # "Format : présentiel / distanciel": how to attend
        return Classified(Kind.FORMAT, block, format=value)
    if field in ("time", "end"):
        slot = match_slot(value)
        if slot is not None:
            return Classified(Kind.END if field == "end" else Kind.SLOT, block, slot=slot)
        return Classified(Kind.NOISE, block)  # "Horaire : à définir (matin)": no time yet
    return None


MAX_TAG_CHARS = 40
MAX_LISTED_CHARS = 80  # "Title - Ana Ruiz", "Ana Ruiz - @ana": short; an abstract's sentence is longer


MAX_ROLE_LINE_WORDS = 6


def _role_not_person(text: str) -> bool:
    """A line in a speaker's box that says what they do or where: `Senior Software Engineer`, `Grafana Labs`."""
    words = text.split()
    if not words or len(words) > MAX_ROLE_LINE_WORDS or "," in text or is_person_line(text):
        return False
    return says_a_job(text) or bool(lexicon().org_re.search(text))


def _hinted(block: Block) -> Classified | None:
    """What the markup's class names say the line is, when its text alone does not say more."""
    hint, text = block.hint, block.text
    if hint is None:
        return None
    if hint == "meta":
        # `<h4 class="track1">Salle iXmedia</h4>`: a "track" is a room too, when the text says so
        room = room_of(text)
        if room:
            return Classified(Kind.ROOM, block, room=room)
        fmt = format_label(text) if len(text) <= MAX_TAG_CHARS else None
        if fmt and key(fmt) == key(text.strip(" :")) and not is_occasion(fmt):
            return Classified(Kind.FORMAT, block, format=fmt, field="meta")  # `<span class="tag">Workshop</span>`
        return Classified(Kind.NOISE, block)
    if hint == "room" and len(text) <= MAX_ROOM_CHARS and not format_label(text, numbered=True):
        # ("Conférence (50min)" in a "room--duration" box is the format: the words outweigh the class)
        return Classified(Kind.ROOM, block, room=room_of(text) or Room(name=text, provisional=False, raw=text))
    if hint in ("speaker", "chair") and len(text) <= 300 and not _STATEMENT_END.search(text):
        if _role_not_person(text):
            return Classified(Kind.AFFILIATION, block)  # `<p class="speaker-title">Senior Software Engineer`
        return Classified(Kind.SPEAKER, block, role="chair" if hint == "chair" else None)
    if hint == "affiliation" and len(text) <= 200:
        return Classified(Kind.AFFILIATION, block)
    if hint == "description" and len(text.split()) >= 4 and not block.heading and not (
            len(text) <= MAX_LISTED_CHARS and (is_person_line(text) or dash_name(text)[1] is not None)):
        # (a heading in the box, "Ana Ruiz - @ana", "Title - Ana Ruiz" in a "summary" list: the words decide)
        return Classified(Kind.DESCRIPTION, block, description=Description(text=text, provisional=False))
    return None


@memoised
def is_occasion(text: str) -> bool:
    """"Pause", "Lunch", "Opening Remarks", "Morning Tea Break": a format that is a session of its own."""
    words = key(text.strip().rstrip(":").strip()).split()
    occasions = lexicon().occasions
    return " ".join(words) in occasions or (2 <= len(words) <= MAX_OCCASION_WORDS and all(
        any(c.isalpha() for c in w) for w in words) and (" ".join(words[-2:]) in occasions or words[-1] in occasions))


DURATION_NOTE = re.compile(r"\s*\(\s*\d+\s*(?:min|mins|minutes|h|hr|hrs|hours?)\.?\s*\)$", re.I)
_NUMBERED = re.compile(r"^(?P<format>.+?)\s+(?:n°\s*|no\.?\s*|#)?(?:\d{1,2}|[IVX]{1,4}|[A-H])$", re.I)


MIN_PLACE_REPEATS = 3  # a room's name recurs, slot after slot


def recurring_places(blocks: list[Block], context: PageContext) -> frozenset[str]:
    """Short lines that come back, in the same markup, three times or more, two of them at least: the
    names of the rooms of parallel sessions ("Regency A", "Regency B"), slot after slot. Breaks, formats,
    times, days and link labels recur too, and are not rooms."""
    counts: dict[tuple[tuple[str, ...], str], int] = {}
    for block in blocks:
        text = block.text
        if block.table is None and not block.separator and len(text) <= MAX_PLACE_CHARS and len(text.split()) <= 4:
            key_ = (block.signature, text)
            counts[key_] = counts.get(key_, 0) + 1
    groups: dict[tuple[str, ...], list[str]] = {}
    for (sig, text), n in counts.items():
        if n >= MIN_PLACE_REPEATS:
            groups.setdefault(sig, []).append(text)
    places: set[str] = set()
    for texts in groups.values():
        kept = [t for t in texts if _could_be_place(t, context)]
        if len(kept) >= 2:
            places.update(kept)
    return frozenset(places)


MAX_PLACE_CHARS = 40


def _could_be_place(text: str, context: PageContext) -> bool:
    lex = lexicon()
    bare = key(text).rstrip(" :.…")
    return not (bare in lex.noise or is_occasion(text) or format_label(text, numbered=True)
                or match_slot(text) or match_day(text, context) or weekday_of(text) is not None
                or lex.field_label_re.match(text) or text.isdigit() or _STATEMENT_END.search(text)
                or (lex.org_re.search(text) and not lex.venue_re.search(text)))  # an affiliation, again and again


MAX_OCCASION_WORDS = 3


@memoised
def format_label(text: str, numbered: bool = False) -> str | None:
    """'Études de cas', 'CONFÉRENCE :', 'Keynote' -> the format as written, without its colon; with
    `numbered`, a line alone as 'Tutorial 2' too (the second tutorial is a tutorial). Inside a title a
    number identifies: "Session 2 : Langage" keeps it."""
    if len(text) > MAX_FORMAT_CHARS:
        return None
    bare = DURATION_NOTE.sub("", text.strip().rstrip(":").strip())  # "Conférence (50min)"
    if key(bare) in lexicon().formats:
        return bare
    if is_occasion(bare):
        return bare  # "Morning Tea Break", "Networking Lunch": a break, said more precisely
    found = _NUMBERED.match(bare) if numbered else None
    if found and key(found.group("format")) in lexicon().formats and not is_occasion(found.group("format")):
        return found.group("format")
    m = _CAPS_LABEL.match(text.strip())
    if m and len(m.group("label").split()) <= MAX_CAPS_LABEL_WORDS \
            and key(m.group("label")) not in lexicon().status_words:
        return m.group("label").strip()  # "ATELIER :", but not "ANNULÉ :" (what became of it)
    return None


@memoised
def room_of(text: str) -> Room | None:
    lex = lexicon()
    if len(text) > MAX_ROOM_CHARS:
        return None
    if lex.room_provisional_re.match(text):
        return Room(name=None, provisional=True, raw=text)
    held = _TRAILING_PARENS.search(text)
    if held and held.start() and lex.room_provisional_re.match(held.group(1).strip()):
        # "Salle 1.120 (à confirmer)": a room, not yet final; "Salle (à confirmer)": no name yet.
        room = room_of(text[: held.start()].rstrip())
        if room is not None:
            bare = room.name is None or lex.room_word_re.sub("", room.name, count=1).strip() == ""
            return Room(name=None if bare else room.name, provisional=True, raw=text)
    labelled = lex.room_label_re.match(text)
    if labelled:
        value = labelled.group("value").strip()
        if lex.room_provisional_re.match(value):
            return Room(name=None, provisional=True, raw=text)
        return Room(name=value, provisional=False, raw=text)
    if lex.room_word_re.match(text) and len(text.split()) <= 6 and not _SENTENCE_END.search(text.rstrip(".")):
        rest = lex.room_word_re.sub("", text, count=1).strip()
        # "Salle 2.105", "Auditorium Jean-Coutu", "Agora du pavillon Desjardins": a room word, then a
        # name or number (particles allowed before it), not a phrase in lowercase.
        words = [w for w in rest.split() if w.lower() not in lex.particles]
        if text.split()[0].lower() in lex.coded_room_words and not (
                len(words) == 1 and (_CODE_WORD.match(words[0]) or words[0][:1].isdigit())):
            return None  # "Building Powerful Roadmaps" is a talk; "Building 5", "Studio A" are places
        # Each word a name, a number or a code ("Salle iXmedia", "Room 275"), or a place word
        # ("pavillon"): "Building Quart from Flask and Asyncio" is a talk.
        if not rest or (words and all(w[0].isdigit() or w[0] in "-–#(" or any(c.isupper() for c in w)
                                      or w.lower().strip(",") in lex.venue_words for w in words)):
            return Room(name=text, provisional=False, raw=text)
    return None


_CODE_WORD = re.compile(r"^[A-Z0-9][A-Z0-9.\-/]{0,5}$")
_FLOOR = re.compile(r"\((?:[^()]*\b(?:floor|level|étage|niveau|rdc|rez-de-chaussée)\b[^()]*)\)\s*$", re.I)


@memoised
def named_place(text: str, heading: bool = False) -> Room | None:
    """`Bourbon Auditorium (1st floor)`, `All Seasons Hall`: a place named first, its kind last. Surnames
    can be venue words ("Stuart Hall"), so only a clear kind of room, a floor, or a heading of its own."""
    if len(text) > MAX_ROOM_CHARS:
        return None
    floor = _FLOOR.search(text)
    bare = text[: floor.start()].strip() if floor else text.split(" (")[0].strip()
    words = bare.split()
    if not 1 <= len(words) <= 5 or not (words[-1][:1].isupper() or heading):
        return None
    last = words[-1].lower()
    lex = lexicon()
    if any(w.islower() and w not in lex.particles and any(w in s for s in lex.stopwords.values())
           and w not in lex.place_links for w in words[1:-1]):
        return None  # "Code at the Center": a phrase about something, ending on a place word
    if last not in lex.venue_words and last not in lex.strong_venue_words:
        return None
    if floor or heading or last in lex.strong_venue_words:
        return Room(name=text, provisional=False, raw=text)
    return None


def labelled_description(text: str) -> Description | None:
    lex = lexicon()
    m = lex.description_label_re.match(text)
    if not m:
        return None
    label = m.group("label")
    body = (m.group("text") or "").strip()
    if m.group("text") is None and label.lower() not in lex.description_provisional:
        return None  # a bare "Description" line is a heading, unless it says "to come"
    return Description(text=body, provisional=label.lower() in lex.description_provisional, label=label)


@memoised
def is_person_line(text: str) -> bool:
    """`Name, …` or `Name (…)` where Name looks like a person's name."""
    if len(text) > 300:
        return False
    tail = trailing_paren(text)
    if tail is not None and room_of(tail[1]) is not None:
        return False  # `Tutoriel Upmem (Salle A-C206)`: a session in its room, not a person and employer
    head = _name_head(text)
    if head != text.strip() and looks_like_name(head):
        return True
    # "Directrice générale, Mme Louise Roy": a role first, then a person with a courtesy title.
    return any(strip_honorifics(p)[0] != p and looks_like_name(p) for p in split_outside_parens(text)[1:])


_NEXT_PERSON = re.compile(r"^\([^()]*\)\s*(?:,|and|et|&)\s+[A-ZÀ-Þ]")


def _name_head(text: str) -> str:
    parts = split_outside_parens(text)
    head = parts[0] if parts else text
    cut = head.find("(")
    if cut > 0 and _NEXT_PERSON.match(head[cut:]):
        head = head[:cut]  # `Ana Ruiz (Org) and Bo Ma (Org)`: Ana Ruiz, the first of a list
    return bare_name(dash_name(head)[0])


def role_label(text: str) -> str | None:
    """"Chair: Jane Doe" -> "chair"; "Speakers: A, B" -> "" (people, no role); else None."""
    head, sep, rest = text.partition(":")
    return people_word(head.strip()) if sep and rest.strip() else None


def people_heading(text: str) -> str | None:
    """A line that only announces people: "Intervenants :" -> "", "Animation" -> "animation"."""
    bare = text.strip().rstrip(":").strip()
    return people_word(bare) if len(bare) <= 40 else None


def people_word(word: str) -> str | None:
    """A role ("chair", "animation"), "" for plain speakers ("Intervenants"), or None."""
    lex = lexicon()
    if lex.role_re.match(word):
        return word.lower()
    return "" if lex.speaker_heading_re.match(word) else None


@memoised
def is_prose(text: str) -> bool:
    """Running text rather than a title: long, or a full sentence of many words, or a biography."""
    words = len(text.split())
    # A question is more often a title ("Faut-il taxer le sucre ?") than running text.
    return len(text) > MAX_TITLE_CHARS or (words >= 12 and bool(_STATEMENT_END.search(text))) or (
        words >= 8 and text.endswith(":")) or is_biography(text)  # "Each session will follow this format:"


def is_paragraph(text: str) -> bool:
    """Several sentences in one plain line: "Qu'est-ce que X ? Pourquoi ? Comment ?" opens no session,
    though a heading may read so ("51 ‐ CommuneCarte, faire commun. Dis tonton, … ?")."""
    return len(text.split()) >= MIN_PARAGRAPH_WORDS and len(_SENTENCE_ENDS.findall(text)) >= 2


MIN_BIO_WORDS = 6


def is_biography(text: str) -> bool:
    """`Rachel Andrew is a front and back-end web developer…`, `Anna works as…`, `Elle enseigne…`: a
    name (or a pronoun), then a verb that tells who they are."""
    words = text.split()
    if len(words) < MIN_BIO_WORDS:
        return False
    lex = lexicon()
    if words[0].lower() in lex.pronouns:
        return True
    for index, word in enumerate(words[1:4], start=1):
        verb = word.strip(",;:")
        if word.islower() and (verb in lex.bio_verbs or (
                verb in lex.bio_copulas and looks_like_name(" ".join(words[:index])))):
            return True
        if not word[:1].isupper():
            return False
    return False


def is_sentence(text: str, min_words: int = 6) -> bool:
    """A sentence that continues a description: ends like one and has a few words."""
    return len(text.split()) >= min_words and bool(_STATEMENT_END.search(text))
