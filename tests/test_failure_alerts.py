"""A failing page's error and recovery alerts go through the outbox: once each, whatever happens.

Real store files, a real json:// endpoint on 127.0.0.1 (tests/endpoint.py), real processes.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from extractor.cli import main
from extractor.monitor.check import CheckResult, attempt
from extractor.monitor.health import FailureAlerts
from extractor.monitor.outbox import Outbox
from extractor.monitor.store import Store
from extractor.read.options import FetchOptions
from tests.conftest import ROOT, SAMPLES
from tests.endpoint import Endpoint, endpoint

GOOD = SAMPLES / "series" / "01-initial.txt"
ENV = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT)}
T0 = datetime(2025, 11, 1, 12, 0, tzinfo=UTC)
FAILING, BACK = "Page failing: Colloque", "Page back: Colloque"


def run(store: Store, page: Path, ep: Endpoint, now: datetime | None = None, *, threshold: int = 3,
        two_targets: bool = False) -> CheckResult:
    """One watch-like check of `page` (missing: it fails), threshold 3, English wording."""
    return attempt(str(page), store=store, page_key="page", notify=targets(ep) if two_targets else [ep.url],
                   now=now, failure_alerts=FailureAlerts("Colloque", threshold, "en"))


def targets(ep: Endpoint) -> list[str]:
    return [ep.url, ep.url.replace("/hook", "/other")]


def test_n_minus_1_failures_send_nothing_the_nth_one_alert_then_only_the_recovery(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    with endpoint() as ep, Store.open(tmp_path / "s.sqlite") as store:
        first_two = [run(store, page, ep) for _ in range(2)]
        assert [(r.status, r.failures, r.notice) for r in first_two] == [("failed", 1, None), ("failed", 2, None)]
        assert ep.received == [] and Outbox(store).rows() == []
        third = run(store, page, ep)
        assert (third.failures, third.notice, [d.ok for d in third.deliveries]) == (3, "failing", [True])
        assert ep.titles() == Counter({FAILING: 1})
        assert "Last error: no such file: " in ep.received[0]["message"]
        assert [run(store, page, ep).notice for _ in range(3)] == [None] * 3
        assert ep.titles() == Counter({FAILING: 1})
        shutil.copy(GOOD, page)
        assert [run(store, page, ep).notice for _ in range(3)] == ["recovered", None, None]
        assert ep.titles() == Counter({FAILING: 1, BACK: 1})
        assert "after 6 failed checks" in ep.received[1]["message"]


def test_the_error_alert_is_queued_by_the_failure_reaching_the_threshold_only(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    with endpoint() as ep, Store.open(tmp_path / "s.sqlite") as store:
        results = [run(store, page, ep, two_targets=True) for _ in range(5)]
        assert [(r.failures, r.notice) for r in results] == [
            (1, None), (2, None), (3, "failing"), (4, None), (5, None)]
        rows = Outbox(store).rows()
        assert [(r.kind, r.target_label, r.subject, r.session_id) for r in rows] == [
            ("failing", f"json://127.0.0.1:{ep.server.server_port}/…", FAILING, "") for _target in targets(ep)]
        assert store.db.execute("SELECT count(*) FROM outbox WHERE snapshot_id IS NULL").fetchone()[0] == 2
        off = attempt(str(page), store=store, page_key="other", notify=targets(ep),
                      failure_alerts=FailureAlerts("Colloque", 0, "en"))
        assert (off.failures, off.notice, len(Outbox(store).rows())) == (1, None, 2)


def test_the_recovery_alert_is_queued_with_the_success_ending_a_long_enough_streak(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    with endpoint() as ep, Store.open(tmp_path / "s.sqlite") as store:
        shutil.copy(GOOD, page)
        run(store, page, ep, two_targets=True)
        page.unlink()
        for _ in range(2):
            run(store, page, ep, two_targets=True)
        shutil.copy(GOOD, page)
        assert run(store, page, ep, two_targets=True).notice is None
        assert Outbox(store).rows() == []  # 2 failures: no error alert, so no recovery
        page.unlink()
        for _ in range(4):
            run(store, page, ep, two_targets=True)
        shutil.copy(SAMPLES / "series" / "02-rooms-confirmed.txt", page)
        recorded = run(store, page, ep, two_targets=True)
        again = run(store, page, ep, two_targets=True)
        assert (recorded.status, recorded.notice, again.notice) == ("changed", "recovered", None)
        rows = [r for r in Outbox(store).rows() if r.kind == "recovered"]
        assert {r.subject for r in rows} == {BACK} and len(rows) == 2
        assert all("after 4 failed checks" in r.body for r in rows)
        snapshot_ids = store.db.execute("SELECT DISTINCT snapshot_id FROM outbox WHERE kind = 'recovered'")
        assert recorded.snapshot is not None and snapshot_ids.fetchall() == [(recorded.snapshot.id,)]


def test_each_streak_gets_its_own_alerts_and_none_twice(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    with endpoint() as ep, Store.open(tmp_path / "s.sqlite") as store:
        results = []
        for _streak in range(2):
            page.unlink(missing_ok=True)
            results += [run(store, page, ep, two_targets=True) for _ in range(3)]
            shutil.copy(GOOD, page)
            results.append(run(store, page, ep, two_targets=True))
        page.unlink()
        results += [run(store, page, ep, two_targets=True) for _ in range(3)]
        # A threshold raised mid-streak is reached a second time: the streak's key refuses the rows.
        results.append(run(store, page, ep, threshold=4, two_targets=True))
        assert [(r.notice, r.failures) for r in results if r.notice] == [
            ("failing", 3), ("recovered", 0), ("failing", 3), ("recovered", 0), ("failing", 3), ("failing", 4)]
        rows = Outbox(store).rows()
        kinds = [r.kind for r in rows]
        assert kinds == ["failing"] * 2 + ["recovered"] * 2 + ["failing"] * 2 + ["recovered"] * 2 + ["failing"] * 2
        assert all("after 3 failed checks" in r.body for r in rows if r.kind == "recovered")
        assert len({r.idem_key for r in rows}) == 5


def test_endpoint_down_at_the_nth_failure_then_up_delivers_once_on_a_later_run(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    with endpoint() as ep, Store.open(tmp_path / "s.sqlite") as store:
        for minute in range(2):
            run(store, page, ep, T0 + timedelta(minutes=minute))
        ep.down = True
        third = run(store, page, ep, T0 + timedelta(minutes=2))
        assert third.notice == "failing" and [d.ok for d in third.deliveries] == [False]
        assert [(r.kind, r.state(T0 + timedelta(minutes=2)), r.attempts) for r in Outbox(store).rows()] == [
            ("failing", "waiting", 1)]
        ep.down = False
        assert run(store, page, ep, T0 + timedelta(minutes=2, seconds=30)).deliveries == []  # backing off
        assert ep.received == []
        fifth = run(store, page, ep, T0 + timedelta(minutes=4))  # the backoff has passed
        assert (fifth.notice, [d.ok for d in fifth.deliveries]) == (None, [True])
        for minute in (5, 6):
            assert run(store, page, ep, T0 + timedelta(minutes=minute)).deliveries == []
        assert ep.titles() == Counter({FAILING: 1})


def test_endpoint_down_at_the_nth_failure_then_alerts_retry_delivers_once(tmp_path: Path) -> None:
    page, path = tmp_path / "page.txt", tmp_path / "s.sqlite"
    with endpoint() as ep:
        ep.down = True
        with Store.open(path) as store:
            results = [run(store, page, ep) for _ in range(3)]
        assert results[2].notice == "failing" and ep.received == []
        ep.down = False
        assert main(["alerts", "--retry", "--store", str(path), "--notify", ep.url]) == 0
        assert main(["alerts", "--retry", "--store", str(path), "--notify", ep.url]) == 0  # nothing left to send
        with Store.open(path) as store:
            assert run(store, page, ep).deliveries == []
            assert [(r.kind, r.state()) for r in Outbox(store).rows()] == [("failing", "delivered")]
        assert ep.titles() == Counter({FAILING: 1})


FAIL_LOOP = """
import sys
from pathlib import Path
from extractor.monitor.health import FailureAlerts
from extractor.monitor.check import attempt
from extractor.monitor.store import Store
store_path, page, target, times = sys.argv[1:5]
with Store.open(store_path) as store:
    print("ready", flush=True)
    sys.stdin.readline()  # both processes start failing together
    for _ in range(int(times)):
        attempt(page, store=store, page_key="page", notify=[target],
                failure_alerts=FailureAlerts("Colloque", 3, "en"))
"""


def test_two_processes_failing_at_once_queue_and_send_one_alert(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    Store.open(path).close()  # created and migrated before the race, which is about the checks
    with endpoint() as ep:
        procs = [subprocess.Popen([sys.executable, "-c", FAIL_LOOP, str(path), str(tmp_path / "missing.txt"),
                                   ep.url, "10"], env=ENV, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True) for _ in range(2)]
        for proc in procs:
            assert proc.stdout is not None and proc.stdout.readline() == "ready\n"
        outputs = [proc.communicate("go\n") for proc in procs]
        assert [proc.returncode for proc in procs] == [0, 0], outputs
        with Store.open(path) as store:
            assert store.consecutive_failures("page") == 20
            assert [(r.kind, r.state()) for r in Outbox(store).rows()] == [("failing", "delivered")]
        assert ep.titles() == Counter({FAILING: 1})


RECORD_THEN_HANG = """
import sys
from extractor.errors import InputError
from extractor.monitor.check import Page, record_failure
from extractor.monitor.health import FailureAlerts
from extractor.monitor.store import Store
from extractor.monitor.targets import resolve
store_path, target = sys.argv[1:3]
store = Store.open(store_path)
page = Page("page", "/missing.txt", tuple(resolve([target], store.key)),
            failure_alerts=FailureAlerts("Colloque", 3, "en"))
print(record_failure(store, page, InputError("no such file")).failures, flush=True)
sys.stdin.readline()  # killed here: after the failure was recorded, before anything was sent
"""


def test_a_kill_after_recording_the_failure_does_not_lose_the_alert(tmp_path: Path) -> None:
    path, page = tmp_path / "s.sqlite", tmp_path / "page.txt"
    with endpoint() as ep:
        with Store.open(path) as store:
            for _ in range(2):
                run(store, page, ep)
        proc = subprocess.Popen([sys.executable, "-c", RECORD_THEN_HANG, str(path), ep.url], env=ENV,
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        try:
            assert proc.stdout is not None and proc.stdout.readline() == "3\n"
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.communicate()
        assert proc.returncode == -signal.SIGKILL
        assert ep.received == []
        with Store.open(path) as store:
            assert [(r.kind, r.state()) for r in Outbox(store).rows()] == [("failing", "pending")]
            fourth = run(store, page, ep)  # the next run sends it, and queues nothing new
            assert (fourth.failures, fourth.notice, [d.ok for d in fourth.deliveries]) == (4, None, [True])
        assert ep.titles() == Counter({FAILING: 1})


def test_a_parser_bug_is_counted_like_any_failure_and_alerts_too(tmp_path: Path) -> None:
    with endpoint() as ep, Store.open(tmp_path / "s.sqlite") as store:
        # An option of a type the fetcher cannot use: a TypeError from inside the check, as a bug would raise.
        broken = FetchOptions(timeout="soon")  # type: ignore[arg-type]
        results = [attempt(f"http://127.0.0.1:{ep.server.server_port}/page", store=store, page_key="page",
                           notify=[ep.url], fetch=broken, failure_alerts=FailureAlerts("Colloque", 2, "en"))
                   for _ in range(2)]
        assert [r.status for r in results] == ["failed", "failed"]
        assert str(results[0].error).startswith("internal error while checking http://127.0.0.1:")
        error = results[0].error
        assert error is not None and "TypeError" in str(error) and error.exit_code == 1
        assert store.consecutive_failures("page") == 2 and results[1].notice == "failing"
        assert "internal error" in ep.received[0]["message"]


def test_the_check_command_has_the_same_failure_memory(tmp_path: Path) -> None:
    """cron running `extractor check` hourly: one alert after the 2nd failure, one on recovery."""
    page, store = tmp_path / "page.txt", tmp_path / "s.sqlite"
    good = (SAMPLES / "seed.txt").read_bytes()

    def check_cli(ep: Endpoint) -> int:
        return subprocess.run([sys.executable, "-m", "extractor", "check", str(page), "--page", "p",
                               "--store", str(store), "--notify", ep.url, "--fail-alert-after", "2"],
                              capture_output=True, timeout=60).returncode

    with endpoint() as ep:
        page.write_bytes(good)
        assert check_cli(ep) == 0
        page.write_bytes(b"")
        assert [check_cli(ep) for _ in range(3)] == [2, 2, 2]
        assert len(ep.received) == 1
        page.write_bytes(good)
        assert check_cli(ep) == 0
        assert len(ep.received) == 2
        assert ep.received[0]["title"] != ep.received[1]["title"]
