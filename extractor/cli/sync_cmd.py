"""`extractor sync TARGET [PAGE…]`: write the store's pages into a SQLite or PostgreSQL database."""

from __future__ import annotations

import argparse

from extractor.cli._store import add_store_argument


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "sync",
        help="write the current state of stored pages into a SQLite or PostgreSQL database",
        description="TARGET is a SQLAlchemy URL: sqlite:///programmes.db or postgresql+psycopg://user@host/db "
        "(the postgres extra). Tables pages, sessions, speakers and changes are created and migrated; each "
        "page is one transaction; a run with nothing new writes nothing. Exit 2: bad TARGET; 4: the store "
        "cannot be read; 6: the target cannot be reached or written.",
    )
    p.add_argument("target", metavar="TARGET")
    p.add_argument("pages", nargs="*", metavar="PAGE", help="page keys to sync (default: every page)")
    add_store_argument(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from extractor.errors import InputError
    from extractor.monitor.refs import open_existing, page_key

    try:
        from extractor.sync.writer import sync
    except ImportError as exc:
        raise InputError(f"extractor sync needs SQLAlchemy ({exc.name} is missing): "
                         "pip install 'extractor[postgres]'") from None

    with open_existing(args.store) as store:
        keys = [page_key(store, p) for p in args.pages]
        for done in sync(args.target, store, keys):
            if not (done.snapshots or done.sessions or done.removed):
                print(f"{done.page}: up to date")
                continue
            print(f"{done.page}: {done.snapshots} snapshot(s); {done.sessions} session row(s) written, "
                  f"{done.removed} removed, {done.changes} change(s)")
    return 0
