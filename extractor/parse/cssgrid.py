"""Timetables laid out with CSS grid, read as the tables they look like.

A schedule component may place each talk with `style="grid-column-start:3;grid-row-start:5;…"` and leave
the times in the first column, the rooms in the first row, placed by a class rule of the stylesheet
(`.time-cell{grid-column-start:1}`) and CSS's auto-placement. The DOM order then says nothing (breaks
first, talks in data order). Such a container is rewritten in the tree as a <table> whose cells span
what the grid areas span, so that the table reader gives each talk its time (the row), its end (where
its rows end) and its room (the column's first cell).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import cast

from lxml import etree

MIN_PLACED = 3  # children with a grid position of their own before a container is read as a grid
MAX_TRACKS = 200  # a grid line number beyond this is not a timetable's
_STYLES = etree.XPath("//style/text()")
_PLACED = etree.XPath("//*[contains(@style, 'grid-row') or contains(@style, 'grid-column') or "
                      "contains(@style, 'grid-area')]")
_GRID_LINES = re.compile(r"grid-(?:row|column)")
_CLASS_SELECTOR = re.compile(r"^\s*\.([\w-]+)(?:\[[^\]]*\])?\s*$")
_PROPERTY = re.compile(r"grid-(row|column)(-start|-end)?\s*:\s*([^;}]+)")
_AREA = re.compile(r"grid-area\s*:\s*(\d{1,6})\s*/\s*(\d{1,6})\s*/\s*(\d{1,6})\s*/\s*(\d{1,6})")


def css_rules(css: str, wanted: re.Pattern[str]) -> Iterator[tuple[str, str]]:
    """(selector, declarations) of each `selector{declarations}` whose declarations match `wanted`.

    One pass over the stylesheet: a regex `[^{}]+\\{…\\}` rescans brace-less text from every position."""
    for chunk in css.split("}")[:-1]:
        parts = chunk.split("{")
        if len(parts) >= 2 and parts[-2] and wanted.search(parts[-1]):
            yield parts[-2], parts[-1]


@dataclass
class _Place:
    row: int | None = None
    column: int | None = None
    row_end: int | None = None
    column_end: int | None = None

    def update(self, declarations: str) -> None:
        area = _AREA.search(declarations)
        if area:
            self.row, self.column, self.row_end, self.column_end = (int(g) for g in area.groups())
        for axis, part, value in _PROPERTY.findall(declarations):
            start, _, end = value.partition("/")
            number, end_number = _line(start), _line(end) if end else None
            if part == "-end":
                number, end_number = None, number
            if axis == "row":
                self.row = number if number is not None else self.row
                self.row_end = end_number if end_number is not None else self.row_end
            else:
                self.column = number if number is not None else self.column
                self.column_end = end_number if end_number is not None else self.column_end


def _line(value: str) -> int | None:
    value = value.strip()
    if value.startswith("span"):
        return None
    try:
        number = int(value)
    except ValueError:
        return None
    return number if 0 < number <= MAX_TRACKS else None


def grids_as_tables(root: etree._Element) -> int:
    """Rewrite CSS grid timetables as tables, in place; returns how many were rewritten."""
    placed = cast(list[etree._Element], _PLACED(root))
    if len(placed) < MIN_PLACED:
        return 0
    parents: dict[int, etree._Element] = {}
    counts: dict[int, int] = {}
    for element in placed:
        parent = element.getparent()
        if parent is not None:
            parents[id(parent)] = parent
            counts[id(parent)] = counts.get(id(parent), 0) + 1
    rules = _class_rules(root)
    done = 0
    for key, container in parents.items():
        if counts[key] >= MIN_PLACED and _rewrite(container, rules):
            done += 1
    return done


def _class_rules(root: etree._Element) -> dict[str, str]:
    rules: dict[str, list[str]] = {}
    for css in cast(list[str], _STYLES(root)):
        if "grid-" not in css:
            continue
        for selectors, declarations in css_rules(css, _GRID_LINES):
            for selector in selectors.split(","):
                m = _CLASS_SELECTOR.match(selector)
                if m:
                    rules.setdefault(m.group(1), [""]).append(declarations)
    return {name: ";".join(parts) for name, parts in rules.items()}


def _rewrite(container: etree._Element, rules: dict[str, str]) -> bool:
    children = [c for c in container if isinstance(c.tag, str)]
    places: list[tuple[etree._Element, _Place]] = []
    for child in children:
        place = _Place()
        for name in (child.get("class") or "").split():
            if name in rules:
                place.update(rules[name])
        place.update(child.get("style") or "")
        places.append((child, place))
    _auto_place(places)
    located = [(c, p) for c, p in places if p.row is not None and p.column is not None]
    if len(located) < MIN_PLACED:
        return False
    rows = max(p.row_end - 1 if p.row_end and p.row_end > (p.row or 0) else p.row or 1 for _, p in located)
    columns = max(p.column_end - 1 if p.column_end and p.column_end > (p.column or 0) else p.column or 1
                  for _, p in located)
    starts: dict[tuple[int, int], tuple[etree._Element, _Place]] = {}
    for child, place in located:
        assert place.row is not None and place.column is not None
        starts.setdefault((place.row, place.column), (child, place))
    table = etree.Element("table")
    covered: set[tuple[int, int]] = set()
    for row in range(1, rows + 1):
        tr = etree.SubElement(table, "tr")
        for column in range(1, columns + 1):
            if (row, column) in covered:
                continue
            cell = etree.SubElement(tr, "td")
            found = starts.get((row, column))
            if found is None:
                continue
            child, place = found
            height = max(1, (place.row_end or row + 1) - row)
            width = max(1, (place.column_end or column + 1) - column)
            if height > 1:
                cell.set("rowspan", str(height))
            if width > 1:
                cell.set("colspan", str(width))
            covered.update((r, c) for r in range(row, row + height) for c in range(column, column + width))
            child.tail = None
            cell.append(child)
    table.tail = container.tail
    parent = container.getparent()
    if parent is None:
        return False
    parent.replace(container, table)
    return True


def _auto_place(places: list[tuple[etree._Element, _Place]]) -> None:
    """CSS auto-placement, as far as timetables use it: items with only a column get the next free row
    of that column, items with only a row the next free column of that row."""
    taken: set[tuple[int, int]] = set()
    for _, place in places:
        if place.row is not None and place.column is not None:
            taken.add((place.row, place.column))
    for _, place in places:
        if place.column is not None and place.row is None:
            row = 1
            while (row, place.column) in taken or _covers_header(places, row, place.column):
                row += 1
            place.row = row
            taken.add((row, place.column))
        elif place.row is not None and place.column is None:
            column = 1
            while (place.row, column) in taken:
                column += 1
            place.column = column
            taken.add((place.row, column))


def _covers_header(places: list[tuple[etree._Element, _Place]], row: int, column: int) -> bool:
    """A row some item claims for headers (`grid-row-start:1`) is not free for the time column."""
    return any(p.row == row and p.column is None for _, p in places)
