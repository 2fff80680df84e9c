"""The scheduler alone, given plain check functions: once, bounds, per-host limit, isolation, stop."""

from __future__ import annotations

import random
import threading
import time
from collections import Counter

from extractor.watch.config import PageConfig
from extractor.watch.scheduler import PageOutcome, Scheduler


def pages(*urls: str, interval: float = 3600) -> list[PageConfig]:
    return [PageConfig(url=u, key=u, interval=interval, index=i) for i, u in enumerate(urls, start=1)]


class Recorder:
    """A check function that records concurrency; `hold` keeps each check busy for a moment."""

    def __init__(self, hold: float = 0.0, fail: set[str] | None = None) -> None:
        self.hold = hold
        self.fail = fail or set()
        self.lock = threading.Lock()
        self.running: Counter[str] = Counter()
        self.max_total = 0
        self.max_per_host: Counter[str] = Counter()
        self.calls: list[str] = []

    def __call__(self, page: PageConfig) -> PageOutcome:
        with self.lock:
            self.calls.append(page.url)
            self.running[page.host] += 1
            self.max_total = max(self.max_total, sum(self.running.values()))
            self.max_per_host[page.host] = max(self.max_per_host[page.host], self.running[page.host])
        try:
            time.sleep(self.hold)
            if page.url in self.fail:
                raise RuntimeError("parser bug")
            return PageOutcome(page, "unchanged")
        finally:
            with self.lock:
                self.running[page.host] -= 1


def test_once_checks_every_page_exactly_once() -> None:
    urls = [f"http://h{i % 3}.example/p{i}" for i in range(12)]
    recorder = Recorder()
    results: list[PageOutcome] = []
    Scheduler(pages(*urls), recorder, workers=4, max_per_host=5, once=True, on_result=results.append).run()
    assert sorted(recorder.calls) == sorted(urls)
    assert sorted(o.page.url for o in results) == sorted(urls)


def test_pool_is_bounded_and_hosts_are_not_crowded() -> None:
    urls = [f"http://h{i % 4}.example/p{i}" for i in range(16)]
    recorder = Recorder(hold=0.05)
    Scheduler(pages(*urls), recorder, workers=3, max_per_host=1, once=True).run()
    assert len(recorder.calls) == 16
    assert recorder.max_total <= 3
    assert max(recorder.max_per_host.values()) == 1
    assert recorder.max_total > 1  # different hosts did run side by side


def test_one_host_limit_can_be_raised() -> None:
    urls = [f"http://same.example/p{i}" for i in range(8)]
    recorder = Recorder(hold=0.05)
    Scheduler(pages(*urls), recorder, workers=4, max_per_host=4, once=True).run()
    assert 1 < recorder.max_per_host["http://same.example"] <= 4


def test_a_failing_page_does_not_stop_the_others() -> None:
    urls = ["http://a.example/1", "http://b.example/2", "http://c.example/3"]
    results: list[PageOutcome] = []
    recorder = Recorder(fail={"http://b.example/2"})
    Scheduler(pages(*urls), recorder, workers=2, once=True, on_result=results.append).run()
    by_url = {o.page.url: o for o in results}
    assert by_url["http://b.example/2"].failed
    assert "internal error: RuntimeError: parser bug" in (by_url["http://b.example/2"].error or "")
    assert by_url["http://a.example/1"].status == by_url["http://c.example/3"].status == "unchanged"


def test_forever_rechecks_on_the_interval_until_stopped() -> None:
    recorder = Recorder()
    results: list[PageOutcome] = []
    scheduler = Scheduler(pages("http://a.example/1", "http://b.example/2", interval=0.05), recorder,
                          workers=2, jitter=0.0, on_result=results.append)

    def stop_after_some_rounds(outcome: PageOutcome) -> None:
        results.append(outcome)
        if len(results) >= 8:
            scheduler.stop()

    scheduler.on_result = stop_after_some_rounds
    runner = threading.Thread(target=scheduler.run)
    runner.start()
    runner.join(timeout=30)
    assert not runner.is_alive()
    counts = Counter(o.page.url for o in results)
    assert counts["http://a.example/1"] >= 3 and counts["http://b.example/2"] >= 3


def test_stop_lets_checks_in_flight_finish_and_starts_nothing_new() -> None:
    started = threading.Event()
    release = threading.Event()
    results: list[PageOutcome] = []

    def slow(page: PageConfig) -> PageOutcome:
        started.set()
        release.wait(10)
        return PageOutcome(page, "changed")

    urls = [f"http://h.example/{i}" for i in range(5)]
    scheduler = Scheduler(pages(*urls), slow, workers=1, once=True, on_result=results.append)
    runner = threading.Thread(target=scheduler.run)
    runner.start()
    assert started.wait(10)
    scheduler.stop()
    release.set()
    runner.join(timeout=30)
    assert not runner.is_alive()
    assert [o.status for o in results] == ["changed"]  # the one in flight finished and was reported
    assert scheduler.not_checked == 4


def test_next_check_is_interval_give_or_take_jitter() -> None:
    scheduler = Scheduler(pages("http://a.example/"), Recorder(), jitter=0.1, rng=random.Random(4))
    page = scheduler.pages[0]
    dues = [scheduler.next_due(page, 1000.0) - 1000.0 for _ in range(200)]
    assert all(3240 <= d <= 3960 for d in dues)
    assert max(dues) - min(dues) > 300  # spread out, not all at once
