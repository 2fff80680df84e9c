"""`check`: fetch a page; if it changed, store a snapshot, diff it with the previous one, queue alerts; send.

A check goes one way: fetch, and parse if the bytes changed (outside the transaction: a slow
parse holds no lock); then one unit of work (Store.check) reads the previous snapshot, diffs
(changes.diff), keeps the alert-worthy events (changes.alerts), adds the snapshot, queues the
outbox rows, and the page's own recovery alert when it is due (health.py); it commits; then
delivery sends what is due. The order matters for the promises of GUIDE §6: the snapshot, its
events and its outbox rows are written together before anything is sent, so a crash at any
point leaves either nothing or a complete, deliverable outbox that the next check (or
`alerts --retry`) sends. A failed check is recorded the same way, with the page's error alert
when it is due, and is followed by a delivery too.
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
from extractor.changes.alerts import Alert, alert_kinds, plan_alerts
from extractor.changes.diff import ChangeEvent, diff
from extractor.changes.identity import identify
from extractor.changes.kinds import DEFAULT_ALERT_KINDS
from extractor.errors import ExtractorError, InputError, InternalError, StoreError
from extractor.models import Programme
from extractor.monitor.deliver import Delivery, check_targets, deliver_pending
from extractor.monitor.health import NO_FAILURE_ALERTS, FailureAlerts, Notice, notice_key, notices
from extractor.monitor.outbox import outbox_rows
from extractor.monitor.store import CheckTx, SnapshotInfo, Store, Streak
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
    alerts: list[Alert] = field(default_factory=list)
    deliveries: list[Delivery] = field(default_factory=list)
    error: ExtractorError | None = None  # why it failed
    failures: int = 0  # consecutive failed checks, this one included
    notice: Notice | None = None  # "failing" / "recovered": this check queued the page's own alert

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
            },
            "changes": [c.to_dict() for c in self.changes],
            "alerts": [{"kind": a.event.kind, "session_id": a.event.session_id, "title": a.event.title,
                        "language": a.language, "subject": a.subject, "body": a.body} for a in self.alerts],
            "deliveries": [{"kind": d.kind, "session_id": d.session_id, "target": d.target, "ok": d.ok,
                            "error": d.error} for d in self.deliveries],
        }


@dataclass(frozen=True)
class Page:
    """A page as one check sees it: its key in the store, where it is read, and who hears of it."""

    key: str
    source: str
    targets: tuple[str, ...] = ()
    alert_kinds: frozenset[str] = DEFAULT_ALERT_KINDS
    failure_alerts: FailureAlerts = NO_FAILURE_ALERTS


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
          failure_alerts: FailureAlerts | None = None) -> CheckResult:
    """Check one page once; raise the page's error (after recording it) if the check failed."""
    result = attempt(source, store=store, page_key=page_key, notify=notify, alert_on=alert_on,
                     options=options, fetch=fetch, now=now, failure_alerts=failure_alerts)
    if result.error is not None:
        raise result.error
    return result


def attempt(source: str, *, store: Store, page_key: str | None = None, notify: Iterable[str] = (),
            alert_on: set[str] | None = None, options: ParseOptions | None = None,
            fetch: FetchOptions | None = None, now: datetime | None = None,
            failure_alerts: FailureAlerts | None = None) -> CheckResult:
    """Check one page once; a failure of the page (a bug in parsing it included) is recorded and
    returned as status "failed", not raised. Bad arguments and the store's own errors still raise.

    With `failure_alerts`, the page's own alerts (health.py) go to the `notify` targets too.
    """
    page = Page(page_key_for(source, page_key), source, tuple(check_targets(notify)) if notify else (),
                alert_kinds(alert_on), failure_alerts or NO_FAILURE_ALERTS)
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
    result.deliveries = deliver_pending(store, now=now)
    return result


def _check(store: Store, page: Page, options: ParseOptions | None, fetch: FetchOptions,
           now: datetime | None) -> CheckResult:
    """Fetch, parse if the bytes changed, and record the outcome in one unit of work; no delivery."""
    if is_url(page.source) and fetch.validators is None:
        fetch = replace(fetch, validators=store.validators(page.key))
    raw = read_source(page.source, fetch)
    sha = hashlib.sha256(raw.data).hexdigest()
    # Parsed before the transaction, so that a slow page holds no lock; only when the bytes changed.
    programme = None if raw.not_modified or store.latest_sha(page.key) == sha else _parse(raw, options)
    with store.check(page.key, now) as tx:
        ending = tx.streak()  # read before this success is recorded: the failures it ends
        if programme is None or (tx.previous is not None and tx.previous.sha256 == sha):
            # Same bytes or HTTP 304, or another check stored this very page while this one parsed
            # it: nothing to diff, only the checked-at time moves.
            snapshot = tx.record_unchanged(raw)
            result = CheckResult(page.key, "not_modified" if raw.not_modified else "unchanged", snapshot)
        else:
            previous = stored_records(store, tx.previous)
            number = tx.previous.number + 1 if tx.previous else 1
            # Each session takes the uid of the one it is matched with, so the diff below pairs by uid.
            programme = identify(programme, previous.sessions if previous else (), page=page.key, snapshot=number)
            # A first snapshot is a baseline, not news.
            events = diff(previous, programme, page=page.key) if previous else []
            alerts = plan_alerts(events, programme.language, page.alert_kinds, link=programme.source.location,
                                 snapshot=number)
            snapshot = tx.add_snapshot(raw, programme, __version__, events)
            tx.queue(outbox_rows(alerts, page.targets))
            result = CheckResult(page.key, "first" if previous is None else "changed", snapshot, events, alerts)
        threshold = page.failure_alerts.threshold
        if threshold > 0 and ending.count >= threshold:
            _queue_notice(store, tx, page, "recovered", ending, programme)
            result.notice = "recovered"
    return result


def stored_records(store: Store, snapshot: SnapshotInfo | None) -> Programme | None:
    """A stored snapshot's records, each session with its uid (given now to a version-1 snapshot's)."""
    if snapshot is None:
        return None
    return identify(store.programme(snapshot.id), page=snapshot.page, snapshot=snapshot.number)


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
    tx.queue(notices(page.failure_alerts, kind, notice_key(page.key, kind, streak), url=page.source,
                     targets=page.targets, failures=streak.count, language=language, error=error))


def _page_language(store: Store, tx: CheckTx, programme: Programme | None) -> str | None:
    """The language of the page as this check leaves it: its new records', else its latest snapshot's."""
    if programme is not None and programme.language:
        return programme.language
    # Read only when a notice is due: once per streak, not on every check.
    latest = tx.snapshot or tx.previous
    try:
        return store.programme(latest.id).language if latest else None
    except StoreError:  # records from an older parser: the wording falls back to English
        return None


def _failed(store: Store, page: Page, error: ExtractorError, now: datetime | None) -> CheckResult:
    result = record_failure(store, page, error, now)
    try:
        result.deliveries = deliver_pending(store, now=now)  # the error alert just queued, if due
    except ExtractorError as exc:  # queued all the same: the next check or `alerts --retry` sends it
        log.warning("cannot deliver alerts after the failed check of %s: %s", page.key, exc)
    return result
