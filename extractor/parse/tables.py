"""Programme tables, read whole: which column holds what, and grids whose columns are days or rooms.

Three shapes:
- a header naming fields (Heure | Titre | Conférenciers | Salle): one session per row;
- a grid: a time column, and columns headed by days or rooms; each filled cell is a session, its
  end the time of the row where its rowspan stops;
- no header, a first column of times: `time | title | speakers | room`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from extractor.lexicon import lexicon
from extractor.parse.blocks import TableRow
from extractor.parse.dates import match_day
from extractor.parse.times import SlotMatch, match_slot
from extractor.textkit.normalise import key


@dataclass
class TableSession:
    title: str
    origin: TableRow
    slot: SlotMatch | None = None
    end: str | None = None  # from the grid, when the cell spans rows
    day: date | None = None
    room: str | None = None
    format: str | None = None
    lines: list[str] = field(default_factory=list)  # the cell's other lines: speakers, rooms…
    speakers: list[str] = field(default_factory=list)


@dataclass
class TableResult:
    sessions: list[TableSession]
    skipped: list[TableRow]  # rows with content that no column reading explains


def read_table(rows: list[TableRow], reference: date) -> TableResult:
    header_index = next((i for i, r in enumerate(rows) if any(r.cells)), None)
    if header_index is None:
        return TableResult([], [])
    header = rows[header_index]
    columns = _field_columns(header.cells)
    if columns is not None:
        return _by_fields(rows[header_index + 1 :], columns)
    grid = _grid_columns(header.cells, reference)
    if grid is not None:
        return _by_grid(rows[header_index + 1 :], grid)
    if len(header.cells) >= 2 and match_slot(header.cells[0]):
        fields = ["time", "title", "speakers", "room"]
        return _by_fields(rows[header_index:], {f: i for i, f in enumerate(fields[: len(header.cells)])})
    return TableResult([], [r for r in rows if any(r.cells)])


def _field_columns(cells: tuple[str, ...]) -> dict[str, int] | None:
    headers = lexicon().table_headers
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        cell_key = key(cell).rstrip(" :")
        for name, words in headers.items():
            if cell_key in words and name not in columns:
                columns[name] = index
                break
    return columns if "title" in columns and len(columns) >= 2 else None


@dataclass(frozen=True)
class _Grid:
    time_column: int
    days: dict[int, date]
    rooms: dict[int, str]


def _grid_columns(cells: tuple[str, ...], reference: date) -> _Grid | None:
    """`| Mardi 22 juin | Mercredi 23 juin |` or `Heure | Salle A | Salle B`: columns are days or rooms."""
    if len(cells) < 2:
        return None
    first = key(cells[0]).rstrip(" :")
    if first and first not in lexicon().table_headers["time"]:
        return None
    days: dict[int, date] = {}
    rooms: dict[int, str] = {}
    for index, cell in enumerate(cells[1:], start=1):
        if not cell:
            continue
        found = match_day(cell, reference)
        if found and found[0]:
            days[index] = found[0]
        else:
            rooms[index] = cell.replace("\n", " ")
    if not days and not rooms:
        return None
    return _Grid(0, days, rooms)


def _by_fields(rows: list[TableRow], columns: dict[str, int]) -> TableResult:
    sessions, skipped = [], []
    for row in rows:
        def cell(name: str, cells: tuple[str, ...] = row.cells) -> str:
            index = columns.get(name)
            return cells[index] if index is not None and index < len(cells) else ""

        title_lines = cell("title").split("\n")
        if not title_lines[0]:
            if any(row.cells):
                skipped.append(row)
            continue
        time_text = cell("time").replace("\n", " ")
        sessions.append(TableSession(
            title=title_lines[0], origin=row, slot=match_slot(time_text) if time_text else None,
            room=cell("room").replace("\n", " ") or None, format=cell("format") or None,
            lines=title_lines[1:], speakers=[s for s in cell("speakers").split("\n") if s],
        ))
    return TableResult(sessions, skipped)


def _by_grid(rows: list[TableRow], grid: _Grid) -> TableResult:
    times = [match_slot(r.cells[grid.time_column].replace("\n", " ")) if r.cells else None for r in rows]
    sessions = []
    for index, row in enumerate(rows):
        slot = times[index]
        for column, text in enumerate(row.cells):
            if column == grid.time_column or not text or column not in {**grid.days, **grid.rooms}:
                continue
            if match_slot(text) and not match_slot(text).rest:  # type: ignore[union-attr]
                continue  # a repeated time column
            span = row.spans[column] if column < len(row.spans) else 1
            width = row.widths[column] if column < len(row.widths) else 1
            after = times[index + span] if index + span < len(times) else None
            lines = text.split("\n")
            sessions.append(TableSession(
                title=lines[0], origin=row, slot=slot, lines=lines[1:],
                end=(slot.end if slot and slot.end else (after.start if after else None)),
                day=grid.days.get(column),
                room=grid.rooms.get(column) if width <= 1 else None,  # spanning several rooms: plenary
            ))
    return TableResult(sessions, [])
