"""The SQLite store on real files: round trip, unchanged checks, failures, crashes, migrations.

What a check decides (which alerts, when the page's own alerts are due) is monitor.check's: see
test_alerts.py and test_failure_alerts.py. Here, the unit of work it records with.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from extractor.changes.diff import diff
from extractor.errors import StoreError
from extractor.models import HttpInfo, Programme
from extractor.monitor.outbox import Outbox
from extractor.monitor.store import NewAlert, SnapshotInfo, Store, Streak
from extractor.monitor.store_schema import MIGRATIONS
from extractor.read.page import RawPage
from tests.builders import WHEN, changed, programme, session

P1 = programme(session("Atelier A"), session("Atelier B", room="Salle 2.105"))
P2 = changed(P1, 0, title="Atelier A renommé")


def raw(data: bytes, **http: str) -> RawPage:
    return RawPage(
        data=data,
        location="https://example.org/prog",
        retrieved_at=WHEN,
        http=HttpInfo(status=200, **http) if http else None,
        charset="utf-8",
    )


def add(store: Store, data: bytes, programme: Programme, alerts: list[NewAlert] | None = None) -> SnapshotInfo:
    """What a check that read new bytes records, in its unit of work."""
    with store.check("k") as tx:
        snapshot = tx.add_snapshot(raw(data), programme, "t", [])
        tx.queue(alerts or [])
    return snapshot


def unchanged(store: Store, data: bytes) -> None:
    with store.check("k") as tx:
        tx.record_unchanged(raw(data))


def fail(store: Store, error: str, page: str = "k") -> int:
    with store.check(page) as tx:
        return tx.record_failure(error)


def test_round_trip_keeps_records_raw_bytes_and_validators(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.sqlite") as store:
        page = raw(b"<p>programme</p>" * 100, etag='"v1"', last_modified="Sat, 01 Nov 2025 12:00:00 GMT")
        with store.check("k") as tx:
            assert tx.previous is None  # the first snapshot
            recorded = tx.add_snapshot(page, P1, "test-1", [])
        assert (recorded.number, recorded.ref) == (1, "k@1")
    with Store.open(tmp_path / "s.sqlite") as store:  # reopened: it was on disk
        snap = store.latest("k")
        assert snap is not None and snap.parser_version == "test-1"
        assert store.programme(snap.id) == P1
        back = store.raw_page(snap.id)
        assert (back.data, back.charset, back.http, back.retrieved_at) == (
            page.data,
            "utf-8",
            page.http,
            WHEN,
        )
        assert store.validators("k") == ('"v1"', "Sat, 01 Nov 2025 12:00:00 GMT")
        assert store.validators("other") is None
        # Compressed: repeated markup shrinks.
        size = store.db.execute("SELECT length(raw) FROM snapshots").fetchone()[0]
        assert size < len(page.data) / 5


def test_same_bytes_add_no_snapshot_only_a_checked_at_time(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.sqlite") as store:
        first = add(store, b"one", P1)
        for _ in range(3):
            with store.check("k") as tx:
                assert tx.previous == first  # what a check compares the bytes it read with
                assert tx.record_unchanged(raw(b"one")) == first
        assert [s.number for s in store.snapshots("k")] == [1]
        outcomes = [(c["outcome"], c["count"]) for c in store.checks("k")]
        assert outcomes == [("snapshot", 1), ("unchanged", 3)]


def test_consecutive_failures_count_until_a_success(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.sqlite") as store:
        add(store, b"one", P1)
        assert [fail(store, error) for error in ("timeout", "timeout", "HTTP 503")] == [1, 2, 3]
        assert store.consecutive_failures("k") == 3
        assert [c["error"] for c in store.checks("k") if c["outcome"] == "failed"] == ["timeout", "HTTP 503"]
        unchanged(store, b"one")
        assert store.consecutive_failures("k") == 0
        assert fail(store, "timeout") == 1
        assert store.consecutive_failures("k") == 1


def test_a_streak_is_named_by_its_first_failed_check(tmp_path: Path) -> None:
    # The page's own alerts are keyed on it: one streak, one key, however many checks it lasts.
    with Store.open(tmp_path / "s.sqlite") as store:
        add(store, b"one", P1)
        with store.check("k") as tx:
            assert tx.streak() == Streak()
        for error in ("timeout", "timeout", "HTTP 503"):
            fail(store, error)
        with store.check("k") as tx:
            streak = tx.streak()
            assert streak.count == 3 and streak.first is not None
            tx.record_unchanged(raw(b"one"))
            assert tx.streak() == Streak()
        fail(store, "timeout")
        with store.check("k") as tx:
            assert tx.streak().count == 1 and tx.streak().first not in (None, streak.first)


def test_an_error_inside_the_check_leaves_nothing_half_written(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.sqlite") as store:
        add(store, b"one", P1)
        with pytest.raises(RuntimeError), store.check("k") as tx:
            tx.add_snapshot(raw(b"two"), P2, "t", diff(P1, P2))
            tx.queue([alert("key1")])
            raise RuntimeError("crash between storing the snapshot and committing its alerts")
        assert [s.number for s in store.snapshots("k")] == [1]
        assert store.db.execute("SELECT count(*) FROM events").fetchone()[0] == 0
        assert Outbox(store).rows() == []
        assert [c["outcome"] for c in store.checks("k")] == ["snapshot"]
        # The store is still usable and the next check sees the change.
        with store.check("k") as tx:
            assert tx.previous is not None and tx.previous.number == 1
            assert tx.add_snapshot(raw(b"two"), P2, "t", []).number == 2


def test_status_and_the_store_clock_only_read(tmp_path: Path) -> None:
    from extractor.monitor.leases import store_time
    from extractor.monitor.status import status

    with Store.open(tmp_path / "s.sqlite") as store:
        add(store, b"one", P1)
        store.db.execute("PRAGMA query_only = ON")  # as a read-only file would: no write lock to be had
        assert status(store).pages == 1
        assert store_time(store) <= status(store).at


def test_a_write_the_database_refuses_is_a_store_error(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.sqlite") as store:
        store.db.execute("PRAGMA query_only = ON")  # as a read-only file would
        with pytest.raises(StoreError, match="unwritable"):
            fail(store, "timeout")
        store.db.execute("PRAGMA query_only = OFF")
        # A statement refused midway through a transaction (as on a full disk) rolls it all back.
        store.db.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON checks BEGIN SELECT RAISE(ABORT, 'disk full'); END"
        )
        with pytest.raises(StoreError, match=r"cannot write store .*: disk full"):
            fail(store, "timeout")
        assert store.pages() == []
        store.db.execute("DROP TRIGGER refuse")
        fail(store, "timeout")
        assert store.consecutive_failures("k") == 1


def alert(key: str, target: str = "json://127.0.0.1:9/x") -> NewAlert:
    return NewAlert(key, f"hash of {target}", target, "room_confirmed", "atelier-a", "fr", "Salle confirmée", "corps")


def test_outbox_rows_are_unique_per_idempotency_key_and_target(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.sqlite") as store:
        add(store, b"one", P1, [alert("key1")])
        add(store, b"two", P2, [alert("key1"), alert("key2")])
        add(store, b"three", P1, [alert("key1", "json://other/")])
        rows = Outbox(store).rows()
        assert sorted((r.idem_key, r.target_label) for r in rows) == [
            ("key1", "json://127.0.0.1:9/x"),
            ("key1", "json://other/"),
            ("key2", "json://127.0.0.1:9/x"),
        ]


def test_outbox_rows_refer_to_the_snapshot_the_check_stored_or_found_current(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.sqlite") as store:
        first = add(store, b"one", P1, [alert("key1")])
        with store.check("k") as tx:
            tx.record_unchanged(raw(b"one"))
            tx.queue([alert("key2")])
        with store.check("k") as tx:
            tx.record_failure("timeout")
            tx.queue([alert("key3")])  # a failing page's own alert: no snapshot
        ids = store.db.execute("SELECT idem_key, snapshot_id FROM outbox ORDER BY id").fetchall()
        assert ids == [("key1", first.id), ("key2", first.id), ("key3", None)]


def test_a_row_is_claimed_by_one_worker_only(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.sqlite") as store:
        add(store, b"one", P1, [alert("key1")])
        (row,) = Outbox(store).rows()
        assert Outbox(store).claim(row.id, "worker-a")
        with Store.open(tmp_path / "s.sqlite") as other:  # another connection, as another process has
            assert not Outbox(other).claim(row.id, "worker-b")
        Outbox(store).delivered(row.id, "worker-a")
        assert not Outbox(store).claim(row.id, "worker-b")
        assert Outbox(store).rows()[0].state() == "delivered"


def test_a_new_store_has_the_current_schema_version_and_refuses_a_newer_one(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    with Store.open(path) as store:
        assert store.schema_version() == len(MIGRATIONS)
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db = sqlite3.connect(path)
    db.execute("UPDATE schema_version SET version = 99")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="schema 99"):
        Store.open(path)


def test_a_file_that_is_not_a_store_is_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"these are not the bytes of a database" * 100)
    with pytest.raises(StoreError, match="cannot open store"):
        Store.open(path)
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(StoreError):
        Store.open(tmp_path / "file.txt" / "under-a-file.sqlite")


def test_the_store_file_is_private_to_its_owner(tmp_path: Path) -> None:
    # It holds notification URLs, which carry tokens.
    Store.open(tmp_path / "s.sqlite").close()
    assert (tmp_path / "s.sqlite").stat().st_mode & 0o077 == 0


def test_the_default_store_lives_in_the_user_data_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))  # platformdirs' Linux convention
    with Store.open() as store:
        assert store.path == tmp_path / "extractor" / "extractor.sqlite"
    assert store.path.exists()


def version_1_store(path: Path) -> None:
    """A store as extractor left it before migration 2, with rows in every table."""
    db = sqlite3.connect(path)
    for statement in MIGRATIONS[:1]:
        db.executescript(statement)
    db.executescript(
        """
        CREATE TABLE schema_version (version INTEGER NOT NULL);
        INSERT INTO schema_version VALUES (1);
        INSERT INTO pages VALUES (1, 'k', '2025-11-01', '"v1"', NULL);
        INSERT INTO snapshots VALUES (1, 1, 1, '2025-11-01', 'sha', x'00', 1, 'loc', 'utf-8', NULL, '{}',
                                      't', '2025-11-01', NULL, NULL);
        INSERT INTO checks VALUES (1, 1, 'snapshot', '2025-11-01', '2025-11-01', 1, 1, NULL);
        INSERT INTO outbox (id, idem_key, target, page_id, snapshot_id, kind, session_id, language, subject,
                            body, created_at, attempts, delivered_at)
            VALUES (7, 'key1', 'json://a/', 1, 1, 'room_confirmed', 's1', 'fr', 'Salle', 'corps',
                    '2025-11-01', 1, '2025-11-01'),
                   (9, 'key2', 'json://a/', 1, 1, 'room_changed', 's2', 'fr', 'Salle 2', 'corps 2',
                    '2025-11-01', 2, NULL);
        """
    )
    db.close()


def test_a_version_1_store_migrates_keeping_its_outbox(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    version_1_store(path)
    with Store.open(path) as store:
        assert store.schema_version() == len(MIGRATIONS) >= 2
        rows = Outbox(store).rows()
        assert [(r.id, r.idem_key, r.kind, r.session_id, r.attempts, r.delivered_at) for r in rows] == [
            (7, "key1", "room_confirmed", "s1", 1, "2025-11-01"), (9, "key2", "room_changed", "s2", 2, None)]
        assert [r.state() for r in rows] == ["delivered", "pending"]
        assert store.db.execute("SELECT snapshot_id FROM outbox").fetchall() == [(1,), (1,)]
        indexes = {r[1]: r[2] for r in store.db.execute("PRAGMA index_list(outbox)")}
        assert "outbox_pending" in indexes and 1 in indexes.values()  # the UNIQUE (idem_key, target) too
        assert store.db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert store.db.execute("SELECT name FROM sqlite_master WHERE name LIKE 'outbox_v%'").fetchall() == []
        # The point of the migration: a page's own alert, with no snapshot.
        with store.check("k") as tx:
            assert tx.record_failure("timeout") == 1
            tx.queue([NewAlert("key3", f"hash of {t}", t, "failing", "", "en", "s", "b")
                      for t in ("json://a/", "json://b/")])
        assert store.db.execute("SELECT count(*) FROM outbox WHERE snapshot_id IS NULL").fetchone()[0] == 2
        with pytest.raises(sqlite3.IntegrityError):  # the key is still unique per target
            key2 = store.db.execute("SELECT target_hash FROM outbox WHERE idem_key = 'key2'").fetchone()[0]
            store.db.execute("INSERT INTO outbox (idem_key, target_hash, target_label, page_id, kind, session_id, "
                             "language, subject, body, created_at) VALUES ('key2', ?, 'x', 1, 'x', '', 'fr', "
                             "'s', 'b', 'now')", (key2,))
    with Store.open(path) as store:  # reopening migrates nothing twice
        assert len(Outbox(store).rows()) == 4


def test_a_migration_that_fails_leaves_the_old_store_whole(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    version_1_store(path)
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE outbox_v2 (id INTEGER)")  # in the way of the rebuild
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="outbox_v2 already exists"):
        Store.open(path)
    db = sqlite3.connect(path)
    assert db.execute("SELECT version FROM schema_version").fetchone() == (1,)
    assert db.execute("SELECT id FROM outbox ORDER BY id").fetchall() == [(7,), (9,)]
    db.close()
