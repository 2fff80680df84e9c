"""Several `extractor watch` processes on one PostgreSQL store: real processes, real pages on 127.0.0.x,
a real database (tests/pg.py), alerts to a real local endpoint (tests/endpoint.py)."""

from __future__ import annotations

import itertools
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest

from extractor.cli import main
from extractor.monitor.deliver import deliver_pending
from extractor.monitor.outbox import Outbox
from extractor.monitor.status import status
from extractor.monitor.store import Store
from extractor.monitor.targets import resolve
from extractor.read import fetch
from extractor.watch.config import load
from extractor.watch.shared import watch_shared
from tests.endpoint import endpoint
from tests.farm import farm, watch_file
from tests.test_store import P1, P2, add, alert

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _fresh_fetch_state() -> None:
    fetch.reset_state()


def watcher(config: Path, store: str, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "extractor", "watch", str(config), "--store", store, "--progress", "off", "-v", *extra],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "NO_COLOR": "1"})


def run_round(config: Path, store: str, watchers: int) -> list[str]:
    """`watch --once` in this many processes at once; the pages each one took, from its -v log."""
    running = [watcher(config, store, "--once", "--lease", "30s") for _ in range(watchers)]
    took = []
    for process in running:
        _, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
        took.append(err)
    return took


def who_took(logs: list[str]) -> Counter[str]:
    return Counter(m.group(1) for log in logs for m in re.finditer(r"(\S+:\d+) took ", log))


def reset_round(store: str) -> None:
    """As if the pages' interval had passed."""
    with Store.open(store) as opened, opened.transaction() as db:
        db.execute("UPDATE pages SET next_due_at = '' WHERE url IS NOT NULL")


@pytest.mark.parametrize("watchers", [2, 3])
def test_watchers_check_each_page_once_per_round_and_send_each_alert_once(
        watchers: int, pg_store_url: str, tmp_path: Path) -> None:
    with farm(3) as site, endpoint() as hook:
        urls = site.urls(4)
        config = watch_file(tmp_path / "watch.toml", urls, notify=hook.url, workers=2)
        # The first snapshots, taken here by one in-process watcher: the processes' round is the second.
        first = watch_shared(load(config), pg_store_url, once=True, install_signal_handlers=False)
        assert (first.checks, first.exit_code) == (len(urls), 0)
        site.version = 1  # every page confirms two rooms
        # The first answers wait until more requests are in flight than one watcher's two workers
        # can make: then each watcher has taken pages.
        site.gate = 2 * (watchers - 1) + 1
        reset_round(pg_store_url)
        logs = run_round(config, pg_store_url, watchers)
        assert len(who_took(logs)) == watchers and site.release.is_set()  # the work was shared
        assert site.hits() == Counter(dict.fromkeys(urls, 2))
        with Store.open(pg_store_url) as store:
            assert {len(store.snapshots(u)) for u in urls} == {2}
            rows = Outbox(store).rows()
            now = status(store)
        assert len(rows) == 2 * len(urls) and all(r.delivered_at for r in rows)
        received = Counter(m["event_id"] for m in hook.received)
        assert len(received) == len(rows) and set(received.values()) == {1}
        assert (now.watched, now.due, now.leased, now.failing, now.outbox_queued) == (len(urls), 0, 0, 0, 0)


def test_pages_held_by_a_killed_watcher_are_checked_by_another_after_the_lease(
        pg_store_url: str, tmp_path: Path) -> None:
    with farm(1) as site:
        urls = site.urls(5)
        site.stall = {"/p0", "/p1"}
        config = watch_file(tmp_path / "watch.toml", urls, workers=2, max_per_host=5)
        doomed = watcher(config, pg_store_url, "--once", "--lease", "1s")
        deadline = time.monotonic() + 20
        while sum(site.hits().values()) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
        held = {u for u in urls if site.hits()[u]}
        assert len(held) == 2
        doomed.send_signal(signal.SIGKILL)
        doomed.communicate(timeout=10)
        with Store.open(pg_store_url) as store:
            assert status(store).leased == 2
        site.release.set()
        site.stall = set()
        [log] = run_round(config, pg_store_url, 1)
        assert site.hits() == Counter({u: 2 if u in held else 1 for u in urls})
        for url in held:  # taken again only when the lease ran out: 1 s after it was taken, before the request
            first, again = sorted(t for h, p, t in site.log if f"http://{h}{p}" == url)
            assert again - first >= 0.8, (url, again - first)
        assert "took" in log
        with Store.open(pg_store_url) as store:
            assert {len(store.snapshots(u)) for u in urls} == {1}
            assert (status(store).leased, status(store).due) == (0, 0)


def test_a_long_running_watcher_checks_pages_again_and_stops_on_sigterm(pg_store_url: str, tmp_path: Path) -> None:
    with farm(1) as site:
        urls = site.urls(2)
        process = watcher(watch_file(tmp_path / "watch.toml", urls, interval="1s"), pg_store_url)
        deadline = time.monotonic() + 20
        while min(site.hits()[u] for u in urls) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=20)
        assert process.returncode == 0, err
        assert min(site.hits()[u] for u in urls) >= 2
    with Store.open(pg_store_url) as store:
        assert status(store).leased == 0  # the checks in flight finished and were released


def test_requests_to_one_host_are_never_closer_than_the_delay_across_watchers(
        pg_store_url: str, tmp_path: Path) -> None:
    with farm(1) as site:
        urls = site.urls(5)
        config = watch_file(tmp_path / "watch.toml", urls, min_host_delay=0.2, max_per_host=1, workers=3)
        run_round(config, pg_store_url, 2)
        starts = site.starts(urls[0].split("/")[2])
        assert len(starts) == 5
        gaps = [b - a for a, b in itertools.pairwise(starts)]
        assert min(gaps) >= 0.2, gaps


def test_two_senders_deliver_each_alert_once_through_a_failing_then_recovering_receiver(pg_store_url: str) -> None:
    with endpoint() as hook:
        with Store.open(pg_store_url) as store:
            targets = resolve([hook.url], store.key)  # every connection to the store hashes alike
            [target] = targets
            add(store, b"one", P1, [replace(alert(f"k{i}"), target_hash=target.hash) for i in range(10)])
            add(store, b"two", P2, [replace(alert(f"k{i}"), target_hash=target.hash) for i in range(10, 20)])
        stores = [Store.open(pg_store_url) for _ in range(2)]
        fixed = [Store.open(pg_store_url) for _ in range(2)]
        try:
            for stores_now, down in ((stores, True), (fixed, False)):
                hook.down = down
                threads = [threading.Thread(target=deliver_pending, args=(s, targets),
                                            kwargs={"ignore_backoff": True}) for s in stores_now]
                for thread in threads:
                    thread.start()
                for thread in threads:
                    thread.join(60)
                if down:
                    assert hook.received == [] and all(r.attempts >= 1 for r in Outbox(stores[0]).rows())
        finally:
            for s in stores + fixed:
                s.close()
        titles = Counter(m["title"] for m in hook.received)
        with Store.open(pg_store_url) as store:
            rows = Outbox(store).rows()
        assert all(r.delivered_at for r in rows) and len(rows) == 20
        assert sum(titles.values()) == 20  # each once, though two senders tried each row


def test_pages_add_remove_and_status_on_the_command_line(
        pg_store_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for store in (pg_store_url, str(tmp_path / "s.sqlite")):
        assert main(["pages", "add", "https://example.org/prog", "--name", "Prog", "--interval", "30m",
                     "--store", store]) == 0
        assert main(["pages", "add", "https://example.org/other", "--store", store]) == 0
        assert main(["pages", "remove", "https://example.org/other", "--store", store]) == 0
        assert main(["pages", "remove", "https://example.org/other", "--store", store]) == 1
        assert main(["pages", "add", "not a url", "--store", store]) == 2
        capsys.readouterr()
        assert main(["status", "--store", store]) == 0
        out = capsys.readouterr().out
        assert "pages: 2 known, 1 watched: 1 due, 0 leased" in out and "https://example.org: 1 due" in out
        assert "outbox: 0 queued, 0 being sent, 0 in doubt" in out
        assert main(["pages", "--store", store]) == 0
        assert "[Prog]" in capsys.readouterr().out
        assert main(["status", "--store", store, "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["hosts"][0]["host"] == "https://example.org"


def test_a_watch_file_may_name_a_postgresql_store(tmp_path: Path) -> None:
    from extractor.watch.config import parse

    url = "postgresql://watch@db.example/extractor"
    config = parse(f'store = "{url}"\nlease = "2m"\n[[page]]\nurl = "https://example.org/p"\n', tmp_path / "w.toml")
    assert (config.store, config.lease) == (url, 120)
    assert parse('store = "s.sqlite"\n[[page]]\nurl = "https://example.org/p"\n', tmp_path / "w.toml").store == (
        tmp_path / "s.sqlite")
