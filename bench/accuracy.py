"""Accuracy of the parser on labelled pages: a table per page and totals (or --json).

    .venv/bin/python bench/accuracy.py samples/      # <name>.(html|txt) beside <name>.expected.json
    .venv/bin/python bench/accuracy.py --shared                 # ../shared/corpus, labels from its sources
    .venv/bin/python bench/accuracy.py --shared /tmp/extractor-pages --json   # both, as JSON
    .venv/bin/python bench/accuracy.py --shared --structured-only   # the structured readers alone
    .venv/bin/python bench/accuracy.py --real tune      # the hand-labelled real pages, tune part (bench/split.py)
    .venv/bin/python bench/accuracy.py --real check     # the check part: only to report, never to tune on

`--shared` reads ../shared/corpus (or `--corpus PATH`, or $EXTRACTOR_CORPUS) in place and converts
its structured sources with bench/truth; when the corpus is absent it says so and skips it. Same
engine as `extractor eval`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import split
from bench.truth import PAGES, corpus_dir, expected_for
from extractor.evaluate.corpus import LabelledPage, evaluate_pages, find_pages, render_table


def structured_only(data: bytes, location: str) -> Mapping[str, Any]:
    """Parse with the structured readers alone (no text path): a page they cannot read has no sessions."""
    from lxml import html

    from extractor.parse.structured import extract
    from extractor.read.decode import decode

    text, _ = decode(data, location)
    root = html.document_fromstring(text)
    result = extract(root, location)
    if result is None:
        return {"sessions": []}
    return {"sessions": [s.model_dump(mode="json") for s in result.sessions], "title": result.title}


def shared_pages(path: str | None) -> list[LabelledPage]:
    corpus = corpus_dir(path)
    if corpus is None:
        print(f"shared corpus not found ({path or '../shared/corpus'}): skipped", file=sys.stderr)
        return []
    return [
        LabelledPage(name=page.name, page=corpus / page.folder / page.page, expected=expected_for(page, corpus))
        for page in PAGES
        if (corpus / page.folder / page.page).is_file()
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("dirs", nargs="*", metavar="DIR", help="directories of labelled pages")
    parser.add_argument("--shared", action="store_true", help="include the shared corpus (../shared/corpus)")
    parser.add_argument("--corpus", metavar="PATH", help="where the shared corpus is (default: ../shared/corpus)")
    parser.add_argument("--real", choices=[split.TUNE, split.CHECK, "all"],
                        help="include one part of the hand-labelled real pages (../shared/corpus/real)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--details", action="store_true", help="list every wrong, missing or extra value")
    parser.add_argument("--structured-only", action="store_true", help="use only the structured readers")
    args = parser.parse_args(argv)
    pages: list[LabelledPage] = []
    if args.shared or args.corpus:
        pages.extend(shared_pages(args.corpus))
    if args.real:
        parts = [split.TUNE, split.CHECK] if args.real == "all" else [args.real]
        folders = [folder for part in parts for folder in split.pages(part)]
        if not folders:
            print(f"labelled real pages not found at {split.REAL}: skipped", file=sys.stderr)
        pages.extend(page for folder in folders for page in find_pages(folder))
    for directory in args.dirs:
        pages.extend(find_pages(Path(directory)))
    if not pages:
        print("no labelled pages found", file=sys.stderr)
        return 2
    report = evaluate_pages(pages, structured_only if args.structured_only else None)  # type: ignore[arg-type]
    if args.json:
        print(json.dumps(report.as_dict(with_mismatches=args.details), indent=2, ensure_ascii=False))
    else:
        print(render_table(report))
        if args.details:
            for page in report.pages:
                for miss in page.mismatches:
                    where = f"{page.name}: {miss.field}: {miss.title!r}"
                    print(f"{where}: expected {miss.expected!r}, got {miss.got!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
