"""`extractor show PAGE[@N]`: print a stored snapshot (default: the latest) in any output format."""

from __future__ import annotations

import argparse

from extractor.cli._store import add_store_argument
from extractor.cli.output import WHOLE, add_format_arguments, check_format_arguments, write_one, write_whole
from extractor.cli.parse_options import add_tz_argument


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "show",
        help="print a stored snapshot of a page (default: the latest) in any output format",
        description="PAGE is the key `check` used (the URL, the file's path, or --page KEY); PAGE@N, "
        "PAGE@latest and PAGE@latest~1 name one snapshot. With --format ics, sessions gone since earlier "
        "snapshots are included as cancelled, and each event's SEQUENCE counts its changes.",
    )
    p.add_argument("page", metavar="PAGE[@N]")
    add_format_arguments(p)
    add_tz_argument(p)
    add_store_argument(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from extractor.changes.revisions import replay
    from extractor.export.feed import Feed
    from extractor.monitor.show import load_snapshot
    from extractor.options import check_timezone

    check_format_arguments(args, 1)
    tz = check_timezone(args.tz)
    shown = load_snapshot(args.page, store_path=args.store, history=args.format == "ics")
    programme = shown.programme.model_copy(update={"timezone": tz}) if tz else shown.programme
    revisions = replay(shown.page, [*shown.earlier, programme]) if args.format == "ics" else None
    feed = Feed(shown.page, programme, revisions)
    if args.format in WHOLE:
        write_whole([feed], args)
    else:
        write_one(feed, args, single=True)
    return 0
