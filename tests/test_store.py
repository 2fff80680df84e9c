"""The SQLite store on real files: round trip, unchanged checks, failures, crashes, migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from extractor.errors import StoreError
from extractor.models import HttpInfo
from extractor.sources import RawPage
from extractor.store import NewAlert, Store
from extractor.store_schema import MIGRATIONS
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


def no_plan(previous, current):  # type: ignore[no-untyped-def]
    return [], []


def test_round_trip_keeps_records_raw_bytes_and_validators(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.sqlite") as store:
        page = raw(b"<p>programme</p>" * 100, etag='"v1"', last_modified="Sat, 01 Nov 2025 12:00:00 GMT")
        recorded = store.record_snapshot("k", page, P1, "test-1", no_plan)
        assert (recorded.status, recorded.snapshot.number, recorded.snapshot.ref) == ("first", 1, "k@1")
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
        store.record_snapshot("k", raw(b"one"), P1, "t", no_plan)
        again = store.record_snapshot("k", raw(b"one"), P1, "t", no_plan)
        store.record_unchanged("k")
        store.record_unchanged("k")
        assert again.status == "unchanged"
        assert [s.number for s in store.snapshots("k")] == [1]
        outcomes = [(c["outcome"], c["count"]) for c in store.checks("k")]
        assert outcomes == [("snapshot", 1), ("unchanged", 3)]


def test_consecutive_failures_count_until_a_success(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.sqlite") as store:
        store.record_snapshot("k", raw(b"one"), P1, "t", no_plan)
        for error in ("timeout", "timeout", "HTTP 503"):
            store.record_failure("k", error)
        assert store.consecutive_failures("k") == 3
        assert [c["error"] for c in store.checks("k") if c["outcome"] == "failed"] == ["timeout", "HTTP 503"]
        store.record_unchanged("k")
        assert store.consecutive_failures("k") == 0
        store.record_failure("k", "timeout")
        assert store.consecutive_failures("k") == 1


def test_an_error_inside_the_check_leaves_nothing_half_written(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.sqlite") as store:
        store.record_snapshot("k", raw(b"one"), P1, "t", no_plan)

        def failing_plan(previous, current):  # type: ignore[no-untyped-def]
            raise RuntimeError("crash between storing the snapshot and queuing its alerts")

        with pytest.raises(RuntimeError):
            store.record_snapshot("k", raw(b"two"), P2, "t", failing_plan)
        assert [s.number for s in store.snapshots("k")] == [1]
        assert store.db.execute("SELECT count(*) FROM events").fetchone()[0] == 0
        # The store is still usable and the next check sees the change.
        assert store.record_snapshot("k", raw(b"two"), P2, "t", no_plan).status == "changed"


def test_a_write_the_database_refuses_is_a_store_error(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.sqlite") as store:
        store.db.execute("PRAGMA query_only = ON")  # as a read-only file would
        with pytest.raises(StoreError, match="unwritable"):
            store.record_failure("k", "timeout")
        store.db.execute("PRAGMA query_only = OFF")
        # A statement refused midway through a transaction (as on a full disk) rolls it all back.
        store.db.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON checks BEGIN SELECT RAISE(ABORT, 'disk full'); END"
        )
        with pytest.raises(StoreError, match=r"cannot write store .*: disk full"):
            store.record_failure("k", "timeout")
        assert store.pages() == []
        store.db.execute("DROP TRIGGER refuse")
        store.record_failure("k", "timeout")
        assert store.consecutive_failures("k") == 1


def alert(key: str, target: str = "json://127.0.0.1:9/x") -> NewAlert:
    return NewAlert(key, target, "room_confirmed", "atelier-a", "fr", "Salle confirmée", "corps")


def test_outbox_rows_are_unique_per_idempotency_key_and_target(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.sqlite") as store:
        store.record_snapshot("k", raw(b"one"), P1, "t", lambda p, c: ([], [alert("key1")]))
        store.record_snapshot("k", raw(b"two"), P2, "t", lambda p, c: ([], [alert("key1"), alert("key2")]))
        store.record_snapshot(
            "k", raw(b"three"), P1, "t", lambda p, c: ([], [alert("key1", "json://other/")])
        )
        rows = store.outbox.rows()
        assert sorted((r.idem_key, r.target) for r in rows) == [
            ("key1", "json://127.0.0.1:9/x"),
            ("key1", "json://other/"),
            ("key2", "json://127.0.0.1:9/x"),
        ]


def test_a_row_is_claimed_by_one_worker_only(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.sqlite") as store:
        store.record_snapshot("k", raw(b"one"), P1, "t", lambda p, c: ([], [alert("key1")]))
        (row,) = store.outbox.rows()
        assert store.outbox.claim(row.id, "worker-a")
        with Store.open(tmp_path / "s.sqlite") as other:  # another connection, as another process has
            assert not other.outbox.claim(row.id, "worker-b")
        store.outbox.delivered(row.id, "worker-a")
        assert not store.outbox.claim(row.id, "worker-b")
        assert store.outbox.rows()[0].state() == "delivered"


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
