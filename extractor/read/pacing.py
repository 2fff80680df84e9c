"""Per-host pacing: a minimum delay between the starts of two requests to the same host.

Thread-safe and fair: each caller reserves the next free slot for its host under a lock,
then sleeps outside the lock until that slot, so concurrent callers are spaced out in
the order they arrived and callers for other hosts never wait.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class HostPacer:
    def __init__(
        self,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._clock = clock
        self._sleep = sleep
        self._lock = threading.Lock()
        self._last_start: dict[str, float] = {}

    def wait(self, host: str, delay: float) -> float:
        """Block until a request to `host` may start; return the seconds waited."""
        with self._lock:
            now = self._clock()
            last = self._last_start.get(host)
            start = now if last is None else max(now, last + max(0.0, delay))
            self._last_start[host] = start
        waited = start - now
        if waited > 0:
            self._sleep(waited)
        return waited

    def clear(self) -> None:
        with self._lock:
            self._last_start.clear()
