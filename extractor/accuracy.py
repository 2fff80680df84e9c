"""Run the parser over labelled pages and score it (the I/O side of evaluate.py).

A corpus directory holds `<name>.html` (or `.htm`, `.txt`) beside `<name>.expected.json`. Each page
is parsed on its own: a page that crashes the parser is reported, and the others still run.
"""

from __future__ import annotations

import json
import time
import traceback
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.errors import InputError
from extractor.evaluate import FIELDS, Counts, PageScore, evaluate, overall, total
from extractor.models import Programme

PAGE_SUFFIXES = (".html", ".htm", ".txt")
EXPECTED_SUFFIX = ".expected.json"

Parser = Callable[[bytes, str], Programme]

SHORT_NAMES = {
    "session": "sess",
    "start": "start",
    "end": "end",
    "day": "day",
    "format": "fmt",
    "room_name": "room",
    "room_provisional": "r.prov",
    "speaker_names": "spk",
    "speaker_affiliations": "aff",
    "speaker_titles": "titles",
    "description_provisional": "d.prov",
    "description_text": "d.text",
}


@dataclass(frozen=True)
class LabelledPage:
    name: str
    page: Path
    expected: Mapping[str, Any]


@dataclass
class CorpusReport:
    pages: list[PageScore] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def totals(self) -> dict[str, Counts]:
        return total(self.pages)

    @property
    def crashes(self) -> list[PageScore]:
        return [page for page in self.pages if page.error]

    def as_dict(self, with_mismatches: bool = False) -> dict[str, Any]:
        totals = self.totals
        return {
            "pages": [page.as_dict(with_mismatches) for page in self.pages],
            "totals": {name: counts.as_dict() for name, counts in totals.items()},
            "overall": overall(totals).as_dict(),
            "crashes": len(self.crashes),
            "seconds": round(self.seconds, 3),
        }


def default_parser(data: bytes, location: str) -> Programme:
    from extractor.pipeline import parse_bytes

    return parse_bytes(data, location)


def find_pages(directory: Path) -> list[LabelledPage]:
    """Every `<name>.(html|htm|txt)` of the directory that has a `<name>.expected.json`, by name."""
    if not directory.is_dir():
        raise InputError(f"{directory}: not a directory")
    pages: list[LabelledPage] = []
    for expected_path in sorted(directory.glob(f"*{EXPECTED_SUFFIX}")):
        name = expected_path.name[: -len(EXPECTED_SUFFIX)]
        page = next(
            (directory / f"{name}{s}" for s in PAGE_SUFFIXES if (directory / f"{name}{s}").is_file()), None
        )
        if page is None:
            continue
        try:
            expected = json.loads(expected_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise InputError(f"{expected_path}: cannot read expected sessions: {exc}") from exc
        pages.append(LabelledPage(name=name, page=page, expected=expected))
    return pages


def evaluate_pages(pages: Iterable[LabelledPage], parser: Parser | None = None) -> CorpusReport:
    """Parse and score each page; an exception on one page is recorded as that page's error."""
    parse = parser or default_parser
    report = CorpusReport()
    started = time.perf_counter()
    for labelled in pages:
        try:
            programme: Programme | None = parse(labelled.page.read_bytes(), str(labelled.page))
            error = None
        except Exception as exc:  # one failing page must not stop the others
            programme = None
            last = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
            where = f" at {Path(last[0].filename).name}:{last[0].lineno}" if last else ""
            error = f"{type(exc).__name__}: {exc}{where}"
        score = evaluate(programme, labelled.expected, name=labelled.name)
        score.error = error
        report.pages.append(score)
    report.seconds = time.perf_counter() - started
    return report


def evaluate_directory(directory: Path | str, parser: Parser | None = None) -> CorpusReport:
    return evaluate_pages(find_pages(Path(directory)), parser)


def render_table(report: CorpusReport) -> str:
    """Per-page F1 per field ('-' where the page has no label for it), then totals with P/R/F1."""
    name_width = max([len(p.name) for p in report.pages] + [len("TOTAL F1")]) + 1
    head = f"{'page':<{name_width}} {'exp':>4} {'got':>4} " + " ".join(f"{SHORT_NAMES[f]:>6}" for f in FIELDS)
    lines = [head, "-" * len(head)]
    for page in report.pages:
        cells = " ".join(f"{_pct(page.fields[f].f1):>6}" for f in FIELDS)
        line = f"{page.name:<{name_width}} {page.expected_sessions:>4} {page.predicted_sessions:>4} {cells}"
        if page.error:
            line += f"  CRASH {page.error}"
        lines.append(line)
    totals = report.totals
    lines.append("-" * len(head))
    exp = sum(p.expected_sessions for p in report.pages)
    got = sum(p.predicted_sessions for p in report.pages)
    for label, attr in (("TOTAL P", "precision"), ("TOTAL R", "recall"), ("TOTAL F1", "f1")):
        cells = " ".join(f"{_pct(getattr(totals[f], attr)):>6}" for f in FIELDS)
        lines.append(f"{label:<{name_width}} {exp:>4} {got:>4} {cells}")
    labels = " ".join(f"{totals[f].labels:>6}" for f in FIELDS)
    lines.append(f"{'labels':<{name_width}} {'':>4} {'':>4} {labels}")
    all_fields = overall(totals)
    lines.append(
        f"overall (all fields, micro): P {_pct(all_fields.precision)}  R {_pct(all_fields.recall)}  "
        f"F1 {_pct(all_fields.f1)}  over {len(report.pages)} pages, {len(report.crashes)} crashes, "
        f"{report.seconds:.2f}s"
    )
    return "\n".join(lines)


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"
