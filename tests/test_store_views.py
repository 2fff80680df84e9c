"""The snapshot store's views (current_sessions, current_speakers, changes): what Datasette shows of a store is
rows, the same rows `extractor sync` writes, and no secret anywhere."""

from __future__ import annotations

import asyncio
import socket
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from extractor.cli import main
from extractor.monitor.store import Store
from extractor.monitor.store_schema import MIGRATIONS
from extractor.sync.writer import sync
from tests.test_sync import SERIES, checked, rows

VIEWS = ("current_sessions", "current_speakers", "changes")


def view(store: Path, name: str, order: str) -> list[dict[str, Any]]:
    db = sqlite3.connect(store)
    db.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in db.execute(f"SELECT * FROM {name} ORDER BY {order}")]
    finally:
        db.close()


@pytest.fixture(scope="module")
def series(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("views") / "series.sqlite"
    with Store.open(path) as store:
        checked(store, SERIES)
    return path


def test_the_views_show_the_latest_snapshot_as_the_sync_tables_do(series: Path, tmp_path: Path) -> None:
    target = f"sqlite:///{tmp_path / 'target.db'}"
    with Store.open(series) as store:
        sync(target, store)
        events = [(s.number, i, e.kind) for s in store.snapshots("demo") for i, e in enumerate(store.events(s.id))]

    def sessions(found: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        return [(r["uid"], r["id"], r["day"], r["start"], r["end"], r["title"], r["room_name"],
                 bool(r["room_provisional"]), bool(r["description_provisional"])) for r in found]

    current = view(series, "current_sessions", "uid")
    assert len(current) == 2 and {r["snapshot"] for r in current} == {len(SERIES)}
    assert sessions(current) == sessions([r for r in rows(target, "sessions", "uid") if r["removed_at"] is None])
    people = view(series, "current_speakers", "session_uid, position")
    assert [(p["session_uid"], p["position"], p["name"], p["affiliation"]) for p in people] == \
        [(p["session_uid"], p["position"], p["name"], p["affiliation"])
         for p in rows(target, "speakers", "session_uid, position") if p["session_uid"] in {r["uid"] for r in current}]
    assert next(p["credentials"] for p in people if p["name"] == "Geneviève Baril") == '["Ph.D."]'
    changes = view(series, "changes", "snapshot, position")
    assert [(c["snapshot"], c["position"], c["kind"]) for c in changes] == events
    assert [c["uid"] for c in changes] == [c["uid"] for c in rows(target, "changes", "snapshot, position")]
    assert (changes[0]["old"], changes[0]["new"]) == ("Salle à venir", "Salle 2.105")  # text, not JSON


def test_datasette_serves_the_views_as_rows(series: Path) -> None:
    pytest.importorskip("datasette", reason="the test extra installs Datasette")
    from datasette.app import Datasette  # type: ignore[import-untyped]

    async def fetch(path: str) -> Any:
        response = await Datasette([str(series)]).client.get(path)
        assert response.status_code == 200, path
        return response.json()

    database = series.stem
    sessions = asyncio.run(fetch(f"/{database}/current_sessions.json?_shape=array"))
    assert [s["room_name"] for s in sessions] == ["Salle 2.105", "Salle Marie-Gérin-Lajoie"]
    people = asyncio.run(fetch(f"/{database}/current_speakers.json?_shape=array&name=Geneviève+Baril"))
    assert [(p["affiliation"], p["credentials"]) for p in people] == [("Cité-ID de l'ÉNAP", '["Ph.D."]')]
    changes = asyncio.run(fetch(f"/{database}/changes.json?_shape=array&kind=session_removed"))
    assert [c["snapshot"] for c in changes] == [len(SERIES)]


def test_a_store_made_before_the_views_gets_them_when_opened(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / "old.sqlite")
    for migration in MIGRATIONS[:3]:
        db.executescript(migration)
    db.executescript("CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (3);")
    db.close()
    with Store.open(tmp_path / "old.sqlite") as store:
        assert store.schema_version() == len(MIGRATIONS)
        checked(store, SERIES[:2])
    assert [r["room_name"] for r in view(tmp_path / "old.sqlite", "current_sessions", "position")] == \
        ["Salle 2.105", "Salle Marie-Gérin-Lajoie", None]


def test_no_secret_in_any_table_or_view_of_the_store_or_the_target(tmp_path: Path) -> None:
    token = "Zq7secretTOKEN"
    with socket.socket() as probe:  # a port nothing listens on: the alert fails and stays queued
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    store, target = tmp_path / "s.sqlite", tmp_path / "target.db"
    for version in SERIES[:2]:
        main(["check", str(version), "--store", str(store), "--page", "demo", "--sync", f"sqlite:///{target}",
              "--notify", f"json://user:{token}@127.0.0.1:{port}/{token}"])
    for path in (store, target):
        db = sqlite3.connect(path)
        names = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")]
        assert path != store or set(VIEWS) <= set(names)
        for name in names:
            found = db.execute(f'SELECT * FROM "{name}"').fetchall()
            assert token not in repr(found), f"{path.name}: {name}"
        db.close()
    assert view(store, "changes", "snapshot") and view(store, "current_sessions", "uid")
