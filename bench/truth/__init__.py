"""Expected sessions for the pages of ../shared/corpus, converted from their structured sources.

Each converter reads the source files of one corpus folder and returns an expected document in the
harness's format (a Programme without `source`, see extractor/evaluate.py). The pages and their
sources are third-party data: they are read in place and never copied into the repository.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.truth import chr2024, jfpc, pretalx, sessionize

REPO = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpus"


@dataclass(frozen=True)
class CorpusPage:
    name: str
    folder: str
    page: str
    convert: Callable[[Path], dict[str, Any]]
    note: str


PAGES: tuple[CorpusPage, ...] = (
    CorpusPage(
        "good2025-pretalx",
        "good2025-pretalx",
        "schedule-nojs.html",
        pretalx.convert,
        "pretalx schedule.json (frab export; no breaks: labels incomplete)",
    ),
    CorpusPage(
        "devcon-pretalx-demo",
        "devcon-pretalx-demo",
        "schedule-nojs.html",
        pretalx.convert,
        "pretalx schedule.json",
    ),
    CorpusPage(
        "techbash2022-sessionize",
        "techbash2022-sessionize",
        "sessions.html",
        sessionize.convert,
        "sessions-derived.json: title, speakers, room; no times",
    ),
    CorpusPage(
        "jfpc2021-grid",
        "jfpc2021-grid",
        "planning.md",
        jfpc.convert,
        "programme.yml at the page's commit; grid-level sessions, rooms only where the grid shows them",
    ),
    CorpusPage(
        "chr2024-hugo",
        "chr2024-hugo",
        "programme.html",
        chr2024.convert,
        "programme.md (the page's own source): overview rows and session headings; weak",
    ),
)


def corpus_dir(explicit: str | Path | None = None) -> Path | None:
    """The shared corpus: the argument, $EXTRACTOR_CORPUS, or ../shared/corpus; None when absent."""
    candidate = Path(explicit or os.environ.get("EXTRACTOR_CORPUS") or DEFAULT_CORPUS)
    return candidate if candidate.is_dir() else None


def expected_for(page: CorpusPage, corpus: Path) -> dict[str, Any]:
    return page.convert(corpus / page.folder)
