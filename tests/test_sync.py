"""`extractor sync`: the same tests against a SQLite file and a real PostgreSQL (the pg_url fixture)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy
from sqlalchemy import Engine, event

from extractor.cli import main
from extractor.monitor.check import check
from extractor.monitor.store import Store
from extractor.options import ParseOptions
from extractor.sync.writer import sync
from tests.builders import version_1
from tests.conftest import SAMPLES

SERIES = sorted((SAMPLES / "series").glob("*.txt"))
OPTIONS = ParseOptions(default_date=date(2025, 11, 19), timezone="America/Toronto")
MOVED = "coproduction-et-logement-social-le-cas-des-habitations-saint-michel-nord"


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'target.db'}"
    return str(request.getfixturevalue("pg_url"))


def checked(store: Store, versions: list[Path], page: str = "demo") -> Store:
    for version in versions:
        check(str(version), store=store, page_key=page, options=OPTIONS)
    return store


@pytest.fixture(scope="module")
def series_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with Store.open(tmp_path_factory.mktemp("sync") / "series.sqlite") as store:
        yield checked(store, SERIES)


def rows(target: str, table: str, order: str) -> list[dict[str, Any]]:
    engine = sqlalchemy.create_engine(target)
    try:
        with engine.connect() as connection:
            found = connection.execute(sqlalchemy.text(f"SELECT * FROM {table} ORDER BY {order}")).mappings()
            return [dict(r) for r in found]
    finally:
        engine.dispose()


@pytest.fixture
def writes() -> Iterator[list[str]]:
    """The INSERT, UPDATE and DELETE statements any engine runs while the test does."""
    seen: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if statement.lstrip().split(None, 1)[0].upper() in ("INSERT", "UPDATE", "DELETE"):
            seen.append(statement)

    event.listen(Engine, "before_cursor_execute", count)
    yield seen
    event.remove(Engine, "before_cursor_execute", count)


def test_sync_writes_the_current_state_and_a_rerun_writes_nothing(
    target: str, series_store: Store, writes: list[str]
) -> None:
    [done] = sync(target, series_store)
    assert (done.snapshots, done.removed, done.changes) == (8, 1, 8)
    sessions = {r["id"]: r for r in rows(target, "sessions", "uid")}
    moved = sessions[MOVED]
    assert (moved["day"], moved["start"], moved["room_name"], bool(moved["room_provisional"])) == \
        ("2025-11-19", "15:00", "Salle Marie-Gérin-Lajoie", False)
    assert moved["removed_at"] is None and moved["first_seen"] < moved["last_changed"]
    latest = series_store.programme(series_store.snapshots("demo")[-1].id)
    assert moved["uid"] == next(s.uid for s in latest.sessions if s.id == MOVED) != MOVED  # the store's uid
    assert [i for i, r in sessions.items() if r["removed_at"]] == [
        "transformer-les-services-publics-et-les-territoires-par-la-coproduction-et-l-innovation-sociale"]
    [page] = rows(target, "pages", "key")
    assert (page["key"], page["synced_snapshot"], page["timezone"], page["language"]) == \
        ("demo", 8, "America/Toronto", "fr")
    assert [c["kind"] for c in rows(target, "changes", "snapshot, position")][-2:] == \
        ["time_changed", "session_removed"]
    people = rows(target, "speakers", "session_uid, position")
    assert [p["name"] for p in people if p["session_uid"] == moved["uid"]] == ["Geneviève Baril"]
    assert next(p["credentials"] for p in people if p["name"] == "Geneviève Baril") in (["Ph.D."], '["Ph.D."]')

    writes.clear()
    [again] = sync(target, series_store)
    assert (again.snapshots, again.sessions, again.removed, again.changes) == (0, 0, 0, 0)
    assert writes == []


def test_a_sync_after_each_check_ends_where_one_sync_at_the_end_does(
    target: str, series_store: Store, tmp_path: Path
) -> None:
    with Store.open(tmp_path / "step.sqlite") as store:
        for version in SERIES:
            checked(store, [version])
            sync(target, store)
    stepwise = rows(target, "sessions", "uid")
    once = f"sqlite:///{tmp_path / 'once.db'}"
    sync(once, series_store)

    def comparable(found: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        # Times differ (two stores, two runs): compare what the page said and which rows were removed.
        return [(r["uid"], r["start"], r["room_name"], bool(r["room_provisional"]), r["removed_at"] is None)
                for r in found]

    assert comparable(stepwise) == comparable(rows(once, "sessions", "uid"))
    assert len(rows(target, "changes", "snapshot, position")) == 8


def test_a_session_added_between_others_leaves_their_rows_alone(target: str, tmp_path: Path) -> None:
    page = tmp_path / "p.txt"
    first = "Mercredi 19 novembre 2025\n\n9h-10h\nOuverture\n\n11h-12h\nClôture\n"
    with Store.open(tmp_path / "s.sqlite") as store:
        page.write_text(first, encoding="utf-8")
        check(str(page), store=store, page_key="p")
        sync(target, store)
        before = {r["uid"]: r for r in rows(target, "sessions", "uid")}
        page.write_text(first.replace("11h-12h", "10h-11h\nAtelier\n\n11h-12h"), encoding="utf-8")
        check(str(page), store=store, page_key="p")
        [done] = sync(target, store)
    after = {r["uid"]: r for r in rows(target, "sessions", "uid")}
    [added] = set(after) - set(before)
    assert done.sessions == 1 and set(before) < set(after) and after[added]["id"] == "atelier"
    assert all(after[uid] == row for uid, row in before.items())


def test_a_renamed_session_stays_one_row(target: str, series_store: Store) -> None:
    sync(target, series_store)
    [row] = [r for r in rows(target, "sessions", "uid") if "innovation sociale" in r["title"]]
    assert row["title"].startswith("Transformer")  # the typo fixed in snapshot 6, on the row of snapshot 1
    assert {c["uid"] for c in rows(target, "changes", "snapshot, position") if c["kind"] == "title_changed"} == \
        {row["uid"]}


def test_a_version_1_store_syncs_one_row_per_session_and_keeps_it_after_the_next_check(
    target: str, tmp_path: Path
) -> None:
    path = tmp_path / "s.sqlite"
    with Store.open(path) as store:
        checked(store, SERIES[4:6], page="p")  # a speaker added, then a title's typo fixed
    version_1(path)  # as stored before uids existed
    with Store.open(path) as store:
        [first] = sync(target, store)
        before = rows(target, "sessions", "uid")
        checked(store, SERIES[6:7], page="p")  # the current parser, a move: the first snapshot with uids
        latest = sorted(str(s.uid) for s in store.programme(store.snapshots("p")[-1].id).sessions)
        [then] = sync(target, store)
    after = rows(target, "sessions", "uid")
    # Keyed from the start on the uids the checks go on using: no row under an id, none added again.
    assert [r["uid"] for r in before] == [r["uid"] for r in after] == latest
    assert all(r["removed_at"] is None for r in after) and first.removed == 0
    assert (then.snapshots, then.sessions, then.removed) == (1, 1, 0)  # the moved session's row, updated
    assert {r["session_uid"] for r in rows(target, "speakers", "session_uid, position")} <= set(latest)
    changes = rows(target, "changes", "snapshot, position")
    assert [c["kind"] for c in changes] == ["title_changed", "time_changed"]
    assert {c["uid"] for c in changes} <= set(latest)


def test_the_changes_of_version_1_snapshots_carry_their_sessions_uids(target: str, tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    with Store.open(path) as store:
        checked(store, SERIES[5:], page="p")  # a fixed typo, a move, a session removed
    version_1(path)
    with Store.open(path) as store:
        sync(target, store)
    sessions = {r["uid"]: r for r in rows(target, "sessions", "uid")}
    changes = rows(target, "changes", "snapshot, position")
    assert [c["kind"] for c in changes] == ["time_changed", "session_removed"]
    moved, removed = (sessions[c["uid"]] for c in changes)  # no row under an id: each change names its row
    assert moved["id"] == MOVED and moved["removed_at"] is None
    assert removed["removed_at"] is not None and len(sessions) == 3


def test_rows_an_older_sync_keyed_on_ids_take_their_uids_at_the_next_sync(target: str, tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    with Store.open(path) as store:
        checked(store, SERIES[4:6], page="p")
    version_1(path)
    with Store.open(path) as store:
        sync(target, store)
        engine = sqlalchemy.create_engine(target)
        with engine.begin() as connection:  # as a sync before this one left them: keyed on the records' ids
            for uid, sid in connection.execute(sqlalchemy.text("SELECT uid, id FROM sessions")).all():
                connection.execute(sqlalchemy.text("UPDATE speakers SET session_uid = :id WHERE session_uid = :uid"),
                                   {"id": sid, "uid": uid})
            connection.execute(sqlalchemy.text("UPDATE sessions SET uid = id"))
        engine.dispose()
        checked(store, SERIES[6:7], page="p")
        latest = sorted(str(s.uid) for s in store.programme(store.snapshots("p")[-1].id).sessions)
        [then] = sync(target, store)
    after = rows(target, "sessions", "uid")
    assert [r["uid"] for r in after] == latest and all(r["removed_at"] is None for r in after)
    assert {r["session_uid"] for r in rows(target, "speakers", "session_uid, position")} <= set(latest)
    assert (then.sessions, then.removed) == (len(latest) + 1, 0)  # re-keyed, and the moved one updated


def test_syncs_at_once_write_each_row_once(target: str, tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.sqlite") as store:
        sync(target, checked(store, SERIES[:3]))  # the page's row exists: only its lock keeps syncs apart
        checked(store, SERIES[3:])
    errors: list[BaseException] = []
    ready = threading.Barrier(4)

    def run() -> None:
        try:
            with Store.open(tmp_path / "s.sqlite") as store:
                ready.wait(30)
                sync(target, store)
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    assert len(rows(target, "sessions", "uid")) == 3
    assert len(rows(target, "changes", "snapshot, position")) == 8
    assert len(rows(target, "speakers", "session_uid, position")) == 5


def test_a_sync_that_fails_midway_leaves_the_page_as_it_was(
    target: str, series_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = series_store.events

    def failing(snapshot_id: int) -> Any:
        if snapshot_id == 5:
            raise RuntimeError("killed")
        return real(snapshot_id)

    monkeypatch.setattr(series_store, "events", failing)
    with pytest.raises(RuntimeError):
        sync(target, series_store)
    assert rows(target, "sessions", "uid") == [] and rows(target, "changes", "snapshot") == []
    assert all(p["synced_snapshot"] == 0 for p in rows(target, "pages", "key"))
    monkeypatch.undo()
    assert sync(target, series_store)[0].snapshots == 8


def test_sync_command_refuses_a_bad_target_with_exit_2(
    series_store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["sync", "not a url", "--store", str(series_store.path)]) == 2
    assert "not a database URL" in capsys.readouterr().err
    assert main(["sync", "nosuchdb://x", "--store", str(series_store.path)]) == 2
    assert main(["sync", "sqlite:///:memory:", "nowhere", "--store", str(series_store.path)]) == 2
    assert "no page 'nowhere'" in capsys.readouterr().err
