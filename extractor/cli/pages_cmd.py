"""`extractor pages [add URL | remove KEY]`: the pages a store knows (key, name, last check, status, snapshots),
and which of them watchers check (monitor.leases)."""

from __future__ import annotations

import argparse
import json

from extractor.cli._store import add_store_argument


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("pages", help="list the pages of a store; add or remove the pages watchers check",
                       description="Without an action: every page, with its name, last check, status (snapshot, "
                       "unchanged, not_modified, failed) and snapshots. `add URL`: watchers of this store check "
                       "it (`watch` on a PostgreSQL store), every --interval; `remove KEY`: they stop (its history "
                       "stays).")
    p.add_argument("action", nargs="?", choices=["list", "add", "remove"], default="list")
    p.add_argument("page", nargs="?", metavar="URL|KEY", help="add: the page's URL; remove: its key (or URL)")
    p.add_argument("--key", help="add: the store's key for the page (default: the URL)")
    p.add_argument("--name", help="add: its name, as a watch file's `name`")
    p.add_argument("--interval", default="1h", help="add: how often it is checked (90s, 30m, 1h…; default 1h)")
    add_store_argument(p)
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from extractor.errors import InputError

    if args.action != "list":
        if not args.page:
            raise InputError(f"pages {args.action}: give the page's {'URL' if args.action == 'add' else 'key'}")
        return add(args) if args.action == "add" else remove(args)
    return show(args)


def add(args: argparse.Namespace) -> int:
    from extractor.cli._store import open_store
    from extractor.errors import InputError
    from extractor.monitor.leases import Registration, register
    from extractor.read.sources import is_url
    from extractor.watch.config import MIN_INTERVAL, parse_duration

    if not is_url(args.page):
        raise InputError(f"pages add: {args.page!r} is not an http(s) URL")
    try:
        interval = parse_duration(args.interval)
    except ValueError as exc:
        raise InputError(f"--interval: {exc}") from None
    if interval < MIN_INTERVAL:
        raise InputError(f"--interval: at least {MIN_INTERVAL:g} s")
    with open_store(args) as store:
        register(store, [Registration(args.key or args.page, args.page, args.name, interval)])
    print(f"watching {args.key or args.page} every {interval:g} s")
    return 0


def remove(args: argparse.Namespace) -> int:
    from extractor.monitor.leases import unregister
    from extractor.monitor.refs import open_existing

    with open_existing(args.store) as store:
        if not unregister(store, args.page):
            print(f"{args.page} is not watched")
            return 1
    print(f"no longer watching {args.page} (its snapshots stay)")
    return 0


def show(args: argparse.Namespace) -> int:
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
