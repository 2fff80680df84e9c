"""`extractor parse SOURCE…`: print records as JSON, JSON Lines or CSV."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "parse",
        help="parse pages (paths, '-' for stdin, or URLs) and print their records",
        description="One source: one JSON document. Several: one JSON document per line.",
    )
    p.add_argument("sources", nargs="+", metavar="SOURCE")
    p.add_argument("--format", choices=["json", "jsonl", "csv"], default="json",
                   help="json: the Programme document; jsonl: one session per line; csv: one row per session")
    p.add_argument("--lang", choices=["auto", "fr", "en"], default="auto", help="page language (default: detect)")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="day to use when the page names none")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from extractor import export
    from extractor.options import ParseOptions
    from extractor.pipeline import parse_source

    options = ParseOptions.from_cli(lang=args.lang, date=args.date)
    programmes = [parse_source(source, options=options) for source in args.sources]
    out = sys.stdout
    if args.format == "json":
        if len(programmes) == 1:
            out.write(export.to_json(programmes[0]) + "\n")
        else:
            for programme in programmes:
                out.write(export.to_json(programme, indent=None) + "\n")
    elif args.format == "jsonl":
        for programme in programmes:
            export.write_jsonl(programme, out)
    else:
        export.write_csv(programmes, out)
    return 0
