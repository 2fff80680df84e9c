"""Run the parser over labelled pages and score it (the I/O side of evaluate.score).

A corpus directory holds `<name>.html` (or `.htm`, `.txt`) beside `<name>.expected.json`, or one folder
per page with `labels.json` (hand labels, see extractor.evaluate.labels) naming its `input` page; a
directory that is itself such a folder is read too. Each page is parsed on its own: a page that
crashes the parser is reported, and the others still run.
"""

from __future__ import annotations

import json
import time
import traceback
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.errors import ExtractorError, InputError
from extractor.evaluate.labels import expected_from_labels
from extractor.evaluate.score import (
    FIELDS,
    Counts,
    PageScore,
    Tally,
    evaluate,
    field_accuracy,
    overall,
    total,
    total_accuracy,
)
from extractor.models import Programme

PAGE_SUFFIXES = (".html", ".htm", ".txt")
EXPECTED_SUFFIX = ".expected.json"
LABELS_FILE = "labels.json"

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
    "chairs": "chairs",
    "affiliations": "affs",
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
    def accuracy(self) -> dict[str, Tally]:
        return total_accuracy(self.pages)

    @property
    def crashes(self) -> list[PageScore]:
        """Pages whose parse raised something other than an ExtractorError."""
        return [page for page in self.pages if page.crashed]

    @property
    def failures(self) -> list[PageScore]:
        """Pages the parser refused with an ExtractorError (e.g. no programme found)."""
        return [page for page in self.pages if page.error and not page.crashed]

    def by_layout(self) -> dict[str, dict[str, Counts]]:
        """Field totals per layout family (pages whose labels name one), sorted by name."""
        layouts = sorted({page.layout for page in self.pages if page.layout})
        return {name: total(p for p in self.pages if p.layout == name) for name in layouts}

    def as_dict(self, with_mismatches: bool = False) -> dict[str, Any]:
        totals = self.totals
        return {
            "pages": [page.as_dict(with_mismatches) for page in self.pages],
            "totals": {name: counts.as_dict() for name, counts in totals.items()},
            "overall": overall(totals).as_dict(),
            "field_accuracy": _round(field_accuracy(self.accuracy)),
            "accuracy": {name: {"right": t.right, "total": t.total} for name, t in self.accuracy.items()},
            "layouts": {
                name: {
                    "pages": sum(1 for p in self.pages if p.layout == name),
                    "overall": overall(counts).as_dict(),
                    "fields": {field: c.as_dict() for field, c in counts.items()},
                }
                for name, counts in self.by_layout().items()
            },
            "crashes": len(self.crashes),
            "failures": len(self.failures),
            "seconds": round(self.seconds, 3),
        }


def default_parser(data: bytes, location: str, as_of: str | None = None) -> Programme:
    from extractor.options import ParseOptions, parse_iso_date
    from extractor.parse.pipeline import parse_bytes

    return parse_bytes(data, location, ParseOptions(reference_date=parse_iso_date(as_of, "as_of")))


def find_pages(directory: Path) -> list[LabelledPage]:
    """The labelled pages of a directory, by name: `<name>.(html|htm|txt)` beside `<name>.expected.json`,
    and folders holding `labels.json` (the directory itself, or its subfolders)."""
    if not directory.is_dir():
        raise InputError(f"{directory}: not a directory")
    pages: list[LabelledPage] = []
    for expected_path in sorted(directory.glob(f"*{EXPECTED_SUFFIX}")):
        name = expected_path.name[: -len(EXPECTED_SUFFIX)]
        page = next((directory / f"{name}{s}" for s in PAGE_SUFFIXES if (directory / f"{name}{s}").is_file()), None)
        if page is None:
            continue
        pages.append(LabelledPage(name=name, page=page, expected=_read_json(expected_path)))
    for labels_path in [directory / LABELS_FILE, *sorted(directory.glob(f"*/{LABELS_FILE}"))]:
        if labels_path.is_file():
            labels = _read_json(labels_path)
            page = labels_path.parent / str(labels.get("input") or "page.html")
            if page.is_file():
                pages.append(LabelledPage(name=labels_path.parent.name, page=page,
                                          expected=expected_from_labels(labels)))
    return pages


def _read_json(path: Path) -> Mapping[str, Any]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: cannot read expected sessions: {exc}") from exc
    if not isinstance(document, dict):
        raise InputError(f"{path}: expected a JSON object")
    return document


def evaluate_pages(pages: Iterable[LabelledPage], parser: Parser | None = None) -> CorpusReport:
    """Parse and score each page; an exception on one page is recorded as that page's error."""
    parse = parser or default_parser
    report = CorpusReport()
    started = time.perf_counter()
    for labelled in pages:
        # A page is read as of when it was captured (`"evaluation": {"as_of": "2021-06-01"}`), as its
        # users read it then: a day heading without a year ("Mardi 22 juin") depends on that date.
        as_of = (labelled.expected.get("evaluation") or {}).get("as_of")
        try:
            data = labelled.page.read_bytes()
            programme: Programme | None = (
                default_parser(data, str(labelled.page), as_of) if parser is None else parse(data, str(labelled.page))
            )
            error = None
            crashed = False
        except ExtractorError as exc:  # a clean refusal ("no programme found"): scored as empty
            programme, error, crashed = None, f"{type(exc).__name__}: {exc}", False
        except Exception as exc:  # a crash; one failing page must not stop the others
            last = traceback.extract_tb(exc.__traceback__)[-1:] if exc.__traceback__ else []
            where = f" at {Path(last[0].filename).name}:{last[0].lineno}" if last else ""
            programme, error, crashed = None, f"{type(exc).__name__}: {exc}{where}", True
        score = evaluate(programme, labelled.expected, name=labelled.name)
        score.error = error
        score.crashed = crashed
        report.pages.append(score)
    report.seconds = time.perf_counter() - started
    return report


def evaluate_directory(directory: Path | str, parser: Parser | None = None) -> CorpusReport:
    return evaluate_pages(find_pages(Path(directory)), parser)


def render_table(report: CorpusReport) -> str:
    """Per-page F1 per field ('-' where the page has no label for it), then totals with P/R/F1."""
    name_width = max([len(p.name) for p in report.pages] + [len("TOTAL F1")]) + 1
    head = f"{'page':<{name_width}} {'exp':>4} {'got':>4} {'acc':>5} " + " ".join(
        f"{SHORT_NAMES[f]:>6}" for f in FIELDS)
    lines = [head, "-" * len(head)]
    for page in report.pages:
        cells = " ".join(f"{_pct(page.fields[f].f1):>6}" for f in FIELDS)
        line = (f"{page.name:<{name_width}} {page.expected_sessions:>4} {page.predicted_sessions:>4} "
                f"{_pct(page.field_accuracy):>5} {cells}")
        if page.error:
            line += f"  {'CRASH' if page.crashed else 'FAILED'} {page.error}"
        lines.append(line)
    totals = report.totals
    lines.append("-" * len(head))
    exp = sum(p.expected_sessions for p in report.pages)
    got = sum(p.predicted_sessions for p in report.pages)
    for label, attr in (("TOTAL P", "precision"), ("TOTAL R", "recall"), ("TOTAL F1", "f1")):
        cells = " ".join(f"{_pct(getattr(totals[f], attr)):>6}" for f in FIELDS)
        lines.append(f"{label:<{name_width}} {exp:>4} {got:>4} {'':>5} {cells}")
    labels = " ".join(f"{totals[f].labels:>6}" for f in FIELDS)
    lines.append(f"{'labels':<{name_width}} {'':>4} {'':>4} {'':>5} {labels}")
    layouts = report.by_layout()
    if layouts:
        lines.append("-" * len(head))
        for name, counts in layouts.items():
            pages = sum(1 for p in report.pages if p.layout == name)
            cells = " ".join(f"{_pct(counts[f].f1):>6}" for f in FIELDS)
            label = f"F1 {name}"[:name_width]
            lines.append(f"{label:<{name_width}} {pages:>3}p {_pct(overall(counts).f1):>4} {'':>5} {cells}")
    all_fields = overall(totals)
    sessions = totals["session"]
    lines.append(
        f"sessions: P {_pct(sessions.precision)}  R {_pct(sessions.recall)}  F1 {_pct(sessions.f1)}; "
        f"field accuracy {_pct(field_accuracy(report.accuracy))} "
        f"({sum(t.right for t in report.accuracy.values())}/{sum(t.total for t in report.accuracy.values())})"
    )
    lines.append(
        f"overall (all fields, micro): P {_pct(all_fields.precision)}  R {_pct(all_fields.recall)}  "
        f"F1 {_pct(all_fields.f1)}  over {len(report.pages)} pages, {len(report.crashes)} crashes, "
        f"{len(report.failures)} refused, "
        f"{report.seconds:.2f}s"
    )
    return "\n".join(lines)


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
