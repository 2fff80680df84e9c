"""Delivering the outbox through Apprise: each due row once, its outcome recorded as soon as known.

Delivery claims each outbox row before sending so that two processes never send the same row,
records the outcome right after, and backs off exponentially on failure. Apprise is imported
only when something is actually sent. Which targets there are, and how they are named without
their URLs, is monitor.targets'.
"""

from __future__ import annotations

import json
import os
import socket
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from extractor.monitor.outbox import Outbox
from extractor.monitor.store import Store
from extractor.monitor.targets import Target, apprise_url, redacted

BACKOFF_BASE = timedelta(minutes=1)
BACKOFF_MAX = timedelta(hours=6)


def send(url: str, subject: str, body: str, payload: str | None = None) -> str | None:
    """Deliver one message; None on success, else the reason it failed (the URL redacted out of it).

    A machine endpoint (json://, jsons://, an http(s):// webhook) also gets `payload`'s fields
    (changes.payload) in the JSON it receives, beside Apprise's title and message.
    """
    import apprise

    asset = apprise.AppriseAsset(storage_mode="memory")
    plugin = apprise.Apprise.instantiate(apprise_url(url), asset=asset)
    if plugin is None:
        return "invalid notification URL"
    extras = getattr(plugin, "payload_extras", None)
    if payload and isinstance(extras, dict):
        extras.update(json.loads(payload))
    notifier = apprise.Apprise(asset=asset)
    notifier.add(plugin)
    try:
        result = notifier.notify(body=body, title=subject)
    except Exception as exc:  # a plugin's bug must not lose the outbox row's outcome
        return _scrub(f"{type(exc).__name__}: {exc}", url)
    if result:
        return None
    logs = getattr(result, "logs", None)  # Apprise >= 2 explains failures; older versions return False
    reasons = [e.message for e in logs() if e.level in ("WARNING", "ERROR")] if logs else []
    return _scrub("; ".join(reasons) or "delivery failed", url)


def _scrub(text: str, url: str) -> str:
    return text.replace(url, redacted(url)) if url in text else text


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


def deliver_pending(store: Store, targets: Sequence[Target], *, now: datetime | None = None,
                    ignore_backoff: bool = False, resend_in_doubt: bool = False) -> list[Delivery]:
    """Send every due outbox row for these targets once; each outcome is recorded as soon as it is known.

    Rows for other targets wait: only the command line or the watch file knows their URLs.
    """
    worker = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
    outbox = Outbox(store)
    url_of = {t.hash: t.url for t in targets}
    deliveries = []
    for row in outbox.due(now, targets=url_of.keys(), ignore_backoff=ignore_backoff,
                          resend_in_doubt=resend_in_doubt):
        if not outbox.claim(row.id, worker, now, resend_in_doubt=resend_in_doubt):
            continue  # another process is sending it, or just did
        error = send(url_of[row.target_hash], row.subject, row.body, row.payload)
        if error is None:
            outbox.delivered(row.id, worker, now)
        else:
            outbox.failed(row.id, worker, error, (now or datetime.now(UTC)) + backoff(row.attempts + 1))
        deliveries.append(Delivery(row.id, row.kind, row.session_id, row.subject, row.target_label, error))
    return deliveries


def send_test(urls: Sequence[str], language: str = "en") -> list[tuple[str, str | None]]:
    """A test message to each URL, now, outside the outbox: (redacted URL, None or why it failed)."""
    from extractor.about import __version__
    from extractor.changes.messages import compose_test
    from extractor.changes.payload import alert_data
    from extractor.monitor.targets import check_urls

    subject, body = compose_test(language, __version__)
    payload = alert_data("test", None, language)
    return [(redacted(url), send(url, subject, body, payload)) for url in check_urls(urls)]
