"""`check`, `diff`, `history`, `alerts` and `reparse` end to end, on the samples and real stores."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.cli import main
from extractor.monitor.check import check
from extractor.monitor.store import Store
from tests.conftest import ROOT, SAMPLES
from tests.endpoint import endpoint

SERIES = sorted((SAMPLES / "series").glob("*.txt"))
SEED = (SAMPLES / "seed.txt").read_text(encoding="utf-8")


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def next_seed_version() -> str:
    """What the seed's organisers publish next: a room confirmed, a description final, a dash restyled."""
    text = SEED.replace("Salle à venir", "Salle 2.105", 1)
    text = text.replace("Description provisoire :", "Description :", 1)
    return text.replace("valeurs publiques – efficacité", "valeurs publiques - efficacité")


def test_next_version_of_the_seed_alerts_the_room_and_the_description_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = str(tmp_path / "s.sqlite")
    page = tmp_path / "programme.txt"
    page.write_text(SEED, encoding="utf-8")
    code, out, _ = cli(capsys, "check", str(page), "--store", store, "--json", "--exit-code")
    first = json.loads(out)
    assert (code, first["status"], first["changes"], first["alerts"]) == (0, "first", [], [])
    page.write_text(next_seed_version(), encoding="utf-8")
    code, out, _ = cli(capsys, "check", str(page), "--store", store, "--json", "--exit-code")
    result = json.loads(out)
    assert code == 1
    assert result["page"] == str(page.resolve()) and result["snapshot"]["number"] == 2
    assert sorted(a["kind"] for a in result["alerts"]) == ["description_finalized", "room_confirmed"]
    changes = {(c["kind"], c["cosmetic"]) for c in result["changes"]}
    assert changes == {
        ("room_confirmed", False),
        ("description_finalized", False),
        ("description_changed", True),
    }
    assert {"kind", "session_id", "title", "old", "new", "cosmetic"} <= result["changes"][0].keys()
    code, out, _ = cli(capsys, "check", str(page), "--store", store, "--json", "--exit-code")
    assert (code, json.loads(out)["status"], json.loads(out)["alerts"]) == (0, "unchanged", [])


def test_check_summary_over_the_series(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = str(tmp_path / "s.sqlite")
    outputs = [cli(capsys, "check", str(f), "--store", store, "--page", "series")[1] for f in SERIES]
    assert outputs[0].startswith("series (series@1) : premier instantané")
    # Worded in the page's language, dates and times too, and the lines around the changelog.
    assert "salle confirmée : Salle à venir → Salle 2.105" in outputs[1]
    assert "series (series@2) : 2 changement(s), 2 alerte(s)\n" in outputs[1]
    assert "Alertes (pas de --notify : affichées, non envoyées) :" in outputs[1]
    assert "(typographie seulement)" in outputs[3] and "Alertes" not in outputs[3]
    assert "intervenant ajouté : Marc-André Lavoie" in outputs[4]
    assert "renommée : Tranformer" in outputs[5] and "annulée" not in outputs[5]
    assert "déplacée : 13h30–14h45 → 15h00–16h15" in outputs[6]
    assert "- annulée" in outputs[7] and "Séance retirée" in outputs[7]
    assert "\033[" not in "".join(outputs)  # not a terminal: no colour


def test_delivery_failure_exits_5_and_alerts_retry_delivers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = str(tmp_path / "s.sqlite")
    with endpoint() as ep:
        cli(capsys, "check", str(SERIES[0]), "--store", store, "--page", "p", "--notify", ep.url)
        ep.down = True
        code, out, err = cli(
            capsys, "check", str(SERIES[1]), "--store", store, "--page", "p", "--notify", ep.url
        )
        assert code == 5 and "2 alert(s) not delivered" in err and out.count(" : ÉCHEC (") == 2
        code, out, _ = cli(capsys, "alerts", "--store", store)
        assert code == 0 and out.count(" waiting ") == 2
        ep.down = False
        code, out, err = cli(capsys, "alerts", "--store", store, "--retry")
        assert code == 5 and "2 alert(s) wait for a target this command was not given" in err
        code, out, _ = cli(capsys, "alerts", "--store", store, "--retry", "--notify", ep.url)
        assert code == 0 and out.count(": sent") == 2
        assert len(ep.received) == 2
        code, out, _ = cli(capsys, "alerts", "--store", store, "--json", "--all")
        assert [row["state"] for row in json.loads(out)] == ["delivered", "delivered"]


def test_diff_exit_codes_and_forms(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(capsys, "diff", str(SERIES[0]), str(SERIES[0]))[:2] == (0, "")
    code, out, _ = cli(capsys, "diff", str(SERIES[0]), str(SERIES[1]), "--markdown")
    assert code == 1 and "- **salle confirmée** : Salle à venir → Salle 2.105" in out
    code, out, _ = cli(capsys, "diff", str(SERIES[6]), str(SERIES[7]), "--json")
    assert code == 1 and [e["kind"] for e in json.loads(out)] == ["session_removed"]
    code, _, err = cli(capsys, "diff", str(SERIES[0]), str(tmp_path / "missing.txt"))
    assert code == 2 and "no such file" in err


def test_diff_and_history_of_stored_snapshots(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = str(tmp_path / "s.sqlite")
    for f in SERIES[:3]:
        cli(capsys, "check", str(f), "--store", store, "--page", "series")
    code, out, _ = cli(capsys, "diff", "series@1", "series@latest", "--store", store)
    assert code == 1 and "description définitive" in out and "salle confirmée" in out
    assert cli(capsys, "diff", "series@latest~1", "series@2", "--store", store)[0] == 0
    code, _, err = cli(capsys, "diff", "series@1", "series@7", "--store", store)
    assert code == 2 and "no such snapshot" in err
    code, _, err = cli(capsys, "diff", "series@1", "series@2", "--store", str(tmp_path / "none.sqlite"))
    assert code == 2 and "no store" in err
    code, out, _ = cli(capsys, "history", "series", "--store", store)
    assert code == 0 and "series : 3 instantané(s), dernière vérification " in out
    assert "3 séance(s), salles à confirmer : 3, descriptions provisoires : 1" in out.splitlines()[1]
    code, out, _ = cli(capsys, "history", "series", "--store", store, "--json")
    history = json.loads(out)
    assert [len(s["events"]) for s in history["snapshots"]] == [0, 2, 1]
    assert cli(capsys, "history", "unknown", "--store", store)[0] == 2


def test_reparse_rebuilds_records_and_events_from_the_raw_pages(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "s.sqlite"
    for f in SERIES[:2]:
        cli(capsys, "check", str(f), "--store", str(path), "--page", "series")
    db = sqlite3.connect(path)  # as an older parser might have left them: records and events wrong
    db.execute(
        "UPDATE snapshots SET parsed = json_set(parsed, '$.sessions', json('[]')), parser_version = 'old'"
    )
    db.execute('UPDATE snapshots SET parsed = \'{"programme": "in a shape long gone"}\' WHERE number = 1')
    db.execute("DELETE FROM events")
    db.commit()
    db.close()
    code, _, err = cli(capsys, "history", "series", "--store", str(path))
    assert code == 4 and "run `extractor reparse`" in err
    code, out, _ = cli(capsys, "reparse", "--store", str(path))
    assert code == 0 and "series@1: 3 session(s), records changed (was parser old)" in out
    with Store.open(path) as store:
        latest = store.latest("series")
        assert latest is not None and len(store.programme(latest.id).sessions) == 3
        assert [e.kind for e in store.events(latest.id)] == ["room_confirmed", "room_confirmed"]


def test_stdin_needs_a_page_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, "check", "-", "--store", str(tmp_path / "s.sqlite"))
    assert code == 2 and "--page KEY" in err


def test_a_failed_check_is_recorded(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = str(tmp_path / "s.sqlite")
    cli(capsys, "check", str(SERIES[0]), "--store", store, "--page", "p")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    for _ in range(2):
        code, _, _ = cli(capsys, "check", str(empty), "--store", store, "--page", "p")
        assert code == 2
    with Store.open(store) as s:
        assert s.consecutive_failures("p") == 2


def test_store_does_not_grow_over_100_unchanged_checks(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite"

    def size_after(checks: int) -> int:
        with Store.open(path) as store:
            for _ in range(checks):
                check(str(SERIES[0]), store=store, page_key="p")
            store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return path.stat().st_size

    baseline = size_after(2)
    assert size_after(100) == baseline
    with Store.open(path) as store:
        assert [(c["outcome"], c["count"]) for c in store.checks("p")] == [
            ("snapshot", 1),
            ("unchanged", 101),
        ]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_terminal_without_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    from extractor import parse_source
    from extractor.changes.diff import diff
    from extractor.cli.render import text_changelog, use_colour

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert use_colour(Terminal()) and not use_colour(io.StringIO())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_colour(Terminal())
    events = diff(parse_source(str(SERIES[0])), parse_source(str(SERIES[1])))
    coloured = text_changelog(events, colour=True)
    assert "\033[32m- " not in coloured[1] and "\033[32mroom confirmed" in coloured[1]
    assert "\033[32msalle confirmée" in text_changelog(events, colour=True, language="fr")[1]


ENGLISH = """Wednesday, November 19, 2025

9:00 AM - 10:00 AM
Opening keynote: The future of cities
Room TBA
Jane Doe, Director, Acme University
"""


def test_diff_is_worded_in_the_pages_language(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(ENGLISH, encoding="utf-8")
    new.write_text(ENGLISH.replace("9:00 AM - 10:00 AM", "10:00 AM - 11:00 AM").replace("Room TBA", "Room 118"),
                   encoding="utf-8")
    code, out, _ = cli(capsys, "diff", str(old), str(new), "--markdown")
    assert code == 1 and out.splitlines() == [
        "### The future of cities (Wednesday 19 November 2025, 10:00–11:00)", "",
        "- **moved**: Wednesday 19 November 2025, 09:00–10:00 → Wednesday 19 November 2025, 10:00–11:00",
        "- **room confirmed**: Room TBA → Room 118"]


def test_verbose_after_the_command_says_what_check_did(tmp_path: Path) -> None:
    store = str(tmp_path / "s.sqlite")

    def run(*argv: str) -> subprocess.CompletedProcess[str]:  # its own process: logging is configured once
        return subprocess.run([sys.executable, "-m", "extractor", *argv], capture_output=True, text=True,
                              cwd=ROOT, env={**os.environ, "NO_COLOR": "1"}, check=False)

    first = run("check", str(SERIES[0]), "--store", store, "--page", "p", "-v")
    assert first.returncode == 0 and f"extractor: INFO: read {SERIES[0]}: " in first.stderr
    assert "p@1: 3 session(s), 0 change(s)" in first.stderr
    second = run("check", "-v", str(SERIES[1]), "--store", store, "--page", "p")
    assert second.returncode == 0 and "p@2: 3 session(s), 2 change(s), 2 alert(s)" in second.stderr
    assert run("check", str(SERIES[1]), "--store", store, "--page", "p").stderr == ""  # quiet without -v
    with endpoint() as ep:  # a failed send is said once, by us: none of Apprise's lines without -v
        ep.down = True
        failed = run("check", str(SERIES[2]), "--store", store, "--page", "p", "--notify", ep.url)
    assert failed.returncode == 5 and failed.stdout.count(" : ÉCHEC (") == 1 and failed.stderr == (
        "extractor: error: 1 alert(s) not delivered; they stay queued and are retried by the next check or "
        "`extractor alerts --retry`\n")


def test_pages_lists_the_store_and_history_takes_a_watch_files_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "s.sqlite"
    with Store.open(store) as s:
        for version in SERIES[:2]:
            check(str(version), store=s, page_key="https://example.org/colloque", name="Colloque")
        check(str(SERIES[0]), store=s, page_key="other")
    code, out, _ = cli(capsys, "pages", "--store", str(store))
    assert code == 0 and out.splitlines()[0] == "https://example.org/colloque  [Colloque]"
    assert ", snapshot, 2 snapshot(s)" in out.splitlines()[1] and out.splitlines()[2] == "other"
    code, out, _ = cli(capsys, "pages", "--store", str(store), "--json")
    assert [(p["key"], p["name"], p["snapshots"], p["last_outcome"]) for p in json.loads(out)] == [
        ("https://example.org/colloque", "Colloque", 2, "snapshot"), ("other", None, 1, "snapshot")]
    code, out, _ = cli(capsys, "history", "Colloque", "--store", str(store))
    assert code == 0 and out.startswith("https://example.org/colloque (Colloque) : 2 instantané(s)")
    code, _, err = cli(capsys, "history", "Nope", "--store", str(store))
    assert code == 2 and "`extractor pages` lists them" in err
    # Where a stored snapshot is named, the name serves as well as the key.
    code, out, _ = cli(capsys, "diff", "Colloque@1", "Colloque@latest", "--store", str(store))
    assert code == 1 and "salle confirmée" in out
    code, out, _ = cli(capsys, "show", "Colloque@1", "--store", str(store), "--format", "jsonl")
    assert code == 0 and len(out.splitlines()) == 3


def test_parse_takes_verbose_after_the_command_too(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "parse", str(SERIES[0]), "-v", "--format", "summary")
    assert code == 0 and "3 sessions" in out
