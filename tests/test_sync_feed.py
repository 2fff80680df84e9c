"""`check --sync` and the watch file's `sync`: the target follows the store check by check, so its `changes`
table reads as a feed; a target that fails costs the store nothing; a sync killed midway writes nothing."""

from __future__ import annotations

import select
import signal
import socket
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from extractor.cli import main
from extractor.monitor.store import Store
from extractor.sync.writer import sync
from extractor.watch import config as watch_config
from extractor.watch.scheduler import watch
from tests import test_sync
from tests.test_sync import SERIES, checked, rows

target = test_sync.target  # the fixture: each test that takes it runs against SQLite and a real PostgreSQL
writes = test_sync.writes  # the fixture: the statements that write

ROOT = Path(__file__).resolve().parent.parent
ZONE = ["--date", "2025-11-19", "--tz", "America/Toronto"]


def check_cli(version: Path, store: Path, *extra: str) -> int:
    return main(["check", str(version), "--store", str(store), "--page", "demo", *ZONE, *extra])


def test_check_sync_after_each_snapshot_makes_changes_a_feed_in_order(target: str, tmp_path: Path) -> None:
    store = tmp_path / "s.sqlite"
    seen: list[int] = []
    for version in SERIES:
        assert check_cli(version, store, "--sync", target) == 0
        # Each check leaves the target at the snapshot it stored: a consumer polling `changes` after the
        # highest (snapshot, position) it read gets every event once, in the store's order.
        seen.append(rows(target, "pages", "key")[0]["synced_snapshot"])
    assert seen == list(range(1, len(SERIES) + 1))
    feed = [(c["snapshot"], c["position"], c["kind"]) for c in rows(target, "changes", "snapshot, position")]
    with Store.open(store) as opened:
        expected = [(s.number, i, e.kind) for s in opened.snapshots("demo") for i, e in enumerate(opened.events(s.id))]
    assert feed == expected and len(feed) == 8
    assert check_cli(SERIES[-1], store, "--sync", target) == 0  # unchanged: the check time moves, nothing else
    [page] = rows(target, "pages", "key")
    assert (page["status"], page["synced_snapshot"]) == ("unchanged", len(SERIES))
    assert len(rows(target, "changes", "snapshot, position")) == 8


def test_a_failing_target_exits_6_keeps_the_snapshot_and_the_next_sync_catches_up(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store, good = tmp_path / "s.sqlite", f"sqlite:///{tmp_path / 'feed.db'}"
    unwritable = f"sqlite:///{tmp_path / 'no' / 'such' / 'dir.db'}"
    assert check_cli(SERIES[0], store, "--sync", good) == 0
    assert check_cli(SERIES[1], store, "--sync", unwritable) == 6
    err = capsys.readouterr().err
    assert "cannot write the sync target" in err and "the check is stored" in err and "Traceback" not in err
    with Store.open(store) as opened:
        assert [s.number for s in opened.snapshots("demo")] == [1, 2]
    assert rows(good, "pages", "key")[0]["synced_snapshot"] == 1
    assert check_cli(SERIES[2], store, "--sync", good) == 0
    assert [c["snapshot"] for c in rows(good, "changes", "snapshot, position")] == [2, 2, 3]


def test_an_unreachable_postgresql_exits_6_and_a_failed_check_is_synced_as_failed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store, good = tmp_path / "s.sqlite", f"sqlite:///{tmp_path / 'feed.db'}"
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert check_cli(SERIES[0], store, "--sync", f"postgresql+psycopg://nobody:pw@127.0.0.1:{port}/db") == 6
    err = capsys.readouterr().err
    assert "cannot write the sync target postgresql+psycopg://nobody:***@127.0.0.1" in err and ":pw@" not in err
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    assert main(["check", str(empty), "--store", str(store), "--page", "demo", "--sync", good]) == 2
    [page] = rows(good, "pages", "key")
    assert (page["status"], page["synced_snapshot"]) == ("failed", 1)  # the snapshot the earlier sync missed


def test_a_bad_sync_url_is_refused_before_anything_is_stored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert check_cli(SERIES[0], tmp_path / "s.sqlite", "--sync", "programmes.db") == 2
    assert "not a database URL" in capsys.readouterr().err
    assert not (tmp_path / "s.sqlite").exists()


def test_watch_syncs_each_page_into_the_files_target_with_its_name(tmp_path: Path) -> None:
    page = tmp_path / "programme.txt"
    page.write_bytes(SERIES[0].read_bytes())
    config = tmp_path / "watch.toml"
    config.write_text(textwrap.dedent(f"""\
        store = "watch.sqlite"
        sync = "sqlite:///feed.db"
        date = "2025-11-19"
        tz = "America/Toronto"
        [[page]]
        name = "Colloque"
        url = "{page}"
    """), encoding="utf-8")
    loaded = watch_config.load(config)
    assert watch(loaded, once=True, install_signal_handlers=False).exit_code == 0
    page.write_bytes(SERIES[1].read_bytes())
    assert watch(loaded, once=True, install_signal_handlers=False).exit_code == 0
    feed = f"sqlite:///{tmp_path / 'feed.db'}"  # relative to the watch file, as `store` is
    [row] = rows(feed, "pages", "key")
    assert (row["key"], row["name"], row["synced_snapshot"], row["timezone"]) == \
        (str(page), "Colloque", 2, "America/Toronto")
    assert [c["kind"] for c in rows(feed, "changes", "snapshot, position")] == ["room_confirmed"] * 2


def test_watch_workers_sync_several_pages_into_one_target_at_once(tmp_path: Path) -> None:
    pages = [tmp_path / f"p{i}.txt" for i in range(4)]
    for page, version in zip(pages, SERIES, strict=False):
        page.write_bytes(version.read_bytes())
    tables = "".join(f'[[page]]\nurl = "{page}"\n' for page in pages)
    (tmp_path / "w.toml").write_text(f'workers = 4\nsync = "sqlite:///feed.db"\n{tables}', encoding="utf-8")
    summary = watch(watch_config.load(tmp_path / "w.toml"), store_path=tmp_path / "s.sqlite", once=True,
                    install_signal_handlers=False)
    assert (summary.exit_code, summary.checks) == (0, 4)
    feed = f"sqlite:///{tmp_path / 'feed.db'}"
    assert sorted(p["key"] for p in rows(feed, "pages", "key")) == sorted(str(p) for p in pages)
    assert len(rows(feed, "sessions", "page, uid")) == 12


def test_watch_reports_a_failing_target_with_exit_6_and_a_bad_one_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "watch.toml"
    config.write_text(f'sync = "sqlite:///no/such/dir/feed.db"\n[[page]]\nurl = "{SERIES[0]}"\n', encoding="utf-8")
    assert main(["watch", str(config), "--once", "--store", str(tmp_path / "s.sqlite"), "--progress", "off"]) == 6
    assert "sync failed: cannot write the sync target" in capsys.readouterr().err
    with Store.open(tmp_path / "s.sqlite") as store:
        assert len(store.snapshots(str(SERIES[0]))) == 1
    config.write_text(f'sync = "nowhere"\n[[page]]\nurl = "{SERIES[0]}"\n', encoding="utf-8")
    assert main(["watch", str(config), "--once", "--store", str(tmp_path / "s.sqlite")]) == 2
    assert "key 'sync'" in capsys.readouterr().err


def test_records_rebuilt_by_reparse_reach_the_rows_and_nothing_else_is_written(
    target: str, tmp_path: Path, writes: list[str]
) -> None:
    with Store.open(tmp_path / "s.sqlite") as store:
        sync(target, checked(store, SERIES))
        latest = store.snapshots("demo")[-1]
        records = store.programme(latest.id)
        fixed = records.sessions[0].model_copy(update={"title": "Coproduction et numérique (titre relu)"})
        store.replace_parsed(latest.id, records.model_copy(update={"sessions": [fixed, *records.sessions[1:]]}),
                             "reparsed", store.events(latest.id))
        writes.clear()
        [done] = sync(target, store)
    assert (done.snapshots, done.sessions, done.changes) == (0, 1, 0)
    assert [w.split()[0].upper() for w in writes] == ["UPDATE"]  # the one session row
    assert fixed.title in [r["title"] for r in rows(target, "sessions", "uid")]


# The child syncs and, once it has written part of the page, says so and waits to be killed.
KILLED_SYNC = """
import sys, time
from sqlalchemy import Engine, event
from extractor.monitor.store import Store
from extractor.sync.writer import sync

written = []

def pause(_conn, _cursor, statement, *_):
    if statement.lstrip().upper().startswith(("INSERT INTO CHANGES", 'INSERT INTO "CHANGES"')):
        written.append(statement)
        if len(written) == 3:
            print("midway", flush=True)
            time.sleep(60)

event.listen(Engine, "before_cursor_execute", pause)
with Store.open(sys.argv[1]) as store:
    sync(sys.argv[2], store)
"""


def test_a_sync_killed_midway_leaves_nothing_half_written(target: str, tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.sqlite") as store:
        checked(store, SERIES)
    child = subprocess.Popen([sys.executable, "-c", KILLED_SYNC, str(tmp_path / "s.sqlite"), target],
                             stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert child.stdout is not None
        assert select.select([child.stdout], [], [], 60)[0], "the child never reached the middle of the sync"
        assert child.stdout.readline().strip() == "midway"
        child.send_signal(signal.SIGKILL)
        child.wait(30)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL
    # The page's one transaction died with the process: no row of it, the page where it was.
    assert rows(target, "sessions", "uid") == [] and rows(target, "changes", "snapshot") == []
    assert rows(target, "speakers", "page") == []
    assert all(p["synced_snapshot"] == 0 for p in rows(target, "pages", "key"))
    with Store.open(tmp_path / "s.sqlite") as store:
        [done] = sync(target, store)  # and nothing the killed process held (a lock) stops the next sync
    assert (done.snapshots, done.changes) == (8, 8)
