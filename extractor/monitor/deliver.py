"""Delivering the outbox through Apprise: each due row once, its outcome recorded as soon as known.

Delivery claims each outbox row before sending so that two processes never send the same row,
records the outcome right after, and backs off exponentially on failure. A send that timed out
after the request went out may have arrived: it is recorded "in doubt" and not resent unless asked
(`alerts --retry --resend-in-doubt`); machine payloads (json, form, xml, webhooks) carry the
message's `event_id` so that a receiver can drop a duplicate. Apprise is imported only when
something is actually sent. Which targets there are, how they are named without their URLs, and
how Apprise's log lines are kept from showing them, is monitor.targets'.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import socket
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from extractor.monitor.outbox import Outbox
from extractor.monitor.store import Store
from extractor.monitor.targets import Target, apprise_url, masked, private_logs, redacted

BACKOFF_BASE = timedelta(minutes=1)
BACKOFF_MAX = timedelta(hours=6)


@dataclass(frozen=True)
class SendResult:
    error: str | None = None  # None: delivered
    in_doubt: bool = False  # the request went out and no answer came: it may have been delivered


# What an Apprise plugin logs when the request was sent and the answer never came (requests' read
# timeout, or the server closing after reading it).
_SENT_UNANSWERED = ("Read timed out", "RemoteDisconnected", "Remote end closed connection")


def send(url: str, subject: str, body: str, payload: str | None = None, event_id: str | None = None) -> SendResult:
    """Deliver one message; an empty SendResult on success, else why not, and whether it may have arrived.

    A machine endpoint (json://, jsons://, an http(s):// webhook) also gets `payload`'s fields
    (changes.payload) in the JSON it receives, beside Apprise's title and message; it and the
    form:// and xml:// endpoints get `event_id`.
    """
    import apprise

    target = apprise_url(url)
    with private_logs([url, target]):
        asset = apprise.AppriseAsset(storage_mode="memory", secure_logging=True)
        plugin = apprise.Apprise.instantiate(target, asset=asset)
        if plugin is None:
            return SendResult("invalid notification URL")
        extras = getattr(plugin, "payload_extras", None)
        if isinstance(extras, dict):
            extras.update(json.loads(payload) if payload else {})
            if event_id:
                extras["event_id"] = event_id
        notifier = apprise.Apprise(asset=asset)
        notifier.add(plugin)
        try:  # this call's own log lines, DEBUG included: a read timeout is only said there
            result = notifier.notify(body=body, title=subject, log_level=logging.DEBUG)
        except Exception as exc:  # a plugin's bug must not lose the outbox row's outcome
            return SendResult(masked(f"{type(exc).__name__}: {exc}"))
    if result:
        return SendResult()
    logs = getattr(result, "logs", None)  # Apprise >= 2 explains failures; older versions return False
    entries = list(logs()) if logs else []
    reasons = [e.message for e in entries if e.level in ("WARNING", "ERROR")]
    in_doubt = any(marker in e.message for e in entries for marker in _SENT_UNANSWERED)
    reason = masked("; ".join(reasons)) or "delivery failed"
    if in_doubt:
        reason = f"no answer after the message was sent: it may have arrived ({reason})"
    return SendResult(reason, in_doubt)


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
    in_doubt: bool = False  # sent, unanswered: kept "in doubt", not resent unless asked

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
        outcome = send(url_of[row.target_hash], row.subject, row.body, row.payload, event_id=row.idem_key)
        if outcome.error is None:
            outbox.delivered(row.id, worker, now)
        elif outcome.in_doubt:
            outbox.in_doubt(row.id, worker, outcome.error)
        else:
            outbox.failed(row.id, worker, outcome.error, (now or datetime.now(UTC)) + backoff(row.attempts + 1))
        deliveries.append(Delivery(row.id, row.kind, row.session_id, row.subject, row.target_label,
                                   outcome.error, outcome.in_doubt))
    return deliveries


def send_test(urls: Sequence[str], language: str = "en") -> list[tuple[str, str | None]]:
    """A test message to each URL, now, outside the outbox: (redacted URL, None or why it failed)."""
    from extractor.about import __version__
    from extractor.changes.messages import compose_test
    from extractor.changes.payload import alert_data
    from extractor.monitor.targets import check_urls, structured

    subject, body = compose_test(language, __version__)
    payload = alert_data("test", None, language)
    return [(redacted(url), send(url, subject, body, payload if structured(url) else None,
                                 event_id=secrets.token_hex(32)).error)
            for url in check_urls(urls)]
