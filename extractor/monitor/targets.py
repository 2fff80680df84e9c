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
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

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
        """A machine endpoint: it gets the alert's data as JSON beside its wording."""
        return scheme(self.url) in JSON_SCHEMES | set(WEBHOOK_SCHEMES)


def scheme(url: str) -> str:
    return url.split("://", 1)[0].lower() if "://" in url else ""


def apprise_url(url: str) -> str:
    """The URL Apprise is given: a plain http(s):// webhook goes through its JSON plugin."""
    found = scheme(url)
    return WEBHOOK_SCHEMES[found] + url[len(found):] if found in WEBHOOK_SCHEMES else url


def redacted(url: str) -> str:
    """The URL as outputs and the store show it; the one redaction helper of this package.

    A webhook's path is often its secret (https://hooks.example/services/T0/B0/XXXX): for json://,
    jsons:// and http(s):// only the scheme, host and port remain. Other Apprise URLs take
    Apprise's privacy form (its plugins know where their secrets are), without the query.
    """
    import apprise

    found = scheme(url)
    parts = urlsplit(url)
    if found in JSON_SCHEMES | set(WEBHOOK_SCHEMES) or not found:
        try:
            host = parts.hostname or ""
            port = f":{parts.port}" if parts.port else ""
        except ValueError:  # a port that is not a number
            host, port = "", ""
        return f"{found}://{host}{port}/…" if found else "…"
    with _quiet_apprise():
        plugin = apprise.Apprise.instantiate(url)
    if plugin is None:
        return f"{found}://…"
    return str(plugin.url(privacy=True)).split("?", 1)[0]


def resolve(urls: Iterable[str], key: bytes) -> list[Target]:
    """Targets for these URLs (each once), refused before anything is stored if one cannot be sent to."""
    urls = check_urls(dict.fromkeys(urls))
    return [Target(u, target_hash(key, u), redacted(u)) for u in urls]


def check_urls(urls: Iterable[str]) -> list[str]:
    """The URLs, if Apprise can load each; else one line naming those it cannot (their scheme only:
    the rest may be a secret). Apprise's own log lines about them are kept quiet."""
    import apprise

    urls = list(urls)
    with _quiet_apprise():
        bad = [u for u in urls if apprise.Apprise.instantiate(apprise_url(u)) is None]
    if bad:
        shown = ", ".join(f"{scheme(u) or '?'}://…" for u in bad)
        raise ConfigError(f"not a notification URL extractor can send to: {shown} (use an Apprise URL such as "
                          "mailto://, slack://, ntfys://, json://, or an http(s):// webhook)")
    return urls


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


@contextmanager
def _quiet_apprise() -> Iterator[None]:
    logger = logging.getLogger("apprise")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)
