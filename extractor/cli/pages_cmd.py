"""`extractor pages`: the pages a store knows, with their name, last check, status and snapshot count."""

from __future__ import annotations

import argparse
import json

from extractor.cli._store import add_store_argument


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("pages", help="list the pages of a store: key, name, last check, status, snapshots",
                       description="Name: the page's name in the watch file. Status: the outcome of the last "
                       "check (snapshot, unchanged, not_modified, failed).")
    add_store_argument(p)
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from extractor.monitor.refs import open_existing

    with open_existing(args.store) as store:
        rows = store.page_rows()
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("no pages yet: `extractor check SOURCE` or `extractor watch FILE` adds them")
    for row in rows:
        checked = (row["last_checked"] or "never")[:19].replace("T", " ")
        status = row["last_outcome"] or "-"
        error = f" ({row['last_error']})" if row["last_error"] else ""
        name = f"  [{row['name']}]" if row["name"] else ""
        print(f"{row['key']}{name}\n    last checked {checked}, {status}{error}, {row['snapshots']} snapshot(s)")
    return 0
