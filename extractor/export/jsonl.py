"""JSON Lines: one session per line, each carrying the page it came from."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any

from extractor.models import Programme


def session_rows(programme: Programme) -> Iterable[dict[str, Any]]:
    """One flat dict per session, carrying the page it came from."""
    for session in programme.sessions:
        row = session.model_dump(mode="json")
        row["page"] = programme.source.location
        yield row


def write_jsonl(programme: Programme, out: IO[str]) -> None:
    for row in session_rows(programme):
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
