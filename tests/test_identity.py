"""Stable session keys: a uid survives a fixed typo, a move and a new neighbour, and reads of old snapshots."""

from __future__ import annotations

import itertools
import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from extractor.changes.diff import diff, match_sessions
from extractor.changes.identity import identify, new_uid
from extractor.changes.keys import event_key, session_key
from extractor.cli import main
from extractor.models import Programme
from extractor.monitor.check import check
from extractor.monitor.reparse import reparse
from extractor.monitor.store import Store
from extractor.options import ParseOptions
from tests.builders import changed, programme, session, version_1
from tests.conftest import SAMPLES

SERIES = sorted((SAMPLES / "series").glob("*.txt"))
BREAKS = """Mercredi 19 novembre 2025

10h15-10h45
Pause

10h45-12h00
Table ronde : Les transports collectifs
Salle 2.110

15h00-15h30
Pause
"""
EARLY_BREAK = "Mercredi 19 novembre 2025\n\n8h30-9h00\nPause\n"


def stored(store: Store, page: str) -> list[Programme]:
    return [store.programme(s.id) for s in store.snapshots(page)]


def uid_of(p: Programme, start: str | None = None, title: str | None = None) -> str | None:
    (found,) = [s for s in p.sessions if (start is None or s.slot.start == start) and
                (title is None or s.title.startswith(title))]
    return found.uid


def test_uids_survive_the_series_typo_fix_move_and_cancellation(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.sqlite") as store:
        for version in SERIES:
            check(str(version), store=store, page_key="series")
        versions = stored(store, "series")
        snapshots = store.snapshots("series")
        first, before_fix, fixed, moved, last = versions[0], versions[4], versions[5], versions[6], versions[7]
        uids = [s.uid for s in first.sessions]
        assert all(uids) and len(set(uids)) == 3
        assert [s.uid for s in before_fix.sessions] == uids  # rooms, descriptions, typography, a speaker
        # A fixed typo changes the readable id, not the uid.
        assert before_fix.sessions[2].id != fixed.sessions[2].id and fixed.sessions[2].uid == uids[2]
        (renamed,) = store.events(snapshots[5].id)
        assert (renamed.kind, renamed.uid, renamed.old_session_id, renamed.session_id) == (
            "title_changed", uids[2], before_fix.sessions[2].id, fixed.sessions[2].id)
        # A move keeps it (the moved session is last on the page now).
        assert uid_of(moved, title="Coproduction et logement") == uids[1]
        assert {e.uid for e in store.events(snapshots[6].id)} == {uids[1]}
        # A cancelled session's removal names it.
        (removed,) = store.events(snapshots[7].id)
        assert (removed.kind, removed.uid, removed.old_session_id) == ("session_removed", uids[2], fixed.sessions[2].id)
        assert sorted(s.uid or "" for s in last.sessions) == sorted(u or "" for u in uids[:2])


def test_a_new_neighbour_shifting_the_ids_leaves_every_uid_in_place(tmp_path: Path) -> None:
    page = tmp_path / "programme.txt"
    page.write_text(BREAKS, encoding="utf-8")
    with Store.open(tmp_path / "s.sqlite") as store:
        check(str(page), store=store, page_key="p")
        page.write_text(BREAKS.replace("Mercredi 19 novembre 2025\n", EARLY_BREAK), encoding="utf-8")
        result = check(str(page), store=store, page_key="p")
        old, new = stored(store, "p")
        assert [s.id for s in old.sessions if s.title == "Pause"] == ["pause", "pause-2"]
        assert [s.id for s in new.sessions if s.title == "Pause"] == ["pause", "pause-2", "pause-3"]
        assert uid_of(new, "10:15") == uid_of(old, "10:15") and uid_of(new, "15:00") == uid_of(old, "15:00")
        assert uid_of(new, "08:30") not in {s.uid for s in old.sessions}
        assert [(e.kind, e.uid) for e in result.changes] == [("session_added", uid_of(new, "08:30"))]


def test_a_session_back_after_a_pause_of_the_matcher_keeps_its_uid_and_a_new_one_gets_its_own() -> None:
    first = identify(programme(session("Atelier A"), session("Atelier B", "15:00", "16:00")), page="p", snapshot=1)
    again = identify(programme(session("Atelier B", "15:00", "16:00"), session("Conférence de clôture", "09:00")),
                     first.sessions, page="p", snapshot=2)
    assert again.sessions[0].uid == first.sessions[1].uid
    fresh = new_uid("p", 2, "conference-de-cloture", set())
    assert again.sessions[1].uid == fresh and fresh not in {s.uid for s in first.sessions}
    assert identify(again, first.sessions, page="p", snapshot=3) == again  # given uids are kept


def test_version_1_snapshots_are_read_and_their_sessions_get_uids_from_the_next_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "s.sqlite"
    with Store.open(path) as store:
        for version in SERIES[:2]:
            check(str(version), store=store, page_key="p")
    version_1(path)
    with Store.open(path) as store:
        old = stored(store, "p")[1]
        assert old.schema_version == 1 and [s.uid for s in old.sessions] == [None] * 3
        result = check(str(SERIES[2]), store=store, page_key="p")
        latest = stored(store, "p")[2]
    # Given when first seen (@1) and carried: the same uids whichever version-1 snapshot is read.
    expected = [new_uid("p", 1, s.id, set()) for s in old.sessions]
    assert latest.schema_version == 2 and [s.uid for s in latest.sessions] == expected
    assert [(e.kind, e.uid) for e in result.changes] == [("description_finalized", expected[0])]
    assert main(["history", "p", "--store", str(path), "--json"]) == 0
    history = json.loads(capsys.readouterr().out)
    assert [len(s["events"]) for s in history["snapshots"]] == [0, 2, 1]
    assert main(["diff", "p@1", "p@latest", "--store", str(path), "--json"]) == 1
    assert {e["kind"] for e in json.loads(capsys.readouterr().out)} == {"room_confirmed", "description_finalized"}


def test_a_calendar_over_version_1_snapshots_lists_each_session_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, options = tmp_path / "s.sqlite", ParseOptions(default_date=date(2025, 11, 19))
    with Store.open(path) as store:
        for version in SERIES[4:6]:  # a speaker added, then a title's typo fixed
            check(str(version), store=store, page_key="p", options=options)
    version_1(path)
    with Store.open(path) as store:
        check(str(SERIES[6]), store=store, page_key="p", options=options)  # a move
        latest = {s.uid for s in stored(store, "p")[-1].sessions}
    assert main(["show", "p", "--format", "ics", "--tz", "America/Toronto", "--store", str(path)]) == 0
    events = [line for line in capsys.readouterr().out.splitlines() if line.startswith(("UID:", "STATUS:"))]
    assert "STATUS:CANCELLED" not in events and len(events) == 6  # not cancelled under their ids, listed again
    assert main(["show", "p@1", "--format", "jsonl", "--store", str(path)]) == 0
    assert {json.loads(line)["uid"] for line in capsys.readouterr().out.splitlines()} == latest


def test_reparse_keeps_the_uids(tmp_path: Path) -> None:
    with Store.open(tmp_path / "s.sqlite") as store:
        for version in SERIES[4:7]:
            check(str(version), store=store, page_key="p")
        before = [[s.uid for s in p.sessions] for p in stored(store, "p")]
        reparse(store, "p")
        assert [[s.uid for s in p.sessions] for p in stored(store, "p")] == before
        assert store.events(store.snapshots("p")[1].id)[0].uid == before[1][2]


def one_uid_per_session(versions: list[Programme]) -> bool:
    """Each session matched from one snapshot to the next has the same uid in both."""
    return all(old.uid == new.uid for a, b in itertools.pairwise(versions)
               for old, new in match_sessions(a.sessions, b.sessions)[0])


def test_reparse_over_version_1_snapshots_keeps_one_uid_per_session(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    with Store.open(path) as store:
        for version in SERIES[4:6]:  # a speaker added, then a title's typo fixed
            check(str(version), store=store, page_key="p")
    version_1(path)
    with Store.open(path) as store:
        check(str(SERIES[6]), store=store, page_key="p")  # a move: the first snapshot with uids
        latest = [s.uid for s in stored(store, "p")[-1].sessions]
        reparse(store, "p")
        versions = stored(store, "p")
        assert one_uid_per_session(versions) and all(s.uid for p in versions for s in p.sessions)
        # The uids checks already used (alerts, synced tables) are the ones kept.
        assert [s.uid for s in versions[-1].sessions] == latest
        assert {s.uid for s in versions[0].sessions} == set(latest)
        (moved,) = store.events(store.snapshots("p")[2].id)
        assert (moved.kind, moved.uid) == ("time_changed", uid_of(versions[2], title="Coproduction et logement"))


def test_a_session_the_new_parser_sees_sooner_keeps_the_uid_checks_gave_it(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"
    with Store.open(path) as store:
        for version in SERIES[:3]:
            check(str(version), store=store, page_key="p")
        uids = [s.uid for s in stored(store, "p")[-1].sessions]
    # As an older parser left it: the third session missed in @1, first seen (and given its uid) in @2.
    db = sqlite3.connect(path)
    rows = db.execute("SELECT id, number, parsed FROM snapshots ORDER BY number").fetchall()
    for snapshot_id, number, parsed in rows:
        data = json.loads(parsed)
        if number == 1:
            data["sessions"] = data["sessions"][:2]
        else:
            data["sessions"][2]["uid"] = new_uid("p", 2, data["sessions"][2]["id"], set())
        db.execute("UPDATE snapshots SET parsed = ? WHERE id = ?", (json.dumps(data), snapshot_id))
    db.commit()
    db.close()
    with Store.open(path) as store:
        reparse(store, "p")
        versions = stored(store, "p")
    later = new_uid("p", 2, versions[0].sessions[2].id, set())
    assert one_uid_per_session(versions) and [s.uid for s in versions[0].sessions] == [*uids[:2], later]


def test_calendars_and_databases_key_on_the_uid_and_on_the_id_without_one() -> None:
    one_off = programme(session("Pause", "10:15", "10:45"))  # a one-off parse: no uid
    stored = identify(one_off, page="p", snapshot=1)
    uid = stored.sessions[0].uid
    assert uid and session_key("p", one_off.sessions[0]) == "pause" and session_key("p", stored.sessions[0]) == uid
    [event] = diff(one_off, changed(one_off, 0, title="Pause café", id="pause-cafe"), page="p")
    assert event_key(event) == "pause-cafe"
    [event] = diff(stored, changed(stored, 0, title="Pause café", id="pause-cafe"), page="p")
    assert event_key(event) == uid
