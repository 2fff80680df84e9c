"""`extractor alerts`: the alert outbox; --retry delivers what is pending, --drop gives up, --test tries targets."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from extractor.cli._store import add_store_argument

if TYPE_CHECKING:
    from extractor.monitor.deliver import Delivery
    from extractor.monitor.outbox import OutboxRow
    from extractor.monitor.store import Store


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "alerts", help="show the alert outbox; --retry delivers, --drop gives up, --test tries targets",
        description="States: pending, waiting (backing off after a failure), sending, delivered, dropped "
        "(given up with --drop), and in doubt (a process stopped while sending, or the notifier never answered "
        "a message that was sent: it may have arrived; not resent unless asked). "
        "The store keeps no notification URL, only a redacted label: "
        "--retry sends the alerts of the targets given with --notify or found in --config. "
        "Exit 5 when an alert still cannot be delivered (--retry) or a test failed (--test).",
    )
    add_store_argument(p)
    p.add_argument("--retry", action="store_true",
                   help="deliver every undelivered alert of the given targets now, ignoring backoff")
    p.add_argument("--notify", metavar="URL", action="append", default=[],
                   help="with --retry: a target's URL (repeatable)")
    p.add_argument("--config", metavar="FILE", help="with --retry: every notify URL of this watch file")
    p.add_argument("--resend-in-doubt", action="store_true",
                   help="with --retry, also resend alerts whose sending was interrupted (may duplicate)")
    p.add_argument("--drop", metavar="ID", type=int, nargs="+", default=[],
                   help="give up on these alerts (by #id as listed): kept, never sent")
    p.add_argument("--drop-target", metavar="URL", action="append", default=[],
                   help="give up on every undelivered alert for this target (its URL, or its label as listed)")
    p.add_argument("--test", metavar="URL", nargs="+", help="send a test notification to each URL and say "
                   "whether it went through (no store needed)")
    p.add_argument("--all", action="store_true", help="list delivered and dropped alerts too")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.test:
        return _test(args)
    from extractor.errors import NotifyError
    from extractor.monitor.outbox import Outbox
    from extractor.monitor.refs import open_existing

    with open_existing(args.store) as store:
        dropped = _drop(store, args)
        deliveries, missing = _retry(store, args) if args.retry else ([], [])
        rows = Outbox(store).rows(undelivered_only=not args.all)
    listing = [_row(r) for r in rows]
    if args.json:  # the rows' states say what --retry and --drop did
        print(json.dumps(listing, ensure_ascii=False, indent=2))
    else:
        from extractor.textkit.display import terminal_safe as safe

        if dropped:
            print(f"dropped: {', '.join(f'#{i}' for i in dropped)}")
        for d in deliveries:
            outcome = "sent" if d.ok else f"IN DOUBT ({d.error})" if d.in_doubt else f"FAILED ({d.error})"
            print(safe(f"-> {d.subject} to {d.target}: {outcome}"))
        if not listing:
            print("outbox: nothing " + ("queued" if args.all else "undelivered"))
        for item in listing:
            shown = item["last_error"] and item["state"] not in ("delivered", "dropped")
            extra = f", last error: {item['last_error']}" if shown else ""
            print(safe(f"#{item['id']} {item['state']:<9} {item['subject']}  -> {item['target']} "
                       f"(attempts: {item['attempts']}{extra})"))
    failed = [d for d in deliveries if not d.ok]
    if failed:
        raise NotifyError(f"{len(failed)} alert(s) still not delivered; they stay queued")
    if missing:
        labels = ", ".join(sorted({r.target_label for r in missing}))
        raise NotifyError(f"{len(missing)} alert(s) wait for a target this command was not given ({labels}): "
                          "pass its URL with --notify or --config, or give up with --drop / --drop-target")
    return 0


def _retry(store: Store, args: argparse.Namespace) -> tuple[list[Delivery], list[OutboxRow]]:
    """Deliver what the given targets have waiting; the rows left for targets not given."""
    from extractor.monitor.deliver import deliver_pending
    from extractor.monitor.outbox import Outbox
    from extractor.monitor.targets import resolve

    urls = list(args.notify)
    if args.config:
        from extractor.watch.config import load

        urls += [u for page in load(args.config).pages for u in page.notify]
    targets = resolve(urls, store.key) if urls else []
    deliveries = deliver_pending(store, targets, ignore_backoff=True, resend_in_doubt=args.resend_in_doubt)
    known = {t.hash for t in targets}
    left = [r for r in Outbox(store).rows(undelivered_only=True) if r.target_hash not in known]
    return deliveries, [r for r in left if r.state() != "in doubt" or args.resend_in_doubt]


def _drop(store: Store, args: argparse.Namespace) -> list[int]:
    from extractor.errors import InputError
    from extractor.monitor.outbox import Outbox
    from extractor.monitor.targets import target_hash

    dropped: list[int] = []
    if args.drop:
        dropped += Outbox(store).drop(args.drop)
        unknown = sorted(set(args.drop) - set(dropped))
        if unknown:
            raise InputError(f"no undelivered alert #{', #'.join(map(str, unknown))} (see `extractor alerts --all`)")
    for target in args.drop_target:
        found = Outbox(store).drop(target_hash=target_hash(store.key, target), target_label=target)
        if not found:
            raise InputError("no undelivered alert for that target (give its URL, or its label as "
                             "`extractor alerts` lists it)")
        dropped += found
    return dropped


def _test(args: argparse.Namespace) -> int:
    from extractor.errors import NotifyError
    from extractor.monitor.deliver import send_test

    results = send_test(args.test)
    if args.json:
        print(json.dumps([{"target": label, "ok": error is None, "error": error} for label, error in results],
                         ensure_ascii=False, indent=2))
    else:
        from extractor.textkit.display import terminal_safe as safe

        for label, error in results:
            print(safe(f"{label}: " + ("sent" if error is None else f"FAILED ({error})")))
    failed = [label for label, error in results if error is not None]
    if failed:
        raise NotifyError(f"the test notification did not reach {len(failed)} of {len(results)} target(s)")
    return 0


def _row(r: OutboxRow) -> dict[str, Any]:
    return {"id": r.id, "page": r.page, "kind": r.kind, "session_id": r.session_id, "uid": r.uid,
            "subject": r.subject, "target": r.target_label, "state": r.state(), "attempts": r.attempts,
            "next_try_at": r.next_try_at, "last_error": r.last_error, "delivered_at": r.delivered_at,
            "dropped_at": r.dropped_at, "event_id": r.idem_key}

