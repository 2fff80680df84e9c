"""`extractor check SOURCE`: parse, store a snapshot if changed, diff, queue and send alerts."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from contextlib import AbstractContextManager, nullcontext
from typing import IO, TYPE_CHECKING

from extractor.changes.kinds import DEFAULT_ALERT_KINDS, KINDS
from extractor.cli._store import add_store_argument, open_store
from extractor.cli.http_options import add_http_arguments, fetch_options_from
from extractor.cli.parse_options import add_parse_arguments, parse_options_from

if TYPE_CHECKING:
    from extractor.errors import ExtractorError
    from extractor.monitor.check import CheckResult
    from extractor.monitor.store import Store
    from extractor.sync.writer import SyncTarget


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "check",
        help="check a page: store a snapshot if it changed, report the changes, send alerts",
        description="Exit codes: 0 ok; 1 alert-worthy changes found (with --exit-code); 2 bad input; "
        "3 network/HTTP failure; 4 store failure; 5 an alert could not be delivered (it stays queued); "
        "6 the --sync target could not be written (the snapshot is stored; the next sync catches up).",
    )
    p.add_argument("source", metavar="SOURCE", help="path, URL, or '-' for stdin (needs --page)")
    add_store_argument(p)
    p.add_argument("--page", metavar="KEY",
                   help="the page's key in the store (default: the URL or absolute path)")
    p.add_argument("--notify", metavar="URL", action="append", default=[],
                   help="where to send alerts (repeatable): an Apprise URL (mailto://, slack://, ntfys://, …), "
                   "json:// or jsons:// (JSON with the alert's data), or an http(s):// webhook (the same JSON)")
    p.add_argument("--digest", action="store_true",
                   help="one message per check and target listing every alert, instead of one per change")
    p.add_argument("--alert-on", metavar="KIND", nargs="+", action="extend",
                   help="change kinds that alert (default: "
                   f"{' '.join(k for k in KINDS if k in DEFAULT_ALERT_KINDS)})")
    p.add_argument("--fail-alert-after", metavar="N", type=int, default=3,
                   help="send one error alert after N consecutive failed checks, and one on recovery "
                   "(default 3; 0 turns both off)")
    p.add_argument("--suspect-share", metavar="F", type=_share, default=0.5,
                   help="hold removal alerts when a snapshot loses at least this share of the sessions at once "
                   "(default 0.5; 0 turns the guard off) …")
    p.add_argument("--suspect-min", metavar="N", type=int, default=3,
                   help="… and at least N of them (default 3); the next check confirms or drops them")
    p.add_argument("--sync", metavar="TARGET",
                   help="after the check, sync the page into this database (sqlite:///programmes.db or "
                   "postgresql+psycopg://user@host/db), as `extractor sync` does")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of a summary")
    p.add_argument("--exit-code", action="store_true", help="exit 1 when alert-worthy changes were found")
    add_parse_arguments(p)
    add_http_arguments(p)
    p.set_defaults(run=run)


def _share(text: str) -> float:
    value = float(text)
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError("a share between 0 and 1, such as 0.5")
    return value


def run(args: argparse.Namespace) -> int:
    from extractor.changes.guard import RemovalGuard
    from extractor.errors import ExtractorError, NotifyError, StoreError
    from extractor.monitor.check import check
    from extractor.monitor.health import FailureAlerts

    options = parse_options_from(args)
    kinds = {k for arg in args.alert_on for k in arg.split(",") if k} if args.alert_on else None
    # The same failure memory as `watch`: cron running `check` every hour gets one alert per outage.
    failure_alerts = FailureAlerts(threshold=max(0, args.fail_alert_after), language=options.lang)
    # Opened first: a TARGET that is no database URL is refused before anything is stored.
    with open_sync_target(args.sync) as target, open_store(args) as store:
        try:
            result = check(args.source, store=store, page_key=args.page, notify=args.notify, alert_on=kinds,
                           options=options, fetch=fetch_options_from(args), failure_alerts=failure_alerts,
                           guard=RemovalGuard(args.suspect_share, max(1, args.suspect_min)), digest=args.digest)
        except StoreError:
            raise
        except ExtractorError:
            # The failed check is recorded: the target's `pages.status` says so too. The page's error is
            # what this command reports; a sync failing as well only adds a line.
            key = _key(args)
            if target is not None and key is not None and store.has_page(key):
                _sync_after(target, store, key, quiet=True)
            raise
        synced = _sync_after(target, store, result.page) if target is not None else None
        if not args.json and result.language is None:  # an unchanged page: its summary is worded in its language
            from extractor.monitor.check import page_language

            result.language = page_language(store, result.page)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        print_summary(result, bool(args.notify))
    failed = [d for d in result.deliveries if not d.ok and not d.in_doubt]
    doubtful = [d for d in result.deliveries if d.in_doubt]
    problems: list[ExtractorError] = []
    if failed:
        problems.append(NotifyError(f"{len(failed)} alert(s) not delivered; they stay queued and are retried "
                                    "by the next check or `extractor alerts --retry`"))
    if doubtful:
        problems.append(NotifyError(f"{len(doubtful)} alert(s) in doubt (sent, never answered: they may have "
                                    "arrived); not resent unless you run `extractor alerts --retry "
                                    "--resend-in-doubt`"))
    if isinstance(synced, ExtractorError):
        problems.append(synced)
    if problems:
        for problem in problems[:-1]:
            print(f"extractor: error: {problem}", file=sys.stderr)
        raise max(problems, key=lambda p: p.exit_code)
    return 1 if args.exit_code and result.alerted else 0


def _key(args: argparse.Namespace) -> str | None:
    """The page's key in the store; None for stdin without --page (refused before anything was recorded)."""
    from extractor.monitor.check import page_key_for

    return None if args.source == "-" and not args.page else page_key_for(args.source, args.page)


def open_sync_target(target: str | None) -> AbstractContextManager[SyncTarget | None]:
    if target is None:
        return nullcontext()
    try:
        from extractor.sync.writer import SyncTarget
    except ImportError as exc:
        from extractor.errors import InputError

        raise InputError(f"--sync needs SQLAlchemy ({exc.name} is missing): pip install 'extractor[postgres]'") \
            from None
    return SyncTarget(target)


def _sync_after(target: SyncTarget, store: Store, page: str, quiet: bool = False) -> ExtractorError | None:
    """Sync the page after its check. A failure is returned, not raised: the check itself is stored and
    reported, and the next sync replays every snapshot the target has not seen."""
    from extractor.errors import ExtractorError, SyncError

    try:
        target.sync(store, [page])
    except ExtractorError as exc:
        error = exc if isinstance(exc, SyncError) else SyncError(str(exc))
        error.args = (f"{error}; the check is stored, and the next check with --sync or `extractor sync` "
                      "catches up",)
        if quiet:
            print(f"extractor: error: {error}", file=sys.stderr)
        return error
    return None


def print_summary(result: CheckResult, notified: bool) -> None:
    """The check's outcome, its changelog, its alerts and the outbox, worded in the page's language."""
    from extractor.cli.render import text_changelog, use_colour
    from extractor.lexicon.messages import wording
    from extractor.textkit.display import terminal_safe as safe

    out = sys.stdout
    words = wording(result.language)
    say = words.status
    snap = result.snapshot
    where = f" ({snap.ref})" if snap else ""
    status = say[result.status].format(changes=len(result.changes), alerts=len(result.alerts))
    print(f"{safe(result.page)}{safe(where)}{words.changelog['_sep']}{status}", file=out)
    if result.held:
        print("  " + say["held"].format(count=len(result.held)), file=out)
    if result.settled is not None:
        confirmed, back = len(result.confirmed), result.returned
        parts = (say["settled_confirmed"].format(count=confirmed) if confirmed else "",
                 say["settled_dropped"].format(count=back) if back else "")
        print("  " + say["settled"].format(ref=result.settled.ref, parts=", ".join(p for p in parts if p)), file=out)
    for line in text_changelog(result.changes, colour=use_colour(out), indent="  ", language=result.language):
        print(line, file=out)
    if result.alerts:
        print(say["alerts" if notified else "alerts_shown"], file=out)
        from extractor.changes.alerts import messages

        # What the targets get (or would get): with digest, one message for several alerts.
        for message in messages(result.alerts, detected_at="", digest=result.digest, link=result.link):
            print(f"  * {safe(message.subject)}", file=out)
            for line in message.body.splitlines():
                print(f"    {safe(line)}" if line else "", file=out)
    for d in result.deliveries:
        outcome = "sent" if d.ok else "in_doubt" if d.in_doubt else "failed"
        print("  -> " + safe(say[outcome].format(subject=d.subject, target=d.target, error=d.error)), file=out)
    print_waiting(result, out)


def print_waiting(result: CheckResult, out: IO[str]) -> None:
    """The page's alerts still in the outbox: how many, in which state, and when the next try is."""
    from extractor.lexicon.messages import wording

    if not result.waiting:
        return
    words = wording(result.language)
    states = Counter(r.state() for r in result.waiting)
    tries = sorted(r.next_try_at for r in result.waiting if r.next_try_at and r.state() == "waiting")
    nxt = words.status["next_try"].format(when=tries[0][:16].replace("T", " ")) if tries else ""
    detail = ", ".join(f"{n} {words.outbox_states.get(state, state)}" for state, n in sorted(states.items()))
    print("  " + words.status["waiting"].format(count=len(result.waiting), detail=detail, next=nxt), file=out)
