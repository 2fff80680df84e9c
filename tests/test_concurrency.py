"""Several processes on one store: concurrent checks send once; kills leave a consistent store."""

from __future__ import annotations

import itertools
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

from pytest_httpserver import HTTPServer

from extractor.changes.alerts import alert_worthy, idempotency_key
from extractor.changes.diff import diff
from extractor.monitor.check import check
from extractor.monitor.deliver import deliver_pending
from extractor.monitor.outbox import LEASE, Outbox
from extractor.monitor.store import Store
from extractor.monitor.targets import resolve
from tests.conftest import ROOT, SAMPLES
from tests.endpoint import endpoint
from tests.site import FAST, PROGRAMME, Site

SERIES = sorted((SAMPLES / "series").glob("*.txt"))
ENV = {**os.environ, "NO_COLOR": "1", "PYTHONPATH": str(ROOT)}


def check_process(store: Path, source: Path | str, notify: str) -> subprocess.Popen[bytes]:
    argv = [
        sys.executable,
        "-m",
        "extractor",
        "check",
        str(source),
        "--store",
        str(store),
        "--page",
        "p",
        "--notify",
        notify,
        *(["--ignore-robots"] if str(source).startswith("http") else []),
    ]
    return subprocess.Popen(argv, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_two_concurrent_checks_send_each_alert_once(tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite"
    with endpoint() as ep:
        with Store.open(store) as s:
            check(str(SERIES[0]), store=s, page_key="p", notify=[ep.url])
        for source in SERIES[1:]:
            procs = [check_process(store, source, ep.url) for _ in range(2)]
            outputs = [p.communicate() for p in procs]
            assert [p.returncode for p in procs] == [0, 0], outputs
        with Store.open(store) as s:
            assert len(s.snapshots("p")) == len(SERIES)  # one snapshot per version, not one per process
            rows = Outbox(s).rows()
        assert len(rows) == 5 and all(r.delivered_at for r in rows)
        assert sorted(ep.titles().values()) == [1] * 5


def test_a_process_killed_while_sending_leaves_its_alert_in_doubt_not_duplicated(tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite"
    holder: dict[str, subprocess.Popen[bytes]] = {}
    started = threading.Event()

    def kill_sender(message: dict[str, object]) -> None:
        # The message arrived; the sender dies before it can record that it did.
        if not holder.get("killed"):
            started.wait()
            holder["proc"].send_signal(signal.SIGKILL)
            holder["killed"] = holder["proc"]

    with endpoint() as ep:
        with Store.open(store) as s:
            check(str(SERIES[0]), store=s, page_key="p", notify=[ep.url])
        ep.on_receive = kill_sender
        holder["proc"] = check_process(store, SERIES[1], ep.url)
        started.set()
        holder["proc"].communicate()
        assert holder["proc"].returncode == -signal.SIGKILL
        ep.on_receive = None
        assert sqlite3.connect(store).execute("PRAGMA integrity_check").fetchone() == ("ok",)
        with Store.open(store) as s:
            assert [n.number for n in s.snapshots("p")] == [1, 2]
            assert len(s.events(s.snapshots("p")[1].id)) == 2
            check(str(SERIES[1]), store=s, page_key="p", notify=[ep.url])  # the next hourly check
            deliver_pending(s, resolve([ep.url], s.key), ignore_backoff=True)
            rows = Outbox(s).rows()
        # Sending until its claim runs out; then in doubt, and never resent on its own.
        assert sorted(r.state() for r in rows) == ["delivered", "sending"]
        after_lease = datetime.now(UTC) + LEASE + timedelta(seconds=1)
        assert sorted(r.state(after_lease) for r in rows) == ["delivered", "in doubt"]
        assert sorted(ep.titles().values()) == [1, 1]


LOOP = """
import itertools, sys
from pathlib import Path
from extractor.monitor.check import check
from extractor.monitor.outbox import LEASE
from extractor.monitor.store import Store
series = sorted(Path(sys.argv[2]).glob("*.txt"))
with Store.open(sys.argv[1]) as store:
    for i in itertools.count():
        check(str(series[i % len(series)]), store=store, page_key="p", notify=[sys.argv[3]])
"""


def test_a_process_killed_mid_check_leaves_the_store_consistent(tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite"
    with endpoint() as ep:
        proc = subprocess.Popen(
            [sys.executable, "-c", LOOP, str(store), str(SAMPLES / "series"), ep.url], env=ENV
        )
        deadline = time.monotonic() + 120  # a guard against hanging, not a timing assertion
        while _snapshots(store) < 20:
            assert proc.poll() is None, "the checking loop stopped by itself"
            assert time.monotonic() < deadline, "the checking loop made no progress"
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)  # wherever it is: parsing, in a transaction, or sending
        proc.wait()
        assert sqlite3.connect(store).execute("PRAGMA integrity_check").fetchone() == ("ok",)
        with Store.open(store) as s:
            snaps = s.snapshots("p")
            assert [n.number for n in snaps] == list(range(1, len(snaps) + 1))
            queued = {r.idem_key for r in Outbox(s).rows()}
            for before, after in itertools.pairwise(snaps):
                expected = diff(s.programme(before.id), s.programme(after.id), page="p")
                assert s.events(after.id) == expected  # every snapshot came with all its events
                assert {idempotency_key(e, after.number) for e in alert_worthy(expected)} <= queued  # and alerts
            deliver_pending(s, resolve([ep.url], s.key), ignore_backoff=True)
            rows = Outbox(s).rows()
        # A row the killed process had claimed is "sending" until its lease runs out, then in doubt.
        after_lease = datetime.now(UTC) + LEASE + timedelta(seconds=1)
        assert all(r.state(after_lease) in ("delivered", "in doubt") for r in rows)
        # The loop goes round the series: each round's changes are news again, so a message may come
        # several times, but never more often than it was queued, nor less often than it was delivered.
        received = Counter((m["title"], m["message"]) for m in ep.received)
        queued_rows = Counter((r.subject, r.body) for r in rows)
        delivered = Counter((r.subject, r.body) for r in rows if r.delivered_at)
        assert all(delivered[m] <= received[m] <= queued_rows[m] for m in queued_rows | received)


def _snapshots(path: Path) -> int:
    try:
        db = sqlite3.connect(path, timeout=5)
        try:
            return int(db.execute("SELECT count(*) FROM snapshots").fetchone()[0])
        finally:
            db.close()
    except sqlite3.Error:
        return 0  # not created or migrated yet


def flip(text: str, step: int) -> str:
    """The site's programme with its last break and its closing room moved back and forth: odd steps moved."""
    if step % 2:
        text = text.replace("15h00-15h30\nPause", "15h30-16h00\nPause")
        text = text.replace("Auditorium Jean-Coutu", "Salle 3.300")
    return text


def test_flip_flops_checked_twice_at_once_alert_every_time_once_each(httpserver: HTTPServer, tmp_path: Path) -> None:
    site, path = Site(httpserver), tmp_path / "s.sqlite"
    with endpoint() as ep:
        with Store.open(path) as s:
            check(site.url, store=s, page_key="p", notify=[ep.url], fetch=FAST)
        for step in range(1, 5):
            site.text = flip(PROGRAMME, step)
            start = threading.Barrier(2)

            def one_check(start: threading.Barrier = start) -> None:
                with Store.open(path) as s:  # a connection of its own, as another process has
                    start.wait()
                    check(site.url, store=s, page_key="p", notify=[ep.url], fetch=FAST)

            threads = [threading.Thread(target=one_check) for _ in range(2)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
        with Store.open(path) as s:
            assert len(s.snapshots("p")) == 5 and all(r.delivered_at for r in Outbox(s).rows())
    assert ep.titles() == Counter({"Changement d'horaire : Pause": 4,
                                   "Changement de salle : Bilan de la journée": 4})


def test_a_kill_between_queueing_and_sending_loses_no_flip_flop_and_doubles_none(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    site, store = Site(httpserver), tmp_path / "s.sqlite"
    holder: dict[str, subprocess.Popen[bytes]] = {}

    def kill_sender(_message: dict[str, object]) -> None:
        # The first of the check's two alerts arrived: the process dies before recording it, and
        # before sending the second, which it had queued.
        if "proc" in holder and "killed" not in holder:
            holder["killed"] = holder["proc"]
            holder["proc"].send_signal(signal.SIGKILL)

    with endpoint() as ep:
        with Store.open(store) as s:
            check(site.url, store=s, page_key="p", notify=[ep.url], fetch=FAST)
        site.text = flip(PROGRAMME, 1)
        ep.on_receive = kill_sender
        holder["proc"] = check_process(store, site.url, ep.url)
        holder["proc"].communicate()
        assert holder["proc"].returncode == -signal.SIGKILL and len(ep.received) == 1
        ep.on_receive = None
        with Store.open(store) as s:
            check(site.url, store=s, page_key="p", notify=[ep.url], fetch=FAST)  # the next check sends the second
            assert len(ep.received) == 2
            for step in (2, 3):  # and the value going back, then forth again, is news each time
                site.text = flip(PROGRAMME, step)
                check(site.url, store=s, page_key="p", notify=[ep.url], fetch=FAST)
    assert ep.titles() == Counter({"Changement d'horaire : Pause": 3,
                                   "Changement de salle : Bilan de la journée": 3})
