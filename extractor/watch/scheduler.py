"""Watch mode: check many pages, each on its own interval, forever or once.

- A bounded thread pool (`workers`) runs checks; at most `max_per_host` checks of one host
  run at a time, and extractor.read.fetch spaces requests to a host by `min_host_delay`, so a
  slow or crowded host never holds every worker.
- Each page is checked again `interval` after its last check ended, give or take `jitter`.
- One failing page never stops the others: every check ends in a PageOutcome.
- SIGINT / SIGTERM: no new checks start, checks in flight finish, then run() returns.
  A second signal exits at once (the store's transactions keep it consistent).

The scheduler (Scheduler) knows nothing of fetching or storing: it is given a function
that checks one page. watch() wires it to monitor.check.attempt with failure memory (monitor.health)
and one store connection per worker thread, guarded so that whatever one check raises, the
watcher goes on.
"""

from __future__ import annotations

import logging
import os
import queue
import random
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from extractor.errors import ConfigError, ExtractorError, InternalError, StoreError, SyncError
from extractor.watch.config import PageConfig, WatchConfig

if TYPE_CHECKING:
    from extractor.monitor.check import CheckResult, CheckStatus
    from extractor.monitor.health import Notice
    from extractor.monitor.store import Store
    from extractor.sync.writer import SyncTarget

log = logging.getLogger(__name__)
POLL_SECONDS = 0.5  # how often the scheduler looks at its stop flag while waiting


@dataclass
class PageOutcome:
    page: PageConfig
    status: CheckStatus
    seconds: float = 0.0
    changes: int = 0
    alerts: int = 0
    delivery_errors: list[str] = field(default_factory=list)
    error: str | None = None
    exit_code: int = 0
    notice: Notice | None = None  # when the page's own alert was due
    sync_error: str | None = None  # the page was checked, but its sync target could not be written

    @property
    def failed(self) -> bool:
        return self.status == "failed"


@dataclass
class WatchSummary:
    pages: int
    checks: int = 0
    failed: int = 0
    changed: int = 0
    alerts: int = 0
    not_checked: int = 0  # --once stopped by a signal before these pages were checked
    seconds: float = 0.0
    stopped_by: str | None = None  # "SIGINT" / "SIGTERM"
    exit_code: int = 0
    statuses: Counter[str] = field(default_factory=Counter)

    def ended(self, began: float, once: bool) -> None:
        self.seconds = time.monotonic() - began
        if self.stopped_by == "SIGINT":
            self.exit_code = 130
        elif self.stopped_by == "SIGTERM":
            # A service being stopped is a normal end; a --once run cut short is not.
            self.exit_code = 143 if once else 0

    def add(self, outcome: PageOutcome) -> None:
        self.checks += 1
        self.statuses[outcome.status] += 1
        self.alerts += outcome.alerts
        if outcome.failed:
            self.failed += 1
            self.exit_code = max(self.exit_code, outcome.exit_code)
        elif outcome.status == "changed":
            self.changed += 1
        if outcome.sync_error:
            self.exit_code = max(self.exit_code, SyncError.exit_code)


class Reporter(Protocol):
    def started(self, pages: int, once: bool) -> None: ...
    def finished(self, outcome: PageOutcome) -> None: ...
    def stopping(self, reason: str) -> None: ...
    def closed(self, summary: WatchSummary) -> None: ...


class Scheduler:
    def __init__(
        self,
        pages: list[PageConfig] | tuple[PageConfig, ...],
        check: Callable[[PageConfig], PageOutcome],
        *,
        workers: int = 8,
        max_per_host: int = 1,
        jitter: float = 0.1,
        once: bool = False,
        on_result: Callable[[PageOutcome], None] = lambda _outcome: None,
        clock: Callable[[], float] = time.monotonic,
        rng: random.Random | None = None,
    ) -> None:
        self.pages = list(pages)
        self.check = check
        self.workers = max(1, workers)
        self.max_per_host = max(1, max_per_host)
        self.jitter = jitter
        self.once = once
        self.on_result = on_result
        self.clock = clock
        self.rng = rng or random.Random()
        self._stop = threading.Event()
        self.not_checked = 0

    def stop(self) -> None:
        """Thread- and signal-safe: start nothing new; run() returns once checks in flight end."""
        self._stop.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def next_due(self, page: PageConfig, now: float) -> float:
        spread = self.jitter * page.interval
        return now + page.interval + self.rng.uniform(-spread, spread)

    def run(self) -> None:
        start = self.clock()
        due: dict[int, float] = {i: start for i in range(len(self.pages))}
        busy: Counter[str] = Counter()
        running = 0
        results: queue.Queue[tuple[int, PageOutcome]] = queue.Queue()

        def run_one(index: int) -> None:
            page = self.pages[index]
            began = time.monotonic()
            try:
                outcome = self.check(page)
            except BaseException as exc:  # the check function is meant never to raise; be sure
                outcome = PageOutcome(page, "failed", error=f"internal error: {type(exc).__name__}: {exc}",
                                      exit_code=1)
            outcome.seconds = outcome.seconds or time.monotonic() - began
            results.put((index, outcome))

        with ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="extractor-watch") as pool:
            while True:
                now = self.clock()
                if not self.stopping:
                    for index in sorted(due, key=lambda i: (due[i], i)):
                        if running >= self.workers or due[index] > now:
                            break
                        host = self.pages[index].host
                        if busy[host] >= self.max_per_host:
                            continue
                        del due[index]
                        busy[host] += 1
                        running += 1
                        pool.submit(run_one, index)
                if running == 0 and (self.stopping or (self.once and not due)):
                    break
                # Sleep until a check ends, the next page falls due, or POLL_SECONDS pass (to see
                # the stop flag). Pages already due but held back (pool full, host busy) wait for
                # a check to end.
                now = self.clock()
                upcoming = [when - now for when in due.values() if when > now and not self.stopping]
                wait = min([POLL_SECONDS, *upcoming])
                try:
                    finished = [results.get(timeout=max(wait, 0.001))]
                except queue.Empty:
                    continue
                while True:
                    try:
                        finished.append(results.get_nowait())
                    except queue.Empty:
                        break
                for index, outcome in finished:
                    running -= 1
                    busy[self.pages[index].host] -= 1
                    if not self.once:
                        due[index] = self.next_due(self.pages[index], self.clock())
                    self.on_result(outcome)
        self.not_checked = len(due) if self.once else 0


def watch(
    config: WatchConfig,
    *,
    store_path: str | Path | None = None,
    once: bool = False,
    reporter: Reporter | None = None,
    workers: int | None = None,
    install_signal_handlers: bool = True,
) -> WatchSummary:
    """Check the configuration's pages (forever, or once each with once=True) and summarise.

    One process: with several watchers on one PostgreSQL store, watch.shared.watch_shared shares the
    pages out instead (what `extractor watch --store postgresql://…` runs)."""
    from extractor.monitor.store import Store

    path = store_path or config.store
    Store.open(path).close()  # fail early, with StoreError, if the store cannot be opened
    checker = PageChecker(config, path)  # opens the sync targets: a bad URL is refused before any check
    reporter = reporter or NullReporter()
    summary = WatchSummary(pages=len(config.pages))
    def on_result(outcome: PageOutcome) -> None:
        summary.add(outcome)
        reporter.finished(outcome)

    scheduler = Scheduler(
        config.pages, checker, workers=workers or config.workers, max_per_host=config.max_per_host,
        jitter=config.jitter, once=once, on_result=on_result,
    )
    began = time.monotonic()
    reporter.started(len(config.pages), once)
    try:
        with _signals(scheduler, summary, reporter, enabled=install_signal_handlers):
            scheduler.run()
    finally:
        checker.close()
    summary.not_checked = scheduler.not_checked
    summary.ended(began, once)
    reporter.closed(summary)
    return summary


class PageChecker:
    """Checks one page with monitor.check and failure memory; one store connection per thread."""

    def __init__(self, config: WatchConfig, store_path: str | Path | None) -> None:
        self.config = config
        self.store_path = store_path
        self._local = threading.local()
        self._stores: list[Store] = []
        self._lock = threading.Lock()
        self.targets: dict[str, SyncTarget] = {}
        wanted = sorted({p.sync for p in config.pages if p.sync})
        if wanted:
            try:
                from extractor.sync.writer import SyncTarget
            except ImportError as exc:
                raise ConfigError(f"{config.path}: key 'sync' needs SQLAlchemy ({exc.name} is missing): "
                                  "pip install 'extractor[postgres]'") from None
            try:
                for url in wanted:
                    self.targets[url] = SyncTarget(url)
            except ExtractorError as exc:
                self.close()
                raise ConfigError(f"{config.path}: key 'sync': {exc}") from None

    def store(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            from extractor.monitor.store import Store

            store = Store.open(self.store_path)
            self._local.store = store
            with self._lock:
                self._stores.append(store)
        return store

    def close(self) -> None:
        with self._lock:
            for store in self._stores:
                try:
                    store.close()
                except Exception:  # closing at exit must not mask the summary
                    log.debug("closing a store failed", exc_info=True)
            self._stores.clear()
            for target in self.targets.values():
                target.close()
            self.targets.clear()

    def __call__(self, page: PageConfig) -> PageOutcome:
        from extractor.monitor.check import attempt
        from extractor.monitor.health import FailureAlerts
        from extractor.options import ParseOptions

        began = time.monotonic()
        try:
            store = self.store()
        except ExtractorError as exc:
            return PageOutcome(page, "failed", error=str(exc), exit_code=exc.exit_code)
        options = ParseOptions(lang=page.lang, default_date=page.date, timezone=page.tz,
                               deadline=self.config.parse_deadline)
        # The page's error and recovery alerts are queued by the check itself, in the outbox.
        failure_alerts = FailureAlerts(page.label, self.config.failure_threshold, page.lang)

        def run() -> CheckResult:
            return attempt(page.url, store=store, page_key=page.key, notify=page.notify,
                           alert_on=set(page.alert_on) if page.alert_on is not None else None,
                           options=options, fetch=self.config.fetch_options(page),
                           failure_alerts=failure_alerts, guard=page.guard, digest=page.digest, name=page.name)

        guarded = guarded_check(run, url=page.url)
        # After the check's own transaction, in the order of the page's checks: the target's `changes`
        # grow snapshot by snapshot. Not after the store's own failure: nothing new was recorded.
        sync_error = self._sync(store, page) if not isinstance(guarded.error, StoreError) else None
        seconds = time.monotonic() - began
        if guarded.error is not None:
            return PageOutcome(page, "failed", seconds, error=str(guarded.error),
                               exit_code=guarded.error.exit_code, notice=guarded.notice,
                               delivery_errors=guarded.delivery_errors, sync_error=sync_error)
        result = guarded.result
        assert result is not None  # no error, so the check returned its result
        return PageOutcome(
            page, result.status, seconds, changes=len(result.changes), alerts=len(result.alerts),
            delivery_errors=guarded.delivery_errors, notice=guarded.notice, sync_error=sync_error,
        )

    def _sync(self, store: Store, page: PageConfig) -> str | None:
        """Sync the page into its target; what went wrong, if anything (the next check's sync catches up)."""
        target = self.targets.get(page.sync) if page.sync else None
        if target is None or not store.has_page(page.key):
            return None
        try:
            target.sync(store, [page.key])
        except ExtractorError as exc:
            return str(exc)
        except Exception as exc:  # a bug while syncing one page must not stop the watcher
            log.info("internal error while syncing %s", page.url, exc_info=exc)
            return f"internal error: {type(exc).__name__}: {exc}"
        return None


@dataclass
class Guarded:
    result: CheckResult | None = None
    error: ExtractorError | None = None
    notice: Notice | None = None  # the page's own alert this check queued
    delivery_errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error is None


def guarded_check(run: Callable[[], CheckResult], *, url: str) -> Guarded:
    """Run one check (monitor.check.attempt, which records the page's failures); never raise.

    What reaches here is the store's trouble or a bug outside the page's check, which is
    reported but not counted against the page.
    """
    try:
        result = run()
    except ExtractorError as exc:
        return Guarded(error=exc)
    except Exception as exc:  # one page's bug must not stop the others
        log.info("internal error while checking %s", url, exc_info=exc)
        return Guarded(error=InternalError(f"internal error while checking {url}: {type(exc).__name__}: {exc}"))
    errors = [f"{d.target}: {d.error}" for d in result.deliveries if not d.ok]
    return Guarded(result, result.error, result.notice, errors)


class Stoppable(Protocol):
    def stop(self) -> None: ...
    @property
    def stopping(self) -> bool: ...


@contextmanager
def _signals(
    scheduler: Stoppable, summary: WatchSummary, reporter: Reporter, *, enabled: bool
) -> Iterator[None]:
    if not enabled or threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, _frame: object) -> None:
        name = signal.Signals(signum).name
        if scheduler.stopping:
            os._exit(130 if signum == signal.SIGINT else 143)  # second signal: stop now
        summary.stopped_by = name
        reporter.stopping(name)
        scheduler.stop()

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


class NullReporter:
    def started(self, pages: int, once: bool) -> None:
        pass

    def finished(self, outcome: PageOutcome) -> None:
        pass

    def stopping(self, reason: str) -> None:
        pass

    def closed(self, summary: WatchSummary) -> None:
        pass
