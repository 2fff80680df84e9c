"""`extractor eval CORPUS_DIR…`: score the parser against labelled pages (`<name>.html|txt` beside
`<name>.expected.json`); a table per page and totals, or `--json`."""

from __future__ import annotations

import argparse
import json
import sys


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "eval",
        help="score the parser on labelled pages: per-field precision, recall, F1",
        description="Each CORPUS_DIR holds <name>.html (or .htm, .txt) beside <name>.expected.json. "
        "Sessions are matched by title; a field counts only where the label has a value.",
    )
    p.add_argument("corpus_dirs", nargs="+", metavar="CORPUS_DIR")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--details", action="store_true", help="list every wrong, missing or extra value")
    p.add_argument(
        "--fail-under",
        type=float,
        metavar="F1",
        help="exit with status 1 when the overall F1 is below this (0-1)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from extractor.errors import InputError
    from extractor.evaluate.corpus import evaluate_pages, find_pages, render_table
    from extractor.evaluate.score import overall

    pages = []
    for directory in args.corpus_dirs:
        found = find_pages(Path(directory))
        if not found:  # a score over nothing would read as a pass
            raise InputError(f"{directory}: no labelled pages (each needs <name>.html, .htm or .txt beside "
                             "<name>.expected.json, or a folder with labels.json)")
        pages += found
    report = evaluate_pages(pages)
    if args.json:
        sys.stdout.write(json.dumps(report.as_dict(with_mismatches=args.details), indent=2, ensure_ascii=False))
        sys.stdout.write("\n")
    else:
        from extractor.textkit.display import terminal_safe

        sys.stdout.write(terminal_safe(render_table(report)) + "\n")
        if args.details:
            for page in report.pages:
                for miss in page.mismatches:
                    where = f"{page.name}: {miss.field}: {miss.title!r}"
                    sys.stdout.write(terminal_safe(f"{where}: expected {miss.expected!r}, got {miss.got!r}") + "\n")
    f1 = overall(report.totals).f1
    if args.fail_under is not None and (f1 or 0.0) < args.fail_under:
        return 1
    return 0
