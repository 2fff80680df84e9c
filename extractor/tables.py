"""Programme tables: which column holds the time, title, speakers, room or format."""

from __future__ import annotations

from dataclasses import dataclass

from extractor.lexicon import lexicon
from extractor.text import key
from extractor.times import SlotMatch, match_slot


@dataclass(frozen=True)
class Row:
    slot: SlotMatch | None
    title: str
    speakers: list[str]
    room: str | None
    format: str | None


@dataclass(frozen=True)
class TableReader:
    columns: dict[str, int]  # field -> column index

    @classmethod
    def from_header(cls, cells: tuple[str, ...]) -> TableReader | None:
        """Map header cells (Heure | Titre | Conférenciers) to fields; None if it is not a header."""
        headers = lexicon().table_headers
        columns: dict[str, int] = {}
        for index, cell in enumerate(cells):
            cell_key = key(cell).rstrip(" :")
            for field, words in headers.items():
                if cell_key in words and field not in columns:
                    columns[field] = index
                    break
        if "title" not in columns or len(columns) < 2:
            return None
        return cls(columns)

    @classmethod
    def guess(cls, cells: tuple[str, ...]) -> TableReader | None:
        """No header: a first column of times makes `time | title | speakers | room`."""
        if len(cells) < 2 or not match_slot(cells[0]):
            return None
        fields = ["time", "title", "speakers", "room"]
        return cls({field: i for i, field in enumerate(fields[: len(cells)])})

    def read(self, cells: tuple[str, ...]) -> Row | None:
        def cell(field: str) -> str | None:
            index = self.columns.get(field)
            if index is None or index >= len(cells):
                return None
            return cells[index] or None

        title = cell("title")
        if not title:
            return None
        time_text = cell("time")
        title_lines = title.split("\n")
        return Row(
            slot=match_slot(time_text.replace("\n", " ")) if time_text else None,
            title=title_lines[0],
            speakers=[line for line in (cell("speakers") or "").split("\n") if line],
            room=(cell("room") or "").replace("\n", " ") or None,
            format=cell("format"),
        )
