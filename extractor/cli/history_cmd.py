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
    from extractor.lexicon.messages import wording
    from extractor.textkit.display import terminal_safe

    colour = use_colour(sys.stdout)
    # Worded in the page's language as it reads now (its latest snapshot's); each changelog in its snapshot's.
    say = wording(history.snapshots[-1].language if history.snapshots else None).status
    failures = say["failures"].format(count=history.failures) if history.failures else ""
    name = f" ({terminal_safe(history.name)})" if history.name else ""
    print(say["history"].format(page=terminal_safe(history.page), name=name, count=len(history.snapshots),
                                when=history.last_checked or say["never"], failures=failures))
    for entry in history.snapshots:
        s = entry.snapshot
        print(f"@{s.number}  {s.retrieved_at[:19].replace('T', ' ')}  {s.sha256[:12]}  " + say["snapshot"].format(
            sessions=entry.sessions, rooms=entry.provisional_rooms, descriptions=entry.provisional_descriptions))
        if s.hold is not None:
            print(f"    {hold_line(s.hold, say)}")
        for line in text_changelog(entry.events, colour=colour, indent="    ", language=entry.language):
            print(line)
    return 0


def hold_line(hold: Hold, say: dict[str, str]) -> str:
    """A suspect snapshot's held removals: still held, or when they were confirmed or dropped."""
    if hold.state == "held":
        return say["hold_held"].format(count=hold.removals)
    when = (hold.resolved_at or "")[:19].replace("T", " ")
    parts = [say["hold_confirmed"].format(count=hold.confirmed) if hold.confirmed else "",
             say["hold_dropped"].format(count=hold.dropped) if hold.dropped else ""]
    return say["hold_settled"].format(count=hold.removals, when=when, parts=", ".join(p for p in parts if p))
