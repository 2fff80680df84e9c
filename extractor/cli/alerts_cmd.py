"""`extractor alerts`: the alert outbox; with --retry, deliver what is pending now."""

from __future__ import annotations

import argparse
import json

from extractor.cli._store import add_store_argument


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "alerts", help="show the alert outbox; --retry delivers what is pending",
        description="States: pending, waiting (backing off after a failure), sending, delivered, "
        "and in doubt (a process stopped while sending, or the notifier never answered a message that was "
        "sent: it may have arrived; not resent unless asked). "
        "Exit 5 when a retried alert still cannot be delivered.",
    )
    add_store_argument(p)
    p.add_argument("--retry", action="store_true",
                   help="deliver every undelivered alert now, ignoring backoff")
    p.add_argument("--resend-in-doubt", action="store_true",
                   help="with --retry, also resend alerts whose sending was interrupted (may duplicate)")
    p.add_argument("--all", action="store_true", help="list delivered alerts too")
    p.add_argument("--json", action="store_true", help="print a JSON array")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from extractor.errors import NotifyError
    from extractor.monitor.deliver import deliver_pending, redact
    from extractor.monitor.outbox import Outbox
    from extractor.monitor.refs import open_existing

    with open_existing(args.store) as store:
        deliveries = (deliver_pending(store, ignore_backoff=True, resend_in_doubt=args.resend_in_doubt)
                      if args.retry else [])
        rows = Outbox(store).rows(undelivered_only=not args.all)
    listing = [{"id": r.id, "page": r.page, "kind": r.kind, "session_id": r.session_id, "subject": r.subject,
                "target": redact(r.target), "state": r.state(), "attempts": r.attempts,
                "next_try_at": r.next_try_at, "last_error": r.last_error, "delivered_at": r.delivered_at,
                "event_id": r.idem_key}
               for r in rows]
    if args.json:
        print(json.dumps(listing, ensure_ascii=False, indent=2))
    else:
        from extractor.textkit.display import terminal_safe as safe

        for d in deliveries:
            outcome = "sent" if d.ok else f"IN DOUBT ({d.error})" if d.in_doubt else f"FAILED ({d.error})"
            print(safe(f"-> {d.subject} to {d.target}: {outcome}"))
        if not listing:
            print("outbox: nothing " + ("queued" if args.all else "undelivered"))
        for item in listing:
            shown = item["last_error"] and item["state"] != "delivered"
            extra = f", last error: {item['last_error']}" if shown else ""
            print(safe(f"#{item['id']} {item['state']:<9} {item['subject']}  -> {item['target']} "
                       f"(attempts: {item['attempts']}{extra})"))
    failed = [d for d in deliveries if not d.ok]
    if failed:
        raise NotifyError(f"{len(failed)} alert(s) still not delivered; they stay queued")
    return 0
