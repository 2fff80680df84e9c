"""`extractor diff OLD NEW`: changes between two versions of a page; exit 0 equal, 1 different, 2 error."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from extractor.cli._store import add_store_argument
from extractor.cli.http_options import add_http_arguments, fetch_options_from
from extractor.cli.parse_options import add_parse_arguments, parse_options_from

if TYPE_CHECKING:
    from extractor.changes.diff import ChangeEvent


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "diff",
        help="show what changed between two versions of a page",
        description="OLD and NEW are files, URLs, or stored snapshots PAGE@N, PAGE@latest, PAGE@latest~1. "
        "Like diff(1): exit 0 when equal, 1 when different, 2 on any error.",
    )
    p.add_argument("old", metavar="OLD")
    p.add_argument("new", metavar="NEW")
    form = p.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="print the change events as a JSON array")
    form.add_argument("--markdown", action="store_true", help="print a Markdown changelog")
    add_store_argument(p)
    add_parse_arguments(p)
    add_http_arguments(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from extractor.errors import ExtractorError

    try:
        events, language = _events(args)
    except ExtractorError as exc:
        # diff(1)'s convention: 2 means trouble, whatever kind; 1 is reserved for "different".
        from extractor.textkit.display import terminal_safe

        print(f"extractor: error: {terminal_safe(str(exc))}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps([e.to_dict() for e in events], ensure_ascii=False, indent=2))
    elif args.markdown:
        from extractor.cli.render import markdown_changelog

        print("\n".join(markdown_changelog(events, language)).rstrip())
    else:
        from extractor.cli.render import text_changelog, use_colour

        for line in text_changelog(events, colour=use_colour(sys.stdout), language=language):
            print(line)
    return 1 if events else 0


def _events(args: argparse.Namespace) -> tuple[list[ChangeEvent], str | None]:
    """The events from OLD to NEW, and the language to word them in (the new version's)."""
    from extractor.changes.diff import diff
    from extractor.monitor.refs import load

    options = parse_options_from(args)
    fetch = fetch_options_from(args)
    old = load(args.old, store_path=args.store, options=options, fetch=fetch)
    new = load(args.new, store_path=args.store, options=options, fetch=fetch)
    return diff(old, new), new.language or old.language
