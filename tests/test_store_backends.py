"""One store, two backends: every test here runs on a SQLite file and on a real PostgreSQL database
(the suite's throwaway cluster, tests/pg.py), and expects the same answers.

SQLite-only matters (WAL, migrations of old files, a read-only file) are test_store.py's.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from extractor.changes.diff import diff
from extractor.errors import StoreError
from extractor.monitor.leases import Registration, lease, register, release, round_left, store_time, unregister
from extractor.monitor.outbox import Outbox
from extractor.monitor.status import status
from extractor.monitor.store import NewAlert, Store, Streak
from tests.builders import WHEN, changed, programme, session
from tests.test_store import P1, P2, add, alert, fail, raw, unchanged


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "s.sqlite")
    return str(request.getfixturevalue("pg_store_url"))


@pytest.fixture
def store(location: str) -> Iterator[Store]:
    with Store.open(location) as opened:
        yield opened


def test_snapshots_keep_records_raw_bytes_validators_and_events(location: str) -> None:
    with Store.open(location) as store:
        first = add(store, b"<p>one</p>" * 50, P1)
        with store.check("k") as tx:
            assert tx.previous == first
            events = diff(P1, P2)
            page = raw(b"two", etag='"v2"')
            second = tx.add_snapshot(page, P2, "test-2", events)
            tx.name_page("Colloque")
    with Store.open(location) as store:  # another connection: it was committed
        assert [s.number for s in store.snapshots("k")] == [1, 2] and second.ref == "k@2"
        assert store.latest("k") == second and store.snapshot("k", 1) == first
        assert store.programme(second.id) == P2 and store.raw_page(first.id).data == b"<p>one</p>" * 50
        assert store.raw_page(second.id).retrieved_at == WHEN
        assert store.events(second.id) == events and store.events(first.id) == []
        assert store.validators("k") == ('"v2"', None)
        assert store.page_named("Colloque") == ["k"] and store.pages() == ["k"]
        assert store.page_name("k") == "Colloque" and store.page_name("elsewhere") is None
        assert store.latest_sha("k") == second.sha256


def test_unchanged_checks_are_one_row_and_failures_a_streak(store: Store) -> None:
    add(store, b"one", P1)
    for _ in range(3):
        unchanged(store, b"one")
    assert fail(store, "timeout") == 1 and fail(store, "timeout") == 2
    with store.check("k") as tx:
        streak = tx.streak()
    assert streak.count == 2 and isinstance(streak, Streak) and streak.first is not None
    checks = store.checks("k")
    assert [(c["outcome"], c["count"]) for c in checks] == [("snapshot", 1), ("unchanged", 3), ("failed", 2)]
    unchanged(store, b"one")
    assert store.consecutive_failures("k") == 0
    rows = store.page_rows()
    assert [(r["key"], r["snapshots"], r["last_outcome"]) for r in rows] == [("k", 1, "unchanged")]


def test_a_check_that_raises_leaves_nothing(store: Store) -> None:
    with pytest.raises(RuntimeError), store.check("k") as tx:
        tx.add_snapshot(raw(b"one"), P1, "t", [])
        raise RuntimeError("parser bug")
    assert store.pages() == [] and store.latest("k") is None


def test_uids_and_records_round_trip(store: Store) -> None:
    with_uid = programme(session("Atelier A", id="s-a", final=True), session("Atelier B"))
    with_uid.sessions[0].uid = "abc@extractor"
    snap = add(store, b"uid", with_uid)
    assert store.programme(snap.id).sessions[0].uid == "abc@extractor"
    assert store.programme(snap.id) == with_uid


def test_outbox_is_idempotent_and_each_row_is_claimed_once(location: str) -> None:
    with Store.open(location) as store, Store.open(location) as other:
        add(store, b"one", P1, [alert("key1")])
        add(store, b"two", P2, [alert("key1"), alert("key2")])
        rows = Outbox(store).rows()
        assert [r.idem_key for r in rows] == ["key1", "key2"]
        claims = [Outbox(s).claim(rows[0].id, f"w{i}") for i, s in enumerate((store, other, store))]
        assert claims == [True, False, False]
        Outbox(store).delivered(rows[0].id, "w0")
        assert Outbox(other).rows()[0].state() == "delivered"
        assert Outbox(other).drop([rows[1].id]) == [rows[1].id] and Outbox(store).drop() == []


def test_the_target_key_is_the_same_for_every_connection(location: str) -> None:
    with Store.open(location) as one, Store.open(location) as two:
        assert one.key == two.key and len(one.key) == 32


def test_transactions_do_not_nest(store: Store) -> None:
    with pytest.raises(StoreError, match="within a transaction"), store.check("k"), store.transaction():
        pass
    assert store.pages() == []


def test_a_postgresql_store_reconnects_after_its_session_was_killed(pg_store_url: str) -> None:
    with Store.open(pg_store_url) as store, Store.open(pg_store_url) as admin:
        add(store, b"one", P1)
        pid = store.db.execute("SELECT pg_backend_pid()").fetchone()[0]
        admin.db.execute("SELECT pg_terminate_backend(?)", (pid,))
        with pytest.raises(StoreError):
            store.pages()  # the statement that finds the session gone fails
        assert store.pages() == ["k"]  # the next one runs in a new session
        unchanged(store, b"one")


def test_a_store_refuses_a_newer_schema(location: str) -> None:
    with Store.open(location) as store:
        version = store.schema_version()
        store.db.execute("UPDATE schema_version SET version = ?", (version + 1,))
    with pytest.raises(StoreError, match="upgrade extractor"):
        Store.open(location)


def test_registered_pages_are_leased_once_and_due_again_after_release(store: Store, location: str) -> None:
    register(store, [Registration(f"p{i}", f"http://h{i % 2}.test/{i}", interval=60) for i in range(4)])
    register(store, [Registration("p0", "http://h0.test/0", name="named", interval=60)])  # again: no change
    assert round_left(store, store_time(store)) == 4
    with Store.open(location) as other:
        first = lease(store, "a", limit=10, seconds=30)  # one per host: max_per_host 1
        second = lease(other, "b", limit=10, seconds=30)
        assert sorted(t.key for t in first) == ["p0", "p1"] and second == []
        assert status(other).leased == 2 and status(other).watchers == 1
        assert release(store, first[0], next_in=60) and not release(other, first[0], next_in=60)
        third = lease(other, "b", limit=10, seconds=30)
        assert [t.key for t in third] == ["p2"]  # p0's host is free again; p0 is not due for a minute
    assert unregister(store, "p3") and not unregister(store, "p3")
    now = status(store)
    assert (now.watched, now.due, now.leased, now.pages) == (3, 0, 2, 4)


def test_host_delay_and_concurrency_hold_across_watchers(store: Store, location: str) -> None:
    register(store, [Registration(f"p{i}", f"http://same.test/{i}", interval=60) for i in range(4)])
    with Store.open(location) as other:
        assert len(lease(store, "a", limit=4, seconds=30, max_per_host=3)) == 3
        assert lease(other, "b", limit=4, seconds=30, max_per_host=3) == []  # three at once at most
    unregister(store, "p3")
    for held in [*lease(store, "x", limit=1, seconds=0.01)]:
        release(store, held, next_in=60)
    register(store, [Registration(f"q{i}", f"http://slow.test/{i}", interval=60) for i in range(2)])
    taken = lease(store, "a", limit=4, seconds=30, delay=60, max_per_host=5)
    assert [t.key for t in taken] == ["q0"]  # the next one only after the delay
    assert lease(store, "b", limit=4, seconds=30, delay=60, max_per_host=5) == []
    [slow] = [h for h in status(store).hosts if h.host == "http://slow.test"]
    assert slow.next_allowed_at is not None and slow.next_allowed_at > status(store).at
    passed = status(store).at
    with store.transaction() as db:  # the minute passes
        db.execute("UPDATE hosts SET next_allowed_at = ? WHERE host = ?", (passed, "http://slow.test"))
    assert [t.key for t in lease(store, "b", limit=4, seconds=30, delay=60, max_per_host=5)] == ["q1"]


def test_a_host_with_many_pages_due_does_not_hold_back_the_others(store: Store) -> None:
    register(store, [Registration(f"a{i:02}", f"http://big.test/{i}", interval=60) for i in range(30)])
    register(store, [Registration("b", "http://small.test/b", interval=60)])
    assert [t.key for t in lease(store, "w1", limit=1, seconds=30, delay=1)] == ["a00"]
    assert [t.key for t in lease(store, "w2", limit=1, seconds=30, delay=1)] == ["b"]
    assert lease(store, "w3", limit=1, seconds=30, delay=1) == []
    register(store, [Registration("c", "http://third.test/c", interval=60)])
    passed = status(store).at
    with store.transaction() as db:  # the delay passes, big.test's first; it still has a page leased
        db.execute("UPDATE hosts SET next_allowed_at = ?", (passed,))
        db.execute("UPDATE hosts SET next_allowed_at = '' WHERE host = 'http://big.test'")
    assert [t.key for t in lease(store, "w3", limit=1, seconds=30, delay=1)] == ["c"]  # big.test is full


def test_an_expired_lease_goes_to_another_watcher(store: Store) -> None:
    register(store, [Registration("p", "http://h.test/p", interval=60)])
    [held] = lease(store, "crashed", limit=1, seconds=60)
    assert lease(store, "b", limit=1, seconds=30) == []
    passed = status(store).at
    with store.transaction() as db:  # the minute passes (test_shared_watch waits for a real one to run out)
        db.execute("UPDATE pages SET leased_until = ? WHERE key = 'p'", (passed,))
    [taken] = lease(store, "b", limit=1, seconds=30)
    assert taken.worker == "b" and not release(store, held, next_in=60) and release(store, taken, next_in=60)


def test_status_counts_failing_pages_and_the_outbox(store: Store) -> None:
    add(store, b"one", P1, [alert("key1"), alert("key2"), alert("key3")])
    fail(store, "timeout", page="other")
    outbox = Outbox(store)
    rows = outbox.rows()
    outbox.claim(rows[0].id, "w")
    outbox.claim(rows[1].id, "w")
    outbox.in_doubt(rows[1].id, "w", "no answer")
    now = status(store)
    assert (now.failing, now.outbox_queued, now.outbox_sending, now.outbox_in_doubt) == (1, 1, 1, 1)
    later = status(store, now=WHEN + timedelta(days=3650))
    assert later.outbox_in_doubt == 2


def test_a_new_alert_row_keeps_its_fields(store: Store) -> None:
    row = NewAlert("k1", "h", "json://x/", "digest", "", "en", "S", "B", '{"a": 1}', "uid-1")
    with store.check("k") as tx:
        tx.add_snapshot(raw(b"x"), changed(P1, 0, title="X"), "t", [])
        assert tx.queue([row, row]) == [row]
    [back] = Outbox(store).rows()
    assert (back.payload, back.uid, back.kind, back.page) == ('{"a": 1}', "uid-1", "digest", "k")


def test_the_store_commands_work_on_both_backends(location: str, capsys: pytest.CaptureFixture[str]) -> None:
    from extractor.cli import main
    from tests.farm import VERSIONS

    for version in VERSIONS:
        assert main(["check", str(version), "--store", location, "--page", "demo", "--date", "2025-11-19"]) == 0
    capsys.readouterr()
    assert main(["history", "demo", "--store", location]) == 0
    assert "demo : 2 instantané(s)" in capsys.readouterr().out  # a French page: its history in French
    assert main(["diff", "demo@1", "demo@latest", "--store", location]) == 1  # differences found
    assert "Salle" in capsys.readouterr().out
    assert main(["show", "demo", "--store", location, "--format", "summary"]) == 0
    assert main(["alerts", "--all", "--store", location]) == 0
    assert main(["reparse", "demo", "--store", location]) == 0


def test_both_backends_have_the_same_tables_and_columns(tmp_path: Path, pg_store_url: str) -> None:
    # The schema is written twice (store_schema: SQLite's migrations; store_schema_pg): a column added to
    # one and not the other would fail only the queries that read it, on one backend.
    with Store.open(tmp_path / "s.sqlite") as store:
        tables = [r[0] for r in store.query("SELECT name FROM sqlite_master WHERE type = 'table' "
                                            "AND name NOT LIKE 'sqlite_%'")]
        on_sqlite = {(t, c[1]) for t in tables for c in store.query(f"PRAGMA table_info({t})")}
    with Store.open(pg_store_url) as store:
        on_pg = set(store.query("SELECT c.table_name, c.column_name FROM information_schema.columns c "
                                "JOIN information_schema.tables t ON t.table_schema = c.table_schema "
                                "AND t.table_name = c.table_name WHERE c.table_schema = current_schema() "
                                "AND t.table_type = 'BASE TABLE'"))
    # store_key: the target key the watchers of several machines share (a file beside a SQLite store).
    assert on_pg - {("store_key", "id"), ("store_key", "key")} == on_sqlite
