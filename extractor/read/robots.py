"""robots.txt policy per host (RFC 9309), parsed with protego and cached.

No network code here: the cache is given a loader (extractor.read.fetch supplies one that
goes through the same session, pacing and retries as page requests).

- 2xx: the file's rules apply (to our product token, e.g. "extractor").
- other 4xx (none there, forbidden, ...): everything is allowed.
- 5xx (or 429) after retries: the site is "unreachable", so everything is disallowed for a
  short while (RFC 9309 §2.3.1.4); the message says so.
Parsed files are kept for 24 hours, an unreachable verdict for 10 minutes.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from protego import Protego

ROBOTS_TTL = 24 * 3600.0
UNREACHABLE_TTL = 600.0
MAX_ROBOTS_BYTES = 512 * 1024  # RFC 9309 asks crawlers to parse at least 500 KiB


@dataclass(frozen=True)
class RobotsResponse:
    status: int
    body: bytes


@dataclass(frozen=True)
class RobotsPolicy:
    rules: Protego | None  # None when everything is allowed
    unreachable_status: int | None = None  # set when robots.txt answered 5xx: disallow all

    def allows(self, url: str, agent: str) -> bool:
        if self.unreachable_status is not None:
            return False
        if self.rules is None:
            return True
        return bool(self.rules.can_fetch(url, agent))

    def crawl_delay(self, agent: str) -> float | None:
        if self.rules is None:
            return None
        delay = self.rules.crawl_delay(agent)
        return float(delay) if delay is not None else None


def policy_from_response(response: RobotsResponse) -> RobotsPolicy:
    if 200 <= response.status < 300:
        from protego import Protego

        text = response.body[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace")
        return RobotsPolicy(rules=Protego.parse(text))
    if response.status >= 500 or response.status == 429:  # 429 too: the server is not serving it
        return RobotsPolicy(rules=None, unreachable_status=response.status)
    return RobotsPolicy(rules=None)


def robots_url(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}/robots.txt"


def product_token(user_agent: str) -> str:
    """The name robots.txt groups are matched against: 'extractor' in 'extractor/0.1 (+url)'."""
    head = user_agent.strip().split()[0] if user_agent.strip() else "*"
    return head.split("/")[0] or "*"


class RobotsCache:
    """Thread-safe cache of RobotsPolicy per scheme://host:port; one load per host at a time."""

    def __init__(self, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._host_locks: dict[str, threading.Lock] = {}
        self._entries: dict[str, tuple[float, RobotsPolicy]] = {}

    def policy(self, url: str, load: Callable[[str], RobotsResponse]) -> RobotsPolicy:
        key = robots_url(url)
        with self._lock:
            host_lock = self._host_locks.setdefault(key, threading.Lock())
        with host_lock:
            cached = self._entries.get(key)
            if cached is not None and cached[0] > self._clock():
                return cached[1]
            policy = policy_from_response(load(key))
            ttl = UNREACHABLE_TTL if policy.unreachable_status is not None else ROBOTS_TTL
            self._entries[key] = (self._clock() + ttl, policy)
            return policy

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
