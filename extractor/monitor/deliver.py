"""Delivering the outbox through Apprise: each due row once, its outcome recorded as soon as known.

Delivery claims each outbox row before sending so that two processes never send the same row,
records the outcome right after, and backs off exponentially on failure. Apprise is imported
only when something is actually sent or validated.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from extractor.errors import ConfigError
from extractor.monitor.outbox import Outbox
from extractor.monitor.store import Store

BACKOFF_BASE = timedelta(minutes=1)
BACKOFF_MAX = timedelta(hours=6)


def check_targets(urls: Iterable[str]) -> list[str]:
    """Refuse Apprise URLs Apprise cannot load, before anything is stored."""
    import apprise

    urls = list(urls)
    bad = [u for u in urls if apprise.Apprise.instantiate(u) is None]
    if bad:
        raise ConfigError(f"not a notification URL Apprise understands: {', '.join(map(redact, bad))}")
    return urls


def redact(url: str) -> str:
    """The URL with its secrets masked, for printing."""
    import apprise

    plugin = apprise.Apprise.instantiate(url)
    return plugin.url(privacy=True) if plugin is not None else url.split("://", 1)[0] + "://…"


def send(target: str, subject: str, body: str) -> str | None:
    """Deliver one message; None on success, else the reason it failed."""
    import apprise

    notifier = apprise.Apprise(asset=apprise.AppriseAsset(storage_mode="memory"))
    if not notifier.add(target):
        return "invalid notification URL"
    try:
        result = notifier.notify(body=body, title=subject)
    except Exception as exc:  # a plugin's bug must not lose the outbox row's outcome
        return f"{type(exc).__name__}: {exc}"
    if result:
        return None
    logs = getattr(result, "logs", None)  # Apprise >= 2 explains failures; older versions return False
    reasons = [e.message for e in logs() if e.level in ("WARNING", "ERROR")] if logs else []
    return "; ".join(reasons) or "delivery failed"


def backoff(attempts: int) -> timedelta:
    """Delay before the next try after `attempts` failures: 1 min, 2, 4, … up to 6 h."""
    doublings = min(max(attempts - 1, 0), 16)  # past 16 the cap holds anyway; no huge integers
    return min(BACKOFF_BASE * (1 << doublings), BACKOFF_MAX)


@dataclass(frozen=True)
class Delivery:
    outbox_id: int
    kind: str
    session_id: str
    subject: str
    target: str  # redacted
    error: str | None

    @property
    def ok(self) -> bool:
        return self.error is None


def deliver_pending(store: Store, *, now: datetime | None = None, ignore_backoff: bool = False,
                    resend_in_doubt: bool = False) -> list[Delivery]:
    """Send every due outbox row once; each outcome is recorded as soon as it is known."""
    worker = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
    outbox = Outbox(store)
    deliveries = []
    for row in outbox.due(now, ignore_backoff=ignore_backoff, resend_in_doubt=resend_in_doubt):
        if not outbox.claim(row.id, worker, now, resend_in_doubt=resend_in_doubt):
            continue  # another process is sending it, or just did
        error = send(row.target, row.subject, row.body)
        if error is None:
            outbox.delivered(row.id, worker, now)
        else:
            outbox.failed(row.id, worker, error, (now or datetime.now(UTC)) + backoff(row.attempts + 1))
        deliveries.append(Delivery(row.id, row.kind, row.session_id, row.subject, redact(row.target), error))
    return deliveries
