"""A per-page parse deadline: the parser checks it between stages and every few hundred lines, so a
page that takes too long ends with a clear error instead of holding a watcher's worker for ever.

Every stage is meant to be linear in the page's size (bench/scaling_bench.py); the deadline is the
backstop for what a future rule gets wrong. It is checked, not enforced by a signal: it works in any
thread, and a stage that never returns to the loop cannot be cut short (none should exist).
"""

from __future__ import annotations

import time

from extractor.errors import ParseError

EVERY = 256  # lines between two looks at the clock


class Deadline:
    def __init__(self, seconds: float | None, location: str) -> None:
        self.seconds = seconds
        self.location = location
        self.ends = None if seconds is None else time.monotonic() + seconds
        self.ticks = 0

    def check(self) -> None:
        """Raise ParseError (exit code 2) once the deadline has passed."""
        if self.ends is not None and time.monotonic() > self.ends:
            raise ParseError(f"{self.location}: parsing took longer than {self.seconds:g} s, the per-page "
                             "deadline (--parse-deadline)")

    def tick(self) -> None:
        """Called once per line: looks at the clock every EVERY lines."""
        self.ticks += 1
        if self.ticks % EVERY == 0:
            self.check()
