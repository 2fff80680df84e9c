"""`check`: fetch a page; if it changed, store a snapshot, diff it with the previous one, queue alerts; send.

A check goes one way: fetch, and parse if the bytes changed (outside the transaction: a slow
parse holds no lock); then one unit of work (Store.check) reads the previous snapshot, gives
the new sessions their uids (changes.identity), compares (changes.guard over changes.diff),
keeps the alert-worthy events (changes.alerts), adds the snapshot, queues the outbox rows,
and the page's own recovery alert when it is due (health.py); it commits; then delivery sends
what is due to the targets this check was given. The order matters for the promises of GUIDE
§6: the snapshot, its events and its outbox rows are written together before anything is
sent, so a crash at any point leaves either nothing or a complete, deliverable outbox that the
next check (or `alerts --retry`) sends. A failed check is recorded the same way, with the
page's error alert when it is due, and is followed by a delivery too.

A snapshot that loses a large share of the sessions at once is suspect (changes.guard): its
removals are held, and the next check settles them (hold.py): confirmed and alerted if the
sessions are still absent, dropped if they are back.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

from extractor.about import __version__
from extractor.changes.alerts import Alert, alert_kinds, messages, plan_alerts
from extractor.changes.diff import ChangeEvent
from extractor.changes.guard import Comparison, RemovalGuard, compare
from extractor.changes.identity import identify
from extractor.changes.kinds import DEFAULT_ALERT_KINDS
from extractor.errors import ExtractorError, InputError, InternalError, StoreError
from extractor.lexicon.messages import wording
from extractor.models import Programme
from extractor.monitor.deliver import Delivery, deliver_pending
from extractor.monitor.health import NO_FAILURE_ALERTS, FailureAlerts, Notice, notice_key, notices
from extractor.monitor.hold import held_removals, held_sessions
from extractor.monitor.outbox import Outbox, OutboxRow, outbox_rows
from extractor.monitor.records import records
from extractor.monitor.store import CheckTx, SnapshotInfo, Store, Streak
from extractor.monitor.targets import Target, resolve
from extractor.options import ParseOptions
from extractor.read.options import FetchOptions
from extractor.read.page import RawPage
from extractor.read.sources import is_url, read_source

log = logging.getLogger(__name__)
# "failed" comes from attempt() only; check() raises the page's error instead.
CheckStatus = Literal["first", "changed", "unchanged", "not_modified", "failed"]


@dataclass
class CheckResult:
    page: str
    status: CheckStatus
    snapshot: SnapshotInfo | None
    changes: list[ChangeEvent] = field(default_factory=list)
    alerts: list[Alert] = field(default_factory=list)  # queued by this check (confirmed removals included)
    deliveries: list[Delivery] = field(default_factory=list)
    error: ExtractorError | None = None  # why it failed
    failures: int = 0  # consecutive failed checks, this one included
    notice: Notice | None = None  # "failing" / "recovered": this check queued the page's own alert
    held: list[ChangeEvent] = field(default_factory=list)  # this snapshot's removals, held: it is suspect
    settled: SnapshotInfo | None = None  # the suspect snapshot this check settled
    confirmed: list[ChangeEvent] = field(default_factory=list)  # its held removals, confirmed and alerted
    returned: int = 0  # its held removals dropped: the sessions are back
    waiting: list[OutboxRow] = field(default_factory=list)  # the page's alerts still undelivered after it
    digest: bool = False  # its alerts go out as one message per target
    link: str | None = None  # where people read the page (the alerts say so)
    language: str | None = None  # the page's, for wording what changed

    @property
    def alerted(self) -> bool:
        return bool(self.alerts)

    def to_dict(self) -> dict[str, Any]:
        snap = self.snapshot
        return {
            "page": self.page,
            "status": self.status,
            "snapshot": None if snap is None else {
                "number": snap.number, "ref": snap.ref, "sha256": snap.sha256,
                "retrieved_at": snap.retrieved_at, "new": self.status in ("first", "changed"),
                "suspect": snap.suspect,
            },
            "changes": [c.to_dict() for c in self.changes],
            "held": [c.to_dict() for c in self.held],
            "settled": None if self.settled is None else {
                "ref": self.settled.ref, "confirmed": [c.to_dict() for c in self.confirmed],
                "returned": self.returned},
            "alerts": [{"kind": a.event.kind, "session_id": a.event.session_id, "uid": a.event.uid,
                        "title": a.event.title, "snapshot": a.snapshot, "language": a.language,
                        "subject": a.subject, "body": a.body} for a in self.alerts],
            "deliveries": [{"kind": d.kind, "session_id": d.session_id, "target": d.target, "ok": d.ok,
                            "in_doubt": d.in_doubt, "error": d.error} for d in self.deliveries],
            "waiting": [{"id": r.id, "kind": r.kind, "subject": r.subject, "target": r.target_label,
                         "state": r.state(), "attempts": r.attempts, "next_try_at": r.next_try_at,
                         "last_error": r.last_error} for r in self.waiting],
        }


@dataclass(frozen=True)
class Page:
    """A page as one check sees it: its key in the store, where it is read, and who hears of it, how."""

    key: str
    source: str
    targets: tuple[Target, ...] = ()
    alert_kinds: frozenset[str] = DEFAULT_ALERT_KINDS
    failure_alerts: FailureAlerts = NO_FAILURE_ALERTS
    guard: RemovalGuard = field(default_factory=RemovalGuard)
    digest: bool = False  # one message per check and target, listing every alert
    name: str | None = None  # the watch file's name for it


def page_key_for(source: str, page_key: str | None = None) -> str:
    """The URL, the absolute path of a file, or the caller's own key."""
    if page_key:
        return page_key
    if source == "-":
        raise InputError("a page read from stdin needs a key: --page KEY")
    if is_url(source):
        return source
    return str(Path(source).resolve())


def _parse(raw: RawPage, options: ParseOptions | None) -> Programme:
    from extractor.parse.pipeline import parse_page  # only when the page changed: unchanged checks stay light

    return parse_page(raw, options)


def check(source: str, *, store: Store, page_key: str | None = None, notify: Iterable[str] = (),
          alert_on: set[str] | None = None, options: ParseOptions | None = None,
          fetch: FetchOptions | None = None, now: datetime | None = None,
          failure_alerts: FailureAlerts | None = None, guard: RemovalGuard | None = None,
          digest: bool = False, name: str | None = None) -> CheckResult:
    """Check one page once; raise the page's error (after recording it) if the check failed."""
    result = attempt(source, store=store, page_key=page_key, notify=notify, alert_on=alert_on,
                     options=options, fetch=fetch, now=now, failure_alerts=failure_alerts, guard=guard,
                     digest=digest, name=name)
    if result.error is not None:
        if result.waiting:  # the error is all a caller prints: this is the one thing it would hide
            key = page_key_for(source, page_key)
            log.warning("%s: %s", key, _waiting_line(result.waiting, page_language(store, key)))
        raise result.error
    return result


def _waiting_line(rows: list[OutboxRow], language: str | None) -> str:
    """'2 alert(s) wait in the outbox, the next try at 2025-11-19 13:42 UTC': a page's undelivered alerts."""
    say = wording(language).status
    soonest = min((r.next_try_at for r in rows if r.next_try_at), default=None)
    when = say["next_try_at"].format(when=soonest[:16].replace("T", " ")) if soonest else ""
    return say["waiting_after_failure"].format(count=len(rows), next=when)


def attempt(source: str, *, store: Store, page_key: str | None = None, notify: Iterable[str] = (),
            alert_on: set[str] | None = None, options: ParseOptions | None = None,
            fetch: FetchOptions | None = None, now: datetime | None = None,
            failure_alerts: FailureAlerts | None = None, guard: RemovalGuard | None = None,
            digest: bool = False, name: str | None = None) -> CheckResult:
    """Check one page once; a failure of the page (a bug in parsing it included) is recorded and
    returned as status "failed", not raised. Bad arguments and the store's own errors still raise.

    With `failure_alerts`, the page's own alerts (health.py) go to the `notify` targets too.
    """
    notify = list(notify)
    page = Page(page_key_for(source, page_key), source, tuple(resolve(notify, store.key)) if notify else (),
                alert_kinds(alert_on), failure_alerts or NO_FAILURE_ALERTS, guard or RemovalGuard(), digest, name)
    try:
        result = _check(store, page, options, fetch or FetchOptions(), now)
    except StoreError:
        raise  # the store's trouble, not the page's: nothing to count against the page
    except ExtractorError as exc:
        return _failed(store, page, exc, now)
    except Exception as exc:  # a parser bug on one page must not stop a watcher: counted like a failure
        log.info("internal error while checking %s", source, exc_info=exc)
        error = InternalError(f"internal error while checking {source}: {type(exc).__name__}: {exc}")
        error.__cause__ = exc
        return _failed(store, page, error, now)
    result.digest = page.digest
    _deliver(store, page, result, now)
    return result


def _check(store: Store, page: Page, options: ParseOptions | None, fetch: FetchOptions,
           now: datetime | None) -> CheckResult:
    """Fetch, parse if the bytes changed, and record the outcome in one unit of work; no delivery."""
    if is_url(page.source) and fetch.validators is None:
        fetch = replace(fetch, validators=store.validators(page.key))
    raw = read_source(page.source, fetch)
    sha = hashlib.sha256(raw.data).hexdigest()
    log.info("read %s: %d bytes%s", page.source, len(raw.data), " (HTTP 304: not modified)" if raw.not_modified else "")
    # Parsed before the transaction, so that a slow page holds no lock; only when the bytes changed.
    programme = None if raw.not_modified or store.latest_sha(page.key) == sha else _parse(raw, options)
    with store.check(page.key, now) as tx:
        tx.name_page(page.name)
        ending = tx.streak()  # read before this success is recorded: the failures it ends
        if programme is None or (tx.previous is not None and tx.previous.sha256 == sha):
            # Same bytes or HTTP 304, or another check stored this very page while this one parsed
            # it: nothing to diff, only the checked-at time moves.
            suspect = tx.previous if tx.previous is not None and tx.previous.suspect else None
            snapshot = tx.record_unchanged(raw)
            result = CheckResult(page.key, "not_modified" if raw.not_modified else "unchanged", snapshot)
            if suspect is not None:  # the page still reads as it did: what it held is confirmed
                _settle(store, tx, page, result, suspect, Comparison([]), store.programme(suspect.id))
        else:
            result = _record_snapshot(store, tx, page, raw, programme)
        _queue(tx, page, result)
        threshold = page.failure_alerts.threshold
        if threshold > 0 and ending.count >= threshold:
            _queue_notice(store, tx, page, "recovered", ending, programme)
            result.notice = "recovered"
    return result


def _record_snapshot(store: Store, tx: CheckTx, page: Page, raw: RawPage, programme: Programme) -> CheckResult:
    """A new version: its uids, its events against the previous snapshot (and what that one held), stored."""
    previous = stored_records(store, tx.previous)
    suspect = tx.previous if tx.previous is not None and tx.previous.suspect else None
    held = held_sessions(store, suspect) if suspect else []
    number = tx.previous.number + 1 if tx.previous else 1
    # Each session takes the uid of the one it is matched with, so the comparison pairs by uid.
    programme = identify(programme, previous.sessions if previous else (), held, page=page.key, snapshot=number)
    # A first snapshot is a baseline, not news.
    comparison = compare(previous, programme, page=page.key, held=held, guard=page.guard) if previous else \
        Comparison([])
    alerts = plan_alerts(comparison.alertable, programme.language, page.alert_kinds,
                         link=programme.source.location, snapshot=number)
    tx.add_snapshot(raw, programme, __version__, comparison.events)
    if comparison.held:
        tx.hold(len(comparison.held))
    snapshot = tx.snapshot
    result = CheckResult(page.key, "first" if previous is None else "changed", snapshot, comparison.events, alerts,
                         held=comparison.held, link=programme.source.location, language=programme.language)
    log.info("%s: %d session(s), %d change(s), %d alert(s)%s", snapshot.ref if snapshot else page.key,
             len(programme.sessions), len(comparison.events), len(alerts),
             f", {len(comparison.held)} removal(s) held" if comparison.held else "")
    if suspect is not None:
        _settle(store, tx, page, result, suspect, comparison, programme)
    return result


def _settle(store: Store, tx: CheckTx, page: Page, result: CheckResult, suspect: SnapshotInfo,
            comparison: Comparison, programme: Programme) -> None:
    """Settle what `suspect` held: removals still absent are alerted now (keyed on `suspect`), the rest dropped."""
    result.link, result.language = programme.source.location, programme.language
    returned = set(comparison.returned)
    confirmed = [e for e in held_removals(store, suspect) if e.uid not in returned]
    result.settled, result.confirmed, result.returned = suspect, confirmed, len(returned)
    result.alerts += plan_alerts(confirmed, programme.language, page.alert_kinds, link=programme.source.location,
                                 snapshot=suspect.number)
    tx.settle(suspect, len(confirmed), len(returned))
    log.info("%s: %d held removal(s) confirmed, %d dropped (sessions back)", suspect.ref, len(confirmed),
             len(returned))


def _queue(tx: CheckTx, page: Page, result: CheckResult) -> None:
    if result.alerts and page.targets:
        queue = messages(result.alerts, detected_at=tx.stamp, digest=page.digest, link=result.link)
        queued = {row.idem_key for row in tx.queue(outbox_rows(queue, page.targets))}
        # Announce what was queued, not what deduplication dropped (another check queued it first).
        announced = {key for m in queue if m.idem_key in queued for key in m.alerts}
        result.alerts = [a for a in result.alerts if a.idem_key in announced]


def _deliver(store: Store, page: Page, result: CheckResult, now: datetime | None) -> None:
    result.deliveries = deliver_pending(store, page.targets, now=now)
    result.waiting = Outbox(store).rows(undelivered_only=True, page=page.key)
    for d in result.deliveries:
        log.info("sent %r to %s: %s", d.subject, d.target, "ok" if d.ok else d.error)


def stored_records(store: Store, snapshot: SnapshotInfo | None) -> Programme | None:
    """A stored snapshot's records, each session with its uid (carried through a version-1 snapshot's)."""
    return None if snapshot is None else records(store, snapshot)


def page_language(store: Store, page_key: str) -> str | None:
    """The language of the page's latest snapshot; None when it has none, or records an older parser left."""
    return _snapshot_language(store, store.latest(page_key))


def _snapshot_language(store: Store, snapshot: SnapshotInfo | None) -> str | None:
    try:
        return store.programme(snapshot.id).language if snapshot else None
    except StoreError:  # records from an older parser: the wording falls back to English
        return None


def record_failure(store: Store, page: Page, error: ExtractorError, now: datetime | None = None) -> CheckResult:
    """Record a failed check, and queue the page's error alert if this failure is the one it is due on."""
    notice: Notice | None = None
    with store.check(page.key, now) as tx:
        failures = tx.record_failure(str(error))
        # Exactly the threshold: of two processes failing at once, one sees the count reach it.
        threshold = page.failure_alerts.threshold
        if threshold > 0 and failures == threshold:
            _queue_notice(store, tx, page, "failing", tx.streak(), error=str(error))
            notice = "failing"
    return CheckResult(page.key, "failed", None, error=error, failures=failures, notice=notice)


def _queue_notice(store: Store, tx: CheckTx, page: Page, kind: Notice, streak: Streak,
                  programme: Programme | None = None, error: str = "") -> None:
    language = page.failure_alerts.language or _page_language(store, tx, programme)
    tx.queue(notices(page.failure_alerts, kind, notice_key(page.key, kind, streak), page=page.key, url=page.source,
                     targets=page.targets, failures=streak.count, language=language, error=error))


def _page_language(store: Store, tx: CheckTx, programme: Programme | None) -> str | None:
    """The language of the page as this check leaves it: its new records', else its latest snapshot's."""
    if programme is not None and programme.language:
        return programme.language
    # Read only when a notice is due: once per streak, not on every check.
    return _snapshot_language(store, tx.snapshot or tx.previous)


def _failed(store: Store, page: Page, error: ExtractorError, now: datetime | None) -> CheckResult:
    result = record_failure(store, page, error, now)
    try:
        _deliver(store, page, result, now)  # the error alert just queued, if due
    except ExtractorError as exc:  # queued all the same: the next check or `alerts --retry` sends it
        log.warning("cannot deliver alerts after the failed check of %s: %s", page.key, exc)
    return result
