"""`extractor reparse [PAGE]`: rebuild every stored snapshot's records with the current parser."""

from __future__ import annotations

import argparse

from extractor.cli._store import add_store_argument


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("reparse", help="parse stored raw pages again with the current parser",
                       description="Records and the changes between snapshots are rebuilt; raw pages "
                       "and alerts already queued or sent are kept.")
    p.add_argument("page", metavar="PAGE", nargs="?", help="only this page (default: every page)")
    add_store_argument(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from extractor.monitor.refs import open_existing, page_key
    from extractor.monitor.reparse import reparse

    with open_existing(args.store) as store:
        done = reparse(store, page_key(store, args.page) if args.page else None)
    for item in done:
        note = "records changed" if item.records_changed else "same records"
        print(f"{item.ref}: {item.sessions} session(s), {note} (was parser {item.old_parser})")
    print(f"reparsed {len(done)} snapshot(s)")
    return 0
