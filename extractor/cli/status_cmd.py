"""`extractor status`: pages due, leased and failing; the outbox queued and in doubt; each host's backlog."""

from __future__ import annotations

import argparse
import json

from extractor.cli._store import add_store_argument


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("status", help="what the watchers of a store have to do, are doing, and could not do",
                       description="Watched pages due now, leased by a watcher, failing (last check failed); "
                       "outbox rows queued, being sent, in doubt; and per host, the pages due and leased.")
    add_store_argument(p)
    p.add_argument("--json", action="store_true", help="print a JSON object")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from extractor.monitor.refs import open_existing
    from extractor.monitor.status import status

    with open_existing(args.store) as store:
        now = status(store)
    if args.json:
        print(json.dumps(now.to_dict(), ensure_ascii=False, indent=2))
        return 0
    print(f"pages: {now.pages} known, {now.watched} watched: {now.due} due, {now.leased} leased "
          f"(by {now.watchers} watcher(s)), {now.failing} failing")
    print(f"outbox: {now.outbox_queued} queued, {now.outbox_sending} being sent, {now.outbox_in_doubt} in doubt")
    for h in now.hosts:
        if h.due or h.leased:
            print(f"  {h.host}: {h.due} due, {h.leased} leased, of {h.watched}")
    return 0
