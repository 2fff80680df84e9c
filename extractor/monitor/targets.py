"""Notification targets, kept out of the store: the URL stays where the user wrote it, the store keeps a label.

Notification URLs carry credentials (a Slack token, a mail password), and a store is the kind of
file people publish (Datasette serves every table). So the outbox never holds a URL: each row
names its target by a keyed hash (HMAC-SHA256), which lets two processes agree that a row is
theirs to send without either storing the URL, and by a redacted label for people. The URL
itself comes from the command line (`--notify`) or the watch file each time something is sent.

The key is a random secret in a file next to the store (`STORE.key`, owner-only), created on first
use. Not in the store itself: a published store would publish its key, and a hash of a guessable
URL could then be checked offline. Not derived from the configuration: `check --notify` has none.
Losing the key file only means that waiting alerts cannot be matched to their URLs any more (drop
them with `alerts --drop`); nothing stored is lost.

Outputs and the store name a target by its scheme and host only (`redacted`), and Apprise's and
urllib3's log lines mask every piece of the URLs in use (`private_logs`), whatever their level.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import re
import secrets
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from extractor.errors import ConfigError, StoreError

# Plain webhooks are posted JSON through Apprise's json:// and jsons:// plugins.
WEBHOOK_SCHEMES = {"http": "json", "https": "jsons"}
JSON_SCHEMES = frozenset({"json", "jsons"})


@dataclass(frozen=True)
class Target:
    url: str  # as the user wrote it; never stored
    hash: str  # keyed: what the outbox stores
    label: str  # redacted: what outputs show

    @property
    def structured(self) -> bool:
        return structured(self.url)


def scheme(url: str) -> str:
    return url.split("://", 1)[0].lower() if "://" in url else ""


def structured(url: str) -> bool:
    """A machine endpoint: it gets the alert's data as JSON beside its wording."""
    return scheme(url) in JSON_SCHEMES | set(WEBHOOK_SCHEMES)


def apprise_url(url: str) -> str:
    """The URL Apprise is given: a plain http(s):// webhook goes through its JSON plugin."""
    found = scheme(url)
    return WEBHOOK_SCHEMES[found] + url[len(found):] if found in WEBHOOK_SCHEMES else url


_HOSTNAME = re.compile(r"^(?:localhost|[\w-]+(?:\.[\w-]+)+|\[[0-9a-fA-F:.]+\])$")
_PORT = re.compile(r":\d*$")


def _host_of(netloc: str) -> str:
    """`host:port` or `[::1]:port` without the port."""
    return _PORT.sub("", netloc) if not netloc.endswith("]") else netloc


def redacted(url: str) -> str:
    """The URL as outputs and the store show it; the one redaction helper of this package.

    The scheme and the host, nothing after them: `json://hooks.example.org/…`. Paths, topics,
    tokens, users and passwords are all credentials for some service (a webhook's path is often
    its secret: https://hooks.example/services/T0/B0/XXXX); a "host" that is no host name
    (`slack://T0/B0/x`, `ntfys://topic`, `tgram://bot:token/chat`) is one too.
    """
    found, sep, rest = url.partition("://")
    if not sep:
        return "…"
    netloc = rest.split("/", 1)[0].split("?", 1)[0].rpartition("@")[2]
    host = netloc if _HOSTNAME.match(_host_of(netloc)) else ""
    shown = f"{found}://{host}" if host else f"{found}://…"
    return shown + ("/…" if host and len(rest) > len(netloc) else "")


def resolve(urls: Iterable[str], key: bytes) -> list[Target]:
    """Targets for these URLs (each once), refused before anything is stored if one cannot be sent to."""
    urls = check_urls(dict.fromkeys(urls))
    return [Target(u, target_hash(key, u), redacted(u)) for u in urls]


def check_urls(urls: Iterable[str]) -> list[str]:
    """The URLs, if Apprise can load each; else one line naming those it cannot (their scheme only:
    the rest may be a secret). Apprise's own log lines about them are kept quiet."""
    import apprise

    urls = list(urls)
    with quiet_apprise(urls):
        bad = [u for u in urls if apprise.Apprise.instantiate(apprise_url(u)) is None]
    if bad:
        known = _apprise_schemes() | set(WEBHOOK_SCHEMES)
        unknown = [f"{scheme(u) or '?'}://…" for u in bad if scheme(u) not in known]
        # A scheme Apprise knows, but not the rest of the URL: "use slack://" would not help.
        wrong = [f"{scheme(u)}://…" for u in bad if scheme(u) in known]
        problems = ([f"not a notification URL extractor can send to: {', '.join(unknown)} (use an Apprise URL "
                     "such as mailto://, slack://, ntfys://, json://, or an http(s):// webhook)"] if unknown else [])
        problems += [f"an incomplete or malformed notification URL: {', '.join(wrong)} (Apprise's page for "
                     "the service says what its URL holds)"] if wrong else []
        raise ConfigError("; ".join(problems))
    return urls


def _apprise_schemes() -> set[str]:
    import apprise

    schemes: set[str] = set()
    for plugin in apprise.Apprise().details()["schemas"]:
        for key in ("protocols", "secure_protocols"):
            found = plugin.get(key) or []
            schemes.update([found] if isinstance(found, str) else found)
    return {s.lower() for s in schemes}


def target_hash(key: bytes, url: str) -> str:
    return "hmac-sha256:" + hmac.new(key, url.encode(), hashlib.sha256).hexdigest()


def key_path(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + ".key")


def load_key(store_path: Path) -> bytes:
    """The store's target key, created (owner-only) the first time it is needed."""
    path = key_path(store_path)
    if not path.exists():
        _create_key(path)
    try:
        return bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (OSError, ValueError) as exc:
        raise StoreError(f"cannot read the target key {path}: {exc}") from None


def _create_key(path: Path) -> None:
    # Written whole under a private name, then linked into place: another process sees no key or
    # the whole key, and of two processes creating it at once, one wins and both use its key.
    draft = path.with_name(f"{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    try:
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as out:
            out.write(secrets.token_hex(32) + "\n")
        with suppress(FileExistsError):
            os.link(draft, path)
    except OSError as exc:
        raise StoreError(f"cannot create the target key {path}: {exc.strerror or exc}") from None
    finally:
        draft.unlink(missing_ok=True)


# -- Apprise's log lines, with the URLs in use masked --------------------------------------------
# Apprise's privacy mode (AppriseAsset(secure_logging=True), given by monitor.deliver) masks what its
# plugins know to be secret; this filter masks every other piece of the URLs in use as well.

_secrets: set[str] = set()
_level_lock = threading.Lock()
_sending = 0
_shown_level = logging.WARNING  # what the apprise logger let through before a send lowered it
_own_level = logging.NOTSET  # the level the apprise logger had of its own, restored after
_quiet = threading.local()  # this thread is only loading URLs: none of Apprise's lines go up


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


def masked(text: str) -> str:
    """`text` with every piece of the notification URLs in use replaced by `…`."""
    for secret in sorted(_secrets, key=len, reverse=True):
        if secret in text:
            text = text.replace(secret, "…")
    return text


class _Masking(logging.Filter):
    """On the apprise and urllib3 loggers: every piece of the notification URLs in use, masked."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg, record.args = masked(record.getMessage()), ()
        return True


class _Propagate(logging.Handler):
    """Apprise's records go up to the application's handlers through here rather than by propagation:
    while a send has lowered the logger to DEBUG (for Apprise's capture of the call's lines), only
    what a verbose application asked for before goes up; while a thread only loads URLs, nothing does."""

    def emit(self, record: logging.LogRecord) -> None:
        # While sending, its failures are said once, by the delivery's outcome (check, alerts, watch):
        # Apprise's own lines go up only to an application that asked for more (-v).
        verbose = _shown_level <= logging.INFO
        if getattr(_quiet, "on", False) or (_sending and (record.levelno < _shown_level or not verbose)):
            return
        logger: logging.Logger | None = logging.getLogger("apprise").parent
        while logger is not None:
            for handler in logger.handlers:
                if record.levelno >= handler.level:
                    handler.handle(record)
            logger = logger.parent if logger.propagate else None


_MASKING = _Masking()


def _install(urls: Iterable[str]) -> logging.Logger:
    for url in urls:
        _secrets.update(_secret_parts(url))
    apprise_log = logging.getLogger("apprise")
    if _MASKING not in apprise_log.filters:
        apprise_log.addFilter(_MASKING)
        logging.getLogger("urllib3.connectionpool").addFilter(_MASKING)  # its DEBUG lines name the path
        apprise_log.addHandler(_Propagate())
        apprise_log.propagate = False
    return apprise_log


@contextmanager
def private_logs(urls: Iterable[str]) -> Iterator[None]:
    """While Apprise sends to these URLs: its lines mask them, and it logs at DEBUG for its capture of
    the call (a read timeout is only said there) without the application seeing more than it did."""
    global _sending, _shown_level, _own_level
    apprise_log = _install(urls)
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


@contextmanager
def quiet_apprise(urls: Iterable[str]) -> Iterator[None]:
    """None of Apprise's lines from this thread while it loads these URLs (masked all the same, for
    handlers put on its own logger): a URL it cannot load is said once, by us."""
    _install(urls)
    _quiet.on = True
    try:
        yield
    finally:
        _quiet.on = False
