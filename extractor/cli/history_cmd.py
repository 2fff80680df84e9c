"""`extractor history PAGE`: a page's snapshots (what is still provisional in each) and their changes."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from extractor.cli._store import add_store_argument

if TYPE_CHECKING:
    from extractor.monitor.store import Hold


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("history", help="list a page's stored snapshots and the changes between them",
                       description="PAGE is the key `check` used (the URL, the file's path, or --page KEY), "
                       "or the page's name in the watch file. A suspect snapshot (one that lost a large share "
                       "of the sessions at once) says whether its held removals were confirmed or dropped.")
    p.add_argument("page", metavar="PAGE")
    add_store_argument(p)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from extractor.monitor.history import page_history
    from extractor.monitor.refs import open_existing, page_key

    with open_existing(args.store) as store:
        history = page_history(store, page_key(store, args.page))
    if args.json:
        print(json.dumps(history.to_dict(), ensure_ascii=False, indent=2))
        return 0
    from extractor.cli.render import text_changelog, use_colour
    from extractor.textkit.display import terminal_safe

    colour = use_colour(sys.stdout)
    failures = f", {history.failures} failure(s) in a row" if history.failures else ""
    name = f" ({terminal_safe(history.name)})" if history.name else ""
    print(f"{terminal_safe(history.page)}{name}: {len(history.snapshots)} snapshot(s), "
          f"last checked {history.last_checked or 'never'}{failures}")
    for entry in history.snapshots:
        s = entry.snapshot
        print(f"@{s.number}  {s.retrieved_at[:19].replace('T', ' ')}  {s.sha256[:12]}  "
              f"{entry.sessions} session(s), rooms to confirm: {entry.provisional_rooms}, "
              f"provisional descriptions: {entry.provisional_descriptions}")
        if s.hold is not None:
            print(f"    {hold_line(s.hold)}")
        for line in text_changelog(entry.events, colour=colour, indent="    ", language=entry.language):
            print(line)
    return 0


def hold_line(hold: Hold) -> str:
    held = f"suspect: {hold.removals} removal(s) held"
    if hold.state == "held":
        return held + ", to be confirmed or dropped by the next check"
    when = (hold.resolved_at or "")[:19].replace("T", " ")
    parts = [f"{hold.confirmed} confirmed and alerted" if hold.confirmed else "",
             f"{hold.dropped} dropped (the sessions came back)" if hold.dropped else ""]
    return f"{held}; {when}: " + ", ".join(p for p in parts if p)
