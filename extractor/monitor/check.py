"""`check`: fetch a page; if it changed, store a snapshot, diff it with the previous one, queue alerts; send.

The order matters for the promises of GUIDE §6: the snapshot, its events and its outbox rows
are written in one transaction before anything is sent, so a crash at any point leaves
either nothing or a complete, deliverable outbox that the next check (or `alerts --retry`)
sends. A failed check is recorded the same way, with the page's error alert when it is due
(health.py), and is followed by a delivery too.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from extractor.changes.alerts import Alert, alert_kinds, plan_alerts
from extractor.changes.diff import ChangeEvent, diff
from extractor.errors import ExtractorError, InputError, InternalError, StoreError
from extractor.models import Programme
from extractor.monitor.deliver import Delivery, check_targets, deliver_pending
from extractor.monitor.health import FailureAlerts, HealthPlans, Notice
from extractor.monitor.outbox import outbox_rows
from extractor.monitor.store import NewAlert, SnapshotInfo, Store
from extractor.options import ParseOptions
from extractor.read.page import RawPage
from extractor.read.sources import is_url, read_source

log = logging.getLogger(__name__)


@dataclass
class CheckResult:
    page: str
    status: str  # "first", "changed", "unchanged", "not_modified", or "failed" (from attempt())
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


def page_key_for(source: str, page_key: str | None = None) -> str:
    """The URL, the absolute path of a file, or the caller's own key."""
    if page_key:
        return page_key
    if source == "-":
        raise InputError("a page read from stdin needs a key: --page KEY")
    if is_url(source):
        return source
    return str(Path(source).resolve())


def parser_version() -> str:
    from extractor.about import __version__
    from extractor.parse import pipeline

    return str(getattr(pipeline, "PARSER_VERSION", __version__))


def _parse(raw: RawPage, options: ParseOptions | None) -> Programme:
    from extractor.parse.pipeline import parse_page  # only when the page changed: unchanged checks stay light

    return parse_page(raw, options)


def check(source: str, *, store: Store, page_key: str | None = None, notify: Iterable[str] = (),
          alert_on: set[str] | None = None, options: ParseOptions | None = None,
          fetch_options: dict[str, Any] | None = None, now: datetime | None = None,
          failure_alerts: FailureAlerts | None = None) -> CheckResult:
    """Check one page once; raise the page's error (after recording it) if the check failed."""
    result = attempt(source, store=store, page_key=page_key, notify=notify, alert_on=alert_on,
                     options=options, fetch_options=fetch_options, now=now, failure_alerts=failure_alerts)
    if result.error is not None:
        raise result.error
    return result


def attempt(source: str, *, store: Store, page_key: str | None = None, notify: Iterable[str] = (),
            alert_on: set[str] | None = None, options: ParseOptions | None = None,
            fetch_options: dict[str, Any] | None = None, now: datetime | None = None,
            failure_alerts: FailureAlerts | None = None) -> CheckResult:
    """Check one page once; a failure of the page (a bug in parsing it included) is recorded and
    returned as status "failed", not raised. Bad arguments and the store's own errors still raise.

    With `failure_alerts`, the page's own alerts (health.py) go to the `notify` targets too.
    """
    key = page_key_for(source, page_key)
    kinds = alert_kinds(alert_on)
    targets = check_targets(notify) if notify else []
    health = (failure_alerts or FailureAlerts(threshold=0)).plans(store, key, source, targets)
    try:
        result = _check(source, key, store, kinds, targets, options, dict(fetch_options or {}), now, health)
    except StoreError:
        raise  # the store's trouble, not the page's: nothing to count against the page
    except ExtractorError as exc:
        return _failed(store, key, exc, health, now)
    except Exception as exc:  # a parser bug on one page must not stop a watcher: counted like a failure
        log.info("internal error while checking %s", source, exc_info=exc)
        error = InternalError(f"internal error while checking {source}: {type(exc).__name__}: {exc}")
        error.__cause__ = exc
        return _failed(store, key, error, health, now)
    result.notice = health.due
    result.deliveries = deliver_pending(store, now=now)
    return result


def _failed(store: Store, key: str, error: ExtractorError, health: HealthPlans,
            now: datetime | None) -> CheckResult:
    failures = store.record_failure(key, str(error), now, alert_at=health.alerts.threshold,
                                    plan=health.failing(str(error)))
    result = CheckResult(key, "failed", None, error=error, failures=failures, notice=health.due)
    try:
        result.deliveries = deliver_pending(store, now=now)  # the error alert just queued, if due
    except ExtractorError as exc:  # queued all the same: the next check or `alerts --retry` sends it
        log.warning("cannot deliver alerts after the failed check of %s: %s", key, exc)
    return result


def _check(source: str, key: str, store: Store, kinds: frozenset[str], targets: list[str],
           options: ParseOptions | None, fetch_options: dict[str, Any], now: datetime | None,
           health: HealthPlans) -> CheckResult:
    """Fetch, parse if changed, and record the outcome (a recovery alert too, if due); no delivery."""
    alert_at = health.alerts.threshold
    if is_url(source) and "validators" not in fetch_options:
        fetch_options["validators"] = store.validators(key)
    raw = read_source(source, **fetch_options)
    unchanged = raw.not_modified or store.latest_sha(key) == hashlib.sha256(raw.data).hexdigest()
    http = raw.http
    if unchanged:
        # Same bytes (or HTTP 304): nothing to parse or diff; only the checked-at time moves.
        latest = store.record_unchanged(key, not_modified=raw.not_modified, now=now,
                                        etag=http.etag if http else None,
                                        last_modified=http.last_modified if http else None,
                                        alert_at=alert_at, recovery=health.recovered())
        return CheckResult(key, "not_modified" if raw.not_modified else "unchanged", latest)
    programme = _parse(raw, options)
    planned: list[Alert] = []

    def plan(previous: Programme | None, current: Programme) -> tuple[list[ChangeEvent], list[NewAlert]]:
        # Runs inside the store's transaction, against the latest snapshot as of that moment.
        planned.clear()
        if previous is None:
            return [], []  # a first snapshot is a baseline, not news
        events = diff(previous, current, page=key)
        planned.extend(plan_alerts(events, current.language, kinds, link=current.source.location))
        return events, outbox_rows(planned, targets)

    recorded = store.record_snapshot(key, raw, programme, parser_version(), plan, now, alert_at=alert_at,
                                     recovery=health.recovered(programme.language))
    if recorded.status == "unchanged":
        planned.clear()
    return CheckResult(key, recorded.status, recorded.snapshot, recorded.events, list(planned))
