"""Delivering the outbox through Apprise: each due row once, its outcome recorded as soon as known.

Delivery claims each outbox row before sending so that two processes never send the same row,
records the outcome right after, and backs off exponentially on failure. A send that timed out
after the request went out may have arrived: it is recorded "in doubt" and not resent unless asked
(`alerts --retry --resend-in-doubt`); machine payloads (json, form, xml) carry the alert's
`event_id` so that a receiver can drop a duplicate. Apprise is imported only when something is
actually sent or validated.

Notification URLs are credentials (a json:// path, an ntfy topic, a Slack token): our own lines show
only the scheme and the host (`redact`), and Apprise's log lines pass through a filter that masks
every part of the URLs being used (`_privacy`), whatever its log level.
"""

from __future__ import annotations

import logging
import os
import re
import socket
import threading
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import quote, unquote

from extractor.errors import ConfigError
from extractor.monitor.outbox import Outbox
from extractor.monitor.store import Store

BACKOFF_BASE = timedelta(minutes=1)
BACKOFF_MAX = timedelta(hours=6)


def check_targets(urls: Iterable[str]) -> list[str]:
    """Refuse Apprise URLs Apprise cannot load, before anything is stored."""
    import apprise

    urls = list(urls)
    with _privacy(urls):
        bad = [u for u in urls if apprise.Apprise.instantiate(u) is None]
    if bad:
        raise ConfigError(f"not a notification URL Apprise understands: {', '.join(map(redact, bad))}")
    return urls


_HOSTNAME = re.compile(r"^(?:localhost|[\w-]+(?:\.[\w-]+)+|\[[0-9a-fA-F:.]+\])$")
_PORT = re.compile(r":\d*$")


def _host_of(netloc: str) -> str:
    """`host:port` or `[::1]:port` without the port."""
    return _PORT.sub("", netloc) if not netloc.endswith("]") else netloc


def redact(url: str) -> str:
    """The scheme and the host, nothing after them: `json://hooks.example.org/…`. Paths, topics,
    tokens, users and passwords are all credentials for some service; a "host" that is no host name
    (`slack://T0/B0/x`, `ntfys://topic`, `tgram://bot:token/chat`) is one too."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        return "…"
    netloc = rest.split("/", 1)[0].split("?", 1)[0].rpartition("@")[2]
    host = netloc if _HOSTNAME.match(_host_of(netloc)) else ""
    shown = f"{scheme}://{host}" if host else f"{scheme}://…"
    return shown + ("/…" if host and len(rest) > len(netloc) else "")


# Machine endpoints whose payload Apprise lets us extend (`:key=value` in the URL).
PAYLOAD_SCHEMES = frozenset({"json", "jsons", "form", "forms", "xml", "xmls"})


def with_event_id(target: str, event_id: str) -> str:
    """The target whose payloads carry `event_id`, for the machine endpoints that take extra fields."""
    if target.partition("://")[0].lower() not in PAYLOAD_SCHEMES:
        return target
    return f"{target}{'&' if '?' in target else '?'}{quote(':event_id')}={quote(event_id)}"


@dataclass(frozen=True)
class SendResult:
    error: str | None = None  # None: delivered
    in_doubt: bool = False  # the request went out and no answer came: it may have been delivered


# What an Apprise plugin logs when the request was sent and the answer never came (requests' read
# timeout, or the server closing after reading it).
_SENT_UNANSWERED = ("Read timed out", "RemoteDisconnected", "Remote end closed connection")


def send(target: str, subject: str, body: str, event_id: str | None = None) -> SendResult:
    """Deliver one message; an empty SendResult on success, else why not, and whether it may have arrived."""
    import apprise

    url = with_event_id(target, event_id) if event_id else target
    with _privacy([target, url]):
        notifier = apprise.Apprise(asset=apprise.AppriseAsset(storage_mode="memory", secure_logging=True))
        if not notifier.add(url):
            return SendResult("invalid notification URL")
        try:  # this call's own log lines, DEBUG included: a read timeout is only said there
            result = notifier.notify(body=body, title=subject, log_level=logging.DEBUG)
        except Exception as exc:  # a plugin's bug must not lose the outbox row's outcome
            return SendResult(_masked(f"{type(exc).__name__}: {exc}"))
    if result:
        return SendResult()
    logs = getattr(result, "logs", None)  # Apprise >= 2 explains failures; older versions return False
    entries = list(logs()) if logs else []
    reasons = [e.message for e in entries if e.level in ("WARNING", "ERROR")]
    in_doubt = any(marker in e.message for e in entries for marker in _SENT_UNANSWERED)
    reason = _masked("; ".join(reasons)) or "delivery failed"
    if in_doubt:
        reason = f"no answer after the message was sent: it may have arrived ({reason})"
    return SendResult(reason, in_doubt)


# -- Apprise's log lines, with the URLs in use masked --------------------------------------------

_secrets: set[str] = set()
_level_lock = threading.Lock()
_sending = 0
_shown_level = logging.WARNING  # what the apprise logger let through before a send lowered it
_own_level = logging.NOTSET  # the level the apprise logger had of its own, restored after


def _secret_parts(url: str) -> set[str]:
    """Every piece of a notification URL that may be a credential, as written and decoded."""
    rest = url.partition("://")[2]
    netloc = rest.split("/", 1)[0].split("?", 1)[0]
    userinfo, _, host = netloc.rpartition("@")
    parts = {userinfo, *userinfo.split(":"), *re.split(r"[/?&=#]", rest[len(netloc):])}
    if not _HOSTNAME.match(_host_of(host)):
        parts |= {host, *host.split(":")}
    parts = {p for p in parts if len(p) >= 3}
    return parts | {unquote(p) for p in parts}


def _masked(text: str) -> str:
    for secret in sorted(_secrets, key=len, reverse=True):
        if secret in text:
            text = text.replace(secret, "…")
    return text


class _Masking(logging.Filter):
    """On the apprise and urllib3 loggers: every piece of the notification URLs in use, masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = _masked(record.getMessage()), ()
        return True


class _Propagate(logging.Handler):
    """Apprise's records go up to the application's handlers through here rather than by propagation:
    while a send has lowered the logger to DEBUG (for Apprise's capture of the call's lines), only
    what the application asked for before goes up."""

    def emit(self, record: logging.LogRecord) -> None:
        if _sending and record.levelno < _shown_level:
            return
        logger: logging.Logger | None = logging.getLogger("apprise").parent
        while logger is not None:
            for handler in logger.handlers:
                if record.levelno >= handler.level:
                    handler.handle(record)
            logger = logger.parent if logger.propagate else None


_MASKING = _Masking()


def _install() -> logging.Logger:
    apprise_log = logging.getLogger("apprise")
    if _MASKING not in apprise_log.filters:
        apprise_log.addFilter(_MASKING)
        logging.getLogger("urllib3.connectionpool").addFilter(_MASKING)  # its DEBUG lines name the path
        apprise_log.addHandler(_Propagate())
        apprise_log.propagate = False
    return apprise_log


@contextmanager
def _privacy(urls: Iterable[str]) -> Iterator[None]:
    """While Apprise runs: its lines mask these URLs, and it logs at DEBUG for its capture of the call
    (a read timeout is only said there) without the application seeing more than it did."""
    global _sending, _shown_level, _own_level
    for url in urls:
        _secrets.update(_secret_parts(url))
    apprise_log = _install()
    with _level_lock:
        if _sending == 0:
            _shown_level, _own_level = apprise_log.getEffectiveLevel(), apprise_log.level
            apprise_log.setLevel(logging.DEBUG)
        _sending += 1
    try:
        yield
    finally:
        with _level_lock:
            _sending -= 1
            if _sending == 0:
                apprise_log.setLevel(_own_level)

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


def deliver_pending(store: Store, *, now: datetime | None = None, ignore_backoff: bool = False,
                    resend_in_doubt: bool = False) -> list[Delivery]:
    """Send every due outbox row once; each outcome is recorded as soon as it is known."""
    worker = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
    outbox = Outbox(store)
    deliveries = []
    for row in outbox.due(now, ignore_backoff=ignore_backoff, resend_in_doubt=resend_in_doubt):
        if not outbox.claim(row.id, worker, now, resend_in_doubt=resend_in_doubt):
            continue  # another process is sending it, or just did
        outcome = send(row.target, row.subject, row.body, event_id=row.idem_key)
        if outcome.error is None:
            outbox.delivered(row.id, worker, now)
        elif outcome.in_doubt:
            outbox.in_doubt(row.id, worker, outcome.error)
        else:
            outbox.failed(row.id, worker, outcome.error, (now or datetime.now(UTC)) + backoff(row.attempts + 1))
        deliveries.append(Delivery(row.id, row.kind, row.session_id, row.subject, redact(row.target),
                                   outcome.error, outcome.in_doubt))
    return deliveries
