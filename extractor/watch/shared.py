"""Watch on a PostgreSQL store: several watcher processes, on one machine or many, share the pages.

The pages are the store's (monitor.leases): the watch file's are registered when a watcher
starts, and `extractor pages add` registers more. Each watcher leases due pages for as many
workers as it has free, checks them like the one-process scheduler (scheduler.PageChecker), and
releases each one when its check ends: due again one interval (± jitter) later. A watcher that
dies leaves its leases to run out (`lease`, in the watch file or --lease): the pages are then due
for any other. Politeness (min_host_delay, max_per_host) is counted in the store, across watchers.

`--once` is one round: the pages due when the watcher started, each checked once by whichever
watcher leased it; the watcher returns when none of them is left, waiting for those others hold.
A page a watch file does not list (added with `pages add`) is checked with the default settings.
"""

from __future__ import annotations

import logging
import os
import random
import socket
import threading
import time
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import replace

from extractor.errors import StoreError
from extractor.monitor.leases import Lease, Registration, lease, register, release, round_left, store_time, watched
from extractor.monitor.store import Store
from extractor.watch.config import PageConfig, WatchConfig
from extractor.watch.scheduler import NullReporter, PageChecker, PageOutcome, Reporter, WatchSummary, _signals

log = logging.getLogger(__name__)
POLL_SECONDS = 0.2  # how often a watcher with checks running, or finishing a round, asks for due pages
IDLE_SECONDS = 1.0  # and a watcher with nothing to do: intervals are 1 s at least, and jittered anyway


class SharedWatcher:
    def __init__(self, config: WatchConfig, *, once: bool, workers: int, lease_seconds: float,
                 worker_id: str | None = None) -> None:
        self.config = config
        self.once = once
        self.workers = max(1, workers)
        self.lease_seconds = lease_seconds
        self.worker_id = worker_id or f"{socket.gethostname()}:{os.getpid()}"
        self.by_key = {p.key: p for p in config.pages}
        self.rng = random.Random()
        self._stop = threading.Event()

    def stop(self) -> None:
        self._stop.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def page(self, held: Lease) -> PageConfig:
        known = self.by_key.get(held.key)
        if known is not None:
            return replace(known, url=held.url, interval=held.interval)
        return PageConfig(url=held.url, key=held.key, name=held.name, interval=held.interval)

    def run(self, store: Store, checker: PageChecker, on_result: Reporter) -> int:
        """Lease, check, release until stopped (or the round is done); returns the round's pages left."""
        due_by = store_time(store) if self.once else None
        fetch = self.config.fetch
        running: dict[Future[PageOutcome], Lease] = {}
        with ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="extractor-watch") as pool:
            while True:
                if not self.stopping and len(running) < self.workers:
                    try:
                        taken = lease(store, self.worker_id, limit=self.workers - len(running),
                                      seconds=self.lease_seconds, delay=fetch.min_host_delay,
                                      max_per_host=self.config.max_per_host, due_by=due_by)
                    except StoreError as exc:  # a lock timeout, a failover: try again, the leases keep
                        log.warning("%s: cannot lease pages: %s", self.worker_id, exc)
                        taken = []
                    for held in taken:
                        log.info("%s took %s (lease until %s)", self.worker_id, held.key, held.until)
                        running[pool.submit(checker, self.page(held))] = held
                if not running and (self.stopping or (self.once and self._round_done(store, due_by))):
                    break
                if not running:
                    time.sleep(POLL_SECONDS if self.once else IDLE_SECONDS)
                    continue
                done, _ = wait(running, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
                for future in done:
                    held = running.pop(future)
                    self._release(store, held)
                    on_result.finished(future.result())
        return round_left(store, due_by) if self.once and due_by else 0

    def _round_done(self, store: Store, due_by: str | None) -> bool:
        return due_by is not None and round_left(store, due_by) == 0

    def _release(self, store: Store, held: Lease) -> None:
        spread = self.config.jitter * held.interval
        try:
            if not release(store, held, next_in=held.interval + self.rng.uniform(-spread, spread),
                           delay=self.config.fetch.min_host_delay):
                log.warning("%s: the lease on %s ran out before its check ended", self.worker_id, held.key)
        except StoreError as exc:  # the lease runs out, and another watcher checks the page again
            log.warning("%s: cannot release %s: %s", self.worker_id, held.key, exc)


def watch_shared(config: WatchConfig, store_url: str, *, once: bool = False, reporter: Reporter | None = None,
                 workers: int | None = None, lease_seconds: float | None = None,
                 install_signal_handlers: bool = True) -> WatchSummary:
    """Register the file's pages in the store, then check the store's due pages with the other watchers."""
    reporter = reporter or NullReporter()
    watcher = SharedWatcher(config, once=once, workers=workers or config.workers,
                            lease_seconds=lease_seconds or config.lease)
    with Store.open(store_url) as store:
        register(store, [Registration(p.key, p.url, p.name, p.interval) for p in config.pages])
        summary = WatchSummary(pages=watched(store))
        checker = PageChecker(config, store_url)

        class Forward(NullReporter):
            def finished(self, outcome: PageOutcome) -> None:
                summary.add(outcome)
                assert reporter is not None
                reporter.finished(outcome)

        began = time.monotonic()
        log.info("%s: watching %s pages with %s workers", watcher.worker_id, summary.pages, watcher.workers)
        reporter.started(summary.pages, once)
        try:
            with _signals(watcher, summary, reporter, enabled=install_signal_handlers):
                summary.not_checked = watcher.run(store, checker, Forward())
        finally:
            checker.close()
    summary.ended(began, once)
    reporter.closed(summary)
    return summary
