"""Programme tables, read whole: which rows are headers, days or session groups, which column holds what.

A table is read in three steps:
1. its header, if any: a row naming fields (Heure | Titre | Conférenciers | Salle), or a grid header whose
   columns are rooms, tracks or days (`| Salle A | Salle B`, `| Monday | Tuesday`), wherever it stands in
   the first rows (a caption row may come first) and however often it is repeated;
2. its rows: a row holding one text (often spanning the table) is a day heading ("Lundi 23 juin") or a
   group of sessions ("Session 1 : IA - Chair : X"), itself a session; other rows are sessions;
3. its columns, when no header names them: the time column (most cells are times), day columns,
   and the title column (the longest texts) beside a column of names or rooms.

In a grid, each filled cell is a session; its end is the time of the row where its rowspan stops, its
room the column's, unless it spans several rooms (a plenary). Times covered by a rowspan carry down.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from extractor.lexicon import lexicon
from extractor.parse.blocks import Block, TableRow
from extractor.parse.classify import format_label, is_person_line, is_prose, role_label
from extractor.parse.context import PageContext
from extractor.parse.dates import match_day, weekday_before_time, weekday_of
from extractor.parse.memo import memoised
from extractor.parse.speakers import colon_person, looks_like_name, organisations
from extractor.parse.times import SlotMatch, add_minutes, match_slot, written_duration
from extractor.textkit.normalise import key

HEADER_ROWS_SEARCHED = 4
MAX_HEADER_CHARS = 30
MIN_COLUMN_SHARE = 0.5  # a column is a time (or day) column when this share of its filled cells are
PARALLEL_SHARE = 0.4  # a column holding this share of the title column's text also holds sessions
MIN_SESSION_CELL = 25  # characters: a cell holding a session (title, people…) is longer than a name


@dataclass
class TableSession:
    title: str
    origin: TableRow
    slot: SlotMatch | None = None
    end: str | None = None  # from the grid, when the cell spans rows
    day: date | None = None
    room: str | None = None
    no_room: bool = False  # spans several room columns: a plenary, in no one room
    format: str | None = None
    lines: list[str] = field(default_factory=list)  # the cell's other lines: speakers, rooms…
    extra: list[str] = field(default_factory=list)  # lines of the row's other, unnamed columns
    about: list[str] = field(default_factory=list)  # the lines of its description column
    speakers: list[str] = field(default_factory=list)
    group: bool = False  # a row naming a group of sessions ("Session 2 : Langage")
    items: list[Block] | None = None  # the title cell's lines, when its markup names its fields


@dataclass
class TableResult:
    sessions: list[TableSession]
    skipped: list[TableRow]  # rows with content that no reading explains
    last_day: date | None = None  # the day the table ends on, for what follows it


@dataclass(frozen=True)
class _Columns:
    fields: dict[str, int]  # "time", "title", "speakers", "room", "format", "day" -> column
    days: dict[int, date | None] = field(default_factory=dict)  # grid: column -> its day
    rooms: dict[int, str] = field(default_factory=dict)  # grid: column -> its room or track

    @property
    def grid(self) -> bool:
        return bool(self.days or self.rooms)


def read_table(rows: list[TableRow], context: PageContext, day: date | None = None) -> TableResult:
    filled = [r for r in rows if any(r.cells)]
    if not filled:
        return TableResult([], [])
    header_at, columns = _header(filled, context)
    body = rows[rows.index(filled[header_at]) + 1 :] if header_at is not None else rows
    if columns is None:
        columns = _infer_columns([r for r in body if any(r.cells)])
    if columns is None:
        return TableResult([], filled)
    reader = _Reader(columns, context, day)
    for row in filled[: header_at or 0]:  # a caption above the header: "Lundi 23 juin", "Classroom 2"
        text = _lone_text(row)
        if text is not None and "room" not in columns.fields and not columns.grid and _caption_place(text, context):
            reader.caption_room = text.replace("\n", " ")
        elif text is not None:
            reader.lone(text, row)
    return reader.read(body)


MAX_CAPTION_WORDS = 5


def _caption_place(text: str, context: PageContext) -> bool:
    """A short caption over a table of talks that is no day and no time: the room or track they share."""
    flat = text.replace("\n", " ").strip()
    return 0 < len(flat.split()) <= MAX_CAPTION_WORDS and match_day(flat, context) is None \
        and weekday_of(flat) is None and match_slot(flat) is None and not any(c.isdigit() for c in flat[:1])


# --- header ------------------------------------------------------------------------------------------


def _header(rows: list[TableRow], context: PageContext) -> tuple[int | None, _Columns | None]:
    for index, row in enumerate(rows[:HEADER_ROWS_SEARCHED]):
        named = _field_columns(row.cells)
        if named is not None:
            return index, named
        if _lone_text(row) is None:
            break
        # `| | Beginners | |` over `| Time | Talk | Speaker |`: captions, then the header that names fields
    for index, row in enumerate(rows[:HEADER_ROWS_SEARCHED]):
        columns = _field_columns(row.cells) or _grid_columns(row, rows[index + 1 :], context)
        if columns is not None:
            return index, columns
    return None, None


_PARENTHESES = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")


def _header_key(cell: str) -> str:
    """"Speakers (Affiliations)" -> "speakers", "Hawaii Time (GMT-10)" -> "hawaii time"."""
    return key(_PARENTHESES.sub(" ", cell.replace("\n", " "))).strip().rstrip(" :").strip()


@memoised
def _field_columns(cells: tuple[str, ...]) -> _Columns | None:
    headers = lexicon().table_headers
    fields: dict[str, int] = {}
    for index, cell in enumerate(cells):
        words = _header_key(cell)
        if len(words) > MAX_HEADER_CHARS or match_slot(words):
            continue
        parts = _split_header(words)
        for name, known in headers.items():
            if name not in fields and (words in known or words.rstrip("s") in known
                                       or any(w in known for w in parts)):
                fields[name] = index
                break
    people = any(f in fields for f in ("surname", "given", "name"))
    return _Columns(fields) if ("title" in fields or people) and len(fields) >= 2 else None


def _split_header(words: str) -> list[str]:
    """"speaker(s)", "speaker - title": each word of a short composite header."""
    parts = [w for w in words.replace("(s)", "").replace("/", " ").replace("-", " ").split() if w]
    return parts if len(parts) <= 3 else []


def _grid_columns(row: TableRow, below: Sequence[TableRow], context: PageContext) -> _Columns | None:
    """`| Salle A | Salle B`, `Heure | Monday | Tuesday`: the columns are rooms, tracks or days; the
    rows below open with times."""
    cells = row.cells
    if len(cells) < 2:
        return None
    first = _header_key(cells[0])
    if first and first not in lexicon().table_headers["time"]:
        return None
    if not below or not _mostly(match_slot(r.cells[0].replace("\n", " ")) is not None for r in below if r.cells[0]):
        return None
    days: dict[int, date | None] = {}
    rooms: dict[int, str] = {}
    headers = lexicon().table_headers
    for index, cell in enumerate(cells[1:], start=1):
        text = cell.replace("\n", " ").strip()
        if not text or match_slot(text):
            continue
        name = _header_key(text)
        if any(name in words or name.rstrip("s") in words for words in headers.values()):
            return None  # a field's name ("Quoi", "Speaker"): not a grid of rooms
        found = match_day(text, context)
        weekday = weekday_of(text.split(",")[0].split()[0]) if text.split() else None
        if found:
            days[index] = found[0]
        elif weekday is not None and len(text.split()) <= 2:
            days[index] = context.weekday(weekday)
        elif is_person_line(text) or colon_person(text) is not None:
            return None  # `| | Ana Ruiz, Inria |` under a talk: its speaker, not a room heading the rows below
        elif len(text) <= 60:
            rooms[index] = _room_heading(text)
    if not days and not rooms:
        return None
    return _Columns({"time": 0}, _week_of(days, cells), rooms)


_TRACK_AND_PLACE = re.compile(r"^(?P<track>\S+\s*\d{1,2}|\S+\s+[A-Z])\s*\((?P<place>[^()]+)\)$")


def _room_heading(text: str) -> str:
    """`track 1 (Auditorium)`: a track's number, then its room: the room."""
    m = _TRACK_AND_PLACE.match(text)
    track = m.group("track").rstrip("0123456789 ") if m else ""
    return m.group("place").strip() if m and lexicon().room_word_re.fullmatch(track) else text


def _week_of(days: dict[int, date | None], cells: tuple[str, ...]) -> dict[int, date | None]:
    """Columns headed by weekdays, one of them dated by the page: the others are that week's days."""
    known = next(((c, d) for c, d in days.items() if d is not None), None)
    if known is None or all(d is not None for d in days.values()):
        return days
    anchor_column, anchor = known
    filled = dict(days)
    for column, found in days.items():
        words = cells[column].split(",")[0].split()
        weekday = weekday_of(words[0]) if found is None and words else None
        if weekday is not None:
            offset = (weekday - anchor.weekday()) % 7 if column > anchor_column else -((anchor.weekday() - weekday) % 7)
            filled[column] = anchor + timedelta(days=offset)
    return filled


def _infer_columns(rows: list[TableRow]) -> _Columns | None:
    """No header: a time column, maybe a day column, and the title in the column of longest texts."""
    width = max(len(r.cells) for r in rows)
    if width < 2:
        return None
    fields: dict[str, int] = {}
    timed = _time_column(rows, width)
    if timed is not None:
        fields["time"] = timed
    for column in range(width):
        texts = [r.cells[column] for r in rows if column < len(r.cells) and r.cells[column]]
        if not texts or column == timed:
            continue
        if "time" not in fields and _mostly(match_slot(t.replace("\n", " ")) is not None for t in texts):
            fields["time"] = column
        elif "date" not in fields and _mostly(_is_day_cell(t) for t in texts):
            fields["date" if "day" in fields else "day"] = column  # `| Sunday | 10/26 |`: two of them
    rest = [c for c in range(width) if c not in fields.values()]
    lengths = {c: _mean_length(rows, c) for c in rest}
    if not lengths or max(lengths.values()) == 0:
        return None
    title = max(lengths, key=lambda c: lengths[c])
    told = [c for c in rest if c != title and lengths[c] > 0 and not _mostly(
        is_prose(_first_line(r.cells[c])) for r in rows if c < len(r.cells) and r.cells[c])]
    if told and _mostly(is_prose(_first_line(r.cells[title])) for r in rows if title < len(r.cells) and r.cells[title]):
        # `| 11:00 | Ana Ruiz | MIT | Title | Abstract… |`: the longest texts are abstracts, the title before them
        fields["description"] = title
        title = max(told, key=lambda c: lengths[c])
    names = [c for c in rest if c != title and _mostly(looks_like_name(r.cells[c]) for r in rows
                                                      if c < len(r.cells) and r.cells[c])]
    fields["title"] = title
    if names:
        fields["speakers"] = names[0]
        beside = names[0] + 1
        if beside in rest and beside != title and _mostly(organisations(r.cells[beside].replace("\n", " ")) is not None
                                                          for r in rows if beside < len(r.cells) and r.cells[beside]):
            fields["affiliation"] = beside  # `| Ana Ruiz | TU Dortmund |`: where each speaker is from
    named = set(names)  # membership tests below: a wide table has thousands of columns
    kinds = [c for c in rest if c not in (title, fields.get("description")) and c not in named
             and _kinds_column(rows, c)]
    if kinds:
        fields["format"] = kinds[0]
    if "time" not in fields and "speakers" not in fields:
        return None  # without times, only a column of names beside one of titles says "programme"
    kinded = set(kinds)
    parallel = [c for c in rest if c not in named and c not in kinded and c != fields.get("description")
                and lengths[c] >= PARALLEL_SHARE * lengths[title]
                and _filled_length(rows, c) >= MIN_SESSION_CELL]
    if "time" in fields and len(parallel) >= 2:
        # Several columns of sessions beside the times: a grid of unnamed rooms (or tracks).
        return _Columns({"time": fields["time"]}, rooms={c: "" for c in parallel})
    return _Columns(fields)


MIN_KINDS = 3
# An acronym before a format: "3DOR Full Paper", "SHREC Short Paper", "ISMIR Keynote".
_ACRONYM_FIRST = re.compile(r"^[A-Z0-9][A-Z0-9&-]{1,9}\s+(?P<rest>\S.*)$")


def _with_affiliation(speakers: list[str], affiliation: str) -> list[str]:
    if not affiliation or len(speakers) != 1 or "(" in speakers[0]:
        return speakers
    return [f"{speakers[0]} ({affiliation})"]


def _first_line(cell: str) -> str:
    return cell.split("\n")[0]


def _kinds_column(rows: list[TableRow], column: int) -> bool:
    """`| 14:10 | 3DOR Full Paper (video / live Q&A) | Title (Authors) |`: a column naming the kind of
    each session, again and again, beside the titles."""
    firsts = [r.cells[column].split("\n")[0] for r in rows if column < len(r.cells) and r.cells[column]]
    return len(firsts) >= MIN_KINDS and len(set(firsts)) < len(firsts) and _mostly(
        _cell_format(f) is not None for f in firsts)


def _cell_format(text: str) -> str | None:
    """The format a kind column's cell names, as written."""
    if format_label(text) is not None:
        return text.strip().rstrip(":").strip()
    coded = _ACRONYM_FIRST.match(text.strip())
    return text.strip() if coded and format_label(coded.group("rest")) is not None else None


MIN_TIMES = 2
TIMES_SHARE = 1 / 3


def _time_column(rows: list[TableRow], width: int) -> int | None:
    """The column holding the most times, when they are a good share of what it holds: a panel's row gives
    the time, the rows of its people below leave it for names (`| N° 1 … | | 10h15 |` / `| | ALTMANN | Illéana |`)."""
    best, best_hits = None, 0
    for column in range(width):
        texts = [r.cells[column] for r in rows if column < len(r.cells) and r.cells[column]]
        hits = sum(1 for t in texts if match_slot(t.replace("\n", " ")) is not None)
        if hits > best_hits and hits >= MIN_TIMES and hits >= TIMES_SHARE * len(texts):
            best, best_hits = column, hits
    return best


def _is_day_cell(text: str) -> bool:
    head = text.split()[0] if text.split() else ""
    return weekday_of(head) is not None or (head.replace("/", "").isdigit() and "/" in head)


def _filled_length(rows: list[TableRow], column: int) -> float:
    """The mean length of the column's filled cells."""
    texts = [r.cells[column] for r in rows if column < len(r.cells) and r.cells[column]]
    return sum(len(t) for t in texts) / max(len(texts), 1)


def _mean_length(rows: list[TableRow], column: int) -> float:
    texts = [r.cells[column] for r in rows if column < len(r.cells) and r.cells[column]]
    return sum(len(t) for t in texts) / max(len(rows), 1)


def _mostly(flags: object) -> bool:
    values = list(flags)  # type: ignore[call-overload]
    return bool(values) and sum(bool(v) for v in values) >= MIN_COLUMN_SHARE * len(values)


# --- rows ----------------------------------------------------------------------------------------------


class _Reader:
    def __init__(self, columns: _Columns, context: PageContext, day: date | None) -> None:
        self.columns = columns
        self.context = context
        self.day = day
        self.slot: SlotMatch | None = None
        self.clock: str | None = None  # when the group of rows that give only a duration starts
        self.clocks: dict[str, str] = {}  # room -> the start of its next such row
        self.caption_room: str | None = None  # `| | Classroom 2 | |` over a header with no room column
        self.sessions: list[TableSession] = []
        self.skipped: list[TableRow] = []

    def read(self, rows: list[TableRow]) -> TableResult:
        times = [self._time(r) for r in rows]
        for index, row in enumerate(rows):
            if not any(row.cells) or self._repeated_header(row):
                continue
            lone = _lone_text(row)
            if lone is not None and times[index] is None and self.sessions and self._continues(row):
                # `| | Chair: Ty Roberts |` / `| | Gracenote, Inc. |` under a panel's row: more of it
                self.sessions[-1].extra.extend(rejoined([line for line in lone.split("\n") if line]))
                continue
            if lone is not None and times[index] is None and not self._covered_time(row):
                self.lone(lone, row)  # a row of its own: a day, a group's heading (not a talk in a spanned slot)
                continue
            person = _person_row(row) if times[index] is None else None
            if person is not None and self.sessions and self.sessions[-1].slot is not None \
                    and "surname" not in self.columns.fields:
                self.sessions[-1].speakers.append(person)  # `| ALTMANN | | Illéana | Architecte |` under its panel
                continue
            if times[index] is not None:
                self.slot = times[index]
            elif not self._covered_time(row) and not self._time_left_blank(row):
                self.slot = None
            self._day_cell(row)
            if self.columns.grid:
                self._grid_row(row, index, rows, times)
            else:
                self._field_row(row)
        return TableResult(self.sessions, self.skipped, self.day)

    def _continues(self, row: TableRow) -> bool:
        """A row whose one text, in the title column, names people or organisations, not a session."""
        title = self.columns.fields.get("title")
        texts = [i for i, c in enumerate(row.cells) if c]
        if title is None or texts != [title] or self.sessions[-1].group:
            return False
        lines = rejoined([line for line in row.cells[title].split("\n") if line])
        text = lines[0] if lines else ""
        if len(text) > MAX_CONTINUED_CHARS:
            return False
        above = self.sessions[-1]
        first = row.cells[title].split("\n")[0]
        if not above.speakers and not above.lines and (colon_person(first) is not None or is_person_line(first)):
            return True  # the people the session above lacks (`| 11:00 | Title |` / `| | Ana Ruiz: Inria |`)
        if len(lines) != 1:
            return False  # a cell of several lines is a session of its own
        return role_label(text) is not None or (organisations(text) is not None and not is_person_line(text))

    def _time(self, row: TableRow) -> SlotMatch | None:
        column = self.columns.fields.get("time")
        if column is None or column >= len(row.cells) or not row.cells[column]:
            return None
        return match_slot(row.cells[column].replace("\n", " "))

    def _covered_time(self, row: TableRow) -> bool:
        """The time cell is empty because a rowspan from above covers it: the time carries down."""
        column = self.columns.fields.get("time", -1)
        return 0 <= column < len(row.spans) and row.spans[column] == 0

    def _time_left_blank(self, row: TableRow) -> bool:
        """An empty time cell under a time: the row shares it (`| 15:00 | Talk 1 |` / `| | Talk 2 |`)."""
        column = self.columns.fields.get("time")
        return column is not None and column < len(row.cells) and not row.cells[column].strip()

    def _repeated_header(self, row: TableRow) -> bool:
        """The header again (a long table repeats it): every cell a field's name, not a talk that happens to
        hold one (`| 10:00 | Talk | Ana Ruiz - Open maps | Room 1 |`)."""
        if any(len(c) > 2 * MAX_HEADER_CHARS for c in row.cells):
            return False  # a header names fields in a word or two: no need to read the row as one
        known = lexicon().table_headers
        return all(any(_header_key(c) in words for words in known.values()) for c in row.cells if c.strip()) \
            and _field_columns(row.cells) is not None

    def _day_cell(self, row: TableRow) -> None:
        column = self.columns.fields.get("day")
        if column is None or column >= len(row.cells) or not row.cells[column]:
            return
        date_column = self.columns.fields.get("date")
        # `| Sunday | 10/26 | 9:30 a.m. |`: the weekday and its date in cells of their own
        parts = [row.cells[c] for c in (column, date_column) if c is not None and c < len(row.cells)]
        text = " ".join(c.replace("\n", " ") for c in parts if c)
        found = match_day(text, self.context)
        if found:
            self.day = found[0]
            return
        weekday = weekday_of(text.split()[0])
        if weekday is not None:
            self.day = self.context.weekday(weekday)

    def lone(self, text: str, row: TableRow) -> None:
        """A row with one text: a day heading, a time-and-title line, or a group of sessions."""
        flat = text.replace("\n", " ")
        found = match_day(flat, self.context)
        if found:
            self.day = found[0]
            return
        weekday = weekday_of(flat)
        if weekday is not None:
            self.day = self.context.weekday(weekday)
            return
        slot = match_slot(flat)
        if slot is not None and slot.rest and (match_day(slot.rest, self.context)
                                               or weekday_before_time(slot.rest) is not None):
            # `Wed 10:00` over rows that give only their durations: the day, and when the first one starts
            day = match_day(slot.rest, self.context)
            weekday = weekday_before_time(slot.rest)
            self.day = day[0] if day else self.context.weekday(weekday) if weekday is not None else self.day
            self.clock, self.clocks = slot.start, {}
            return
        if slot is not None and slot.rest:
            lines = slot.rest.split("\n") if "\n" not in text else text.split("\n")[1:]
            self.slot = slot
            self.sessions.append(TableSession(title=slot.rest.split("\n")[0] if "\n" not in text else lines[0],
                                              origin=row, slot=slot, day=self.day,
                                              lines=lines[1:] if "\n" in text else []))
            return
        lines = text.split("\n")
        self.sessions.append(TableSession(title=lines[0], origin=row, day=self.day, lines=lines[1:], group=True))

    def _field_row(self, row: TableRow) -> None:
        fields = self.columns.fields

        def cell(name: str) -> str:
            index = fields.get(name)
            return row.cells[index] if index is not None and index < len(row.cells) else ""

        title_lines = [line for line in cell("title").split("\n") if line]
        title_column = fields.get("title")
        person = " ".join(cell(f).replace("\n", " ") for f in ("surname", "given", "name") if cell(f)).strip()
        named = bool(cell("name")) or (bool(cell("surname")) and bool(cell("given")))
        if len(title_lines) == 1 and title_lines[0][:1] == "(" and title_lines[0][-1:] == ")" and cell("format"):
            title_lines = []  # `Workshop opening (live) | (Chairs)`: no title but the kind of session
        if person and not named:  # `PAUSE DU MATIN | | | 10h45 - 11h10`: no one, a break
            title_lines, title_column = title_lines or [person], None
        elif person:  # a table of people: `PEMEZEC | Philippe | Maire du Plessis-Robinson | 9h00 - 9h10`
            role = cell("role").replace("\n", " ")
            speaker = f"{person}, {role}" if role else person
            if not title_lines:
                title_lines, title_column = [person], None
            self.sessions.append(TableSession(
                title=title_lines[0], origin=row, slot=self.slot, day=self.day, speakers=[speaker],
                room=cell("room").replace("\n", " ") or None, format=cell("format").split("\n")[0] or None,
                lines=title_lines[1:]))
            return
        used = {fields.get(n) for n in ("time", "day", "date", "title", "speakers", "room", "format", "surname",
                                        "given", "name", "role", "duration", "description", "affiliation")}
        others = [c for i, c in enumerate(row.cells) if i not in used and c]
        if not title_lines and self.slot is not None and self.sessions and self.sessions[-1].group \
                and self.sessions[-1].slot is None and not self.sessions[-1].speakers:
            # `| Welcome |` / `| 10:55 - 11:00 | Vasiliki Koutra | KCL |`: the line above was a session, its
            # time and people on the row below
            above = self.sessions[-1]
            above.group, above.slot = False, self.slot
            above.speakers = _with_affiliation([s for s in cell("speakers").split("\n") if s],
                                               cell("affiliation").replace("\n", " "))
            above.extra.extend(line for c in others for line in c.split("\n") if line)
            return
        if not title_lines:
            if cell("format"):
                # "Invited Panelists": named by its format; "Closing (live)": how it is given is no name
                title_lines = [" ".join(line for line in cell("format").split("\n")
                                        if not (line.startswith("(") and line.endswith(")")))]
                title_column = None
            elif others:
                title_lines = others[0].split("\n")
                title_column = row.cells.index(others[0])
                others = others[1:]
            elif any(row.cells):
                if not cell("time") and not cell("day"):
                    self.skipped.append(row)
                return
        minutes = written_duration(cell("duration")) if cell("duration") else None
        if minutes and self.slot is None and self.clock:
            # One after the other from the group's start in one room; side by side in different rooms.
            room = cell("room").replace("\n", " ")
            start = self.clocks.get(room, self.clock)
            self.clocks[room] = add_minutes(start, minutes)
            self.slot = SlotMatch(start=start, end=self.clocks[room], raw=cell("duration"), rest="")
        end = add_minutes(self.slot.start, minutes) if minutes and self.slot and self.slot.start else None
        self.sessions.append(TableSession(
            title=title_lines[0], origin=row, slot=self.slot, day=self.day, end=end,
            room=cell("room").replace("\n", " ") or self.caption_room, format=cell("format").split("\n")[0] or None,
            lines=title_lines[1:],
            extra=[line for c in others for line in c.split("\n") if line],
            about=[line for line in cell("description").split("\n") if line],
            speakers=_with_affiliation(rejoined([s for s in cell("speakers").split("\n") if s]),
                                       cell("affiliation").replace("\n", " ")),
            items=_items(row, title_column),
        ))

    def _grid_row(self, row: TableRow, index: int, rows: list[TableRow], times: list[SlotMatch | None]) -> None:
        placed = {**self.columns.days, **self.columns.rooms}
        time_column = self.columns.fields.get("time", 0)
        for column, text in enumerate(row.cells):
            if column == time_column or not text or (column not in placed and not self._spans_placed(row, column)):
                continue
            slot = self.slot
            lines = text.split("\n")
            own = match_slot(lines[0])
            if own is not None and not own.rest and len(lines) == 1:
                continue  # a repeated time column
            span = max(row.spans[column] if column < len(row.spans) else 1, 1)
            width = row.widths[column] if column < len(row.widths) else 1
            # The grid shows how long a cell lasts: until the time of the row where it stops.
            after = next((t for t in times[index + span :] if t is not None), None)
            end = slot.end if slot and slot.end else (after.start if after else None)
            covered = range(column, column + max(width, 1))
            rooms = [self.columns.rooms[c] for c in covered if c in self.columns.rooms]
            days = [self.columns.days[c] for c in covered if c in self.columns.days]
            self.sessions.append(TableSession(
                title=lines[0], origin=row, slot=slot, lines=lines[1:], end=end,
                day=days[0] if len(set(days)) == 1 else self.day,
                room=rooms[0] if len(rooms) == 1 else None, no_room=len(rooms) > 1, items=_items(row, column),
            ))

    def _spans_placed(self, row: TableRow, column: int) -> bool:
        width = row.widths[column] if column < len(row.widths) else 1
        placed = {**self.columns.days, **self.columns.rooms}
        return any(c in placed for c in range(column, column + max(width, 1)))


def _items(row: TableRow, column: int | None) -> list[Block] | None:
    return row.items[column] if column is not None and column < len(row.items) else None


_SURNAME = re.compile(r"^[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’ -]+$")
_GIVEN = re.compile(r"^[A-ZÀ-ÖØ-Þ][a-zß-ÿ'’-]+(?:[ -][A-ZÀ-ÖØ-Þ][a-zß-ÿ'’-]+){0,2}$")


MAX_CONTINUED_CHARS = 160



def rejoined(lines: list[str]) -> list[str]:
    """A title broken over a cell's lines (`Music Perception` / `and` / `Cognition`): a line that ends on a
    small word, or one that starts with one, continues the line before."""
    out: list[str] = []
    for line in lines:
        if out and (_small_word(out[-1].split()[-1] if out[-1].split() else "")
                    or _small_word(line.split()[0] if line.split() else "", lowercase=True)):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
    return out


def _small_word(word: str, lowercase: bool = False) -> bool:
    lex = lexicon()
    if lowercase and not word.islower():
        return False
    return word.lower() in ("and", "et", "&", "or", "ou") or (
        word.islower() and any(word in words for words in lex.stopwords.values()))


def _person_row(row: TableRow) -> str | None:
    """A row naming one person in cells of their own, surname in capitals (`| 3 | BENISTI | Jacques-Alain |
    Maire de Villiers |`): `BENISTI Jacques-Alain, Maire de Villiers`; else None."""
    cells = [c.replace("\n", " ").strip() for c in row.cells if c.strip() and not c.strip().isdigit()]
    for i in range(len(cells) - 1):
        if _SURNAME.match(cells[i]) and _GIVEN.match(cells[i + 1]) and len(cells) <= i + 3:
            person = f"{cells[i]} {cells[i + 1]}"
            return f"{person}, {cells[i + 2]}" if len(cells) == i + 3 else person
    return None


def _lone_text(row: TableRow) -> str | None:
    """The one text of a row whose other cells are empty (a spanning heading), else None."""
    texts = [c for c in row.cells if c]
    return texts[0] if len(texts) == 1 else None
