"""`extractor show PAGE[@N]` and the event's time zone (--tz, the watch file), through the CLI in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractor.cli import main
from extractor.errors import ConfigError
from extractor.monitor.store import Store
from extractor.watch.config import parse
from extractor.watch.scheduler import PageChecker
from tests.conftest import SAMPLES

SERIES = sorted((SAMPLES / "series").glob("*.txt"))


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "s.sqlite")
    for version in SERIES[:3]:
        assert cli(capsys, "check", str(version), "--store", path, "--page", "demo", "--tz", "America/Toronto")[0] == 0
    return path


def test_show_prints_the_latest_snapshot_or_the_one_named(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = cli(capsys, "show", "demo", "--store", store)
    assert (code, err) == (0, "")
    latest = json.loads(out)
    with Store.open(store) as s:
        snapshot = s.latest("demo")
        assert snapshot is not None
        assert latest == s.programme(snapshot.id).model_dump(mode="json")
    assert latest["timezone"] == "America/Toronto"  # `check --tz` stored it with the records
    assert latest["source"]["location"].endswith("03-description-final.txt")
    code, out, _ = cli(capsys, "show", "demo@1", "--store", store, "--format", "jsonl")
    assert code == 0 and {json.loads(line)["page"] for line in out.splitlines()} == {str(SERIES[0].resolve())}
    code, out, _ = cli(capsys, "show", "demo@latest~1", "--store", store, "--format", "summary")
    assert code == 0 and "02-rooms-confirmed.txt" in out.splitlines()[0]


def test_show_tz_sets_the_zone_of_what_it_prints(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "show", "demo", "--store", store, "--tz", "Europe/Paris")
    assert code == 0 and json.loads(out)["timezone"] == "Europe/Paris"


@pytest.mark.parametrize(("argv", "message"), [
    (["show", "nowhere"], "no page 'nowhere' in the store"),
    (["show", "demo@9"], "demo@9: no such snapshot"),
    (["show", "demo", "--tz", "Paris"], "--tz: unknown time zone 'Paris'"),
    (["show", "demo", "--format", "summary", "--excel"], "--excel goes with --format csv"),
])
def test_show_refuses_with_one_line_and_exit_2(store: str, capsys: pytest.CaptureFixture[str], argv: list[str],
                                               message: str) -> None:
    code, out, err = cli(capsys, *argv, "--store", store)
    assert (code, out) == (2, "")
    assert err.startswith("extractor: error: ") and message in err and err.count("\n") == 1


def test_show_without_a_store_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, "show", "demo", "--store", str(tmp_path / "none.sqlite"))
    assert code == 2 and "no store at" in err


def test_parse_tz_sets_the_records_zone_and_checks_it(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = cli(capsys, "parse", "--tz", "Europe/Paris", str(SAMPLES / "seed.txt"))
    assert code == 0 and json.loads(out)["timezone"] == "Europe/Paris"
    code, out, _ = cli(capsys, "parse", str(SAMPLES / "seed.txt"))
    assert code == 0 and json.loads(out)["timezone"] is None
    code, _, err = cli(capsys, "parse", "--tz", "Europe/Nowhere", str(SAMPLES / "seed.txt"))
    assert code == 2 and "unknown time zone 'Europe/Nowhere'" in err


def test_frab_takes_one_source(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = cli(capsys, "parse", "--format", "frab-xml", "--tz", "UTC", str(SAMPLES / "seed.txt"),
                       str(SAMPLES / "rooms.txt"))
    assert code == 2 and "give one source" in err


def test_the_watch_file_gives_a_zone_per_page_or_for_all() -> None:
    config = parse('tz = "Europe/Paris"\n[[page]]\nurl = "https://a.example/"\n'
                   '[[page]]\nurl = "https://b.example/"\ntz = "America/Toronto"\n', Path("w.toml"))
    assert [p.tz for p in config.pages] == ["Europe/Paris", "America/Toronto"]
    with pytest.raises(ConfigError, match=r"w.toml:3: \[\[page\]\] #1, key 'tz': unknown time zone 'Paris'"):
        parse('[[page]]\nurl = "https://a.example/"\ntz = "Paris"\n', Path("w.toml"))


def test_watch_stores_each_page_with_its_zone(tmp_path: Path) -> None:
    seed = SAMPLES / "seed.txt"
    config = parse(f'tz = "Europe/Paris"\n[[page]]\nurl = "{seed}"\nkey = "seed"\n', tmp_path / "w.toml")
    checker = PageChecker(config, tmp_path / "s.sqlite")
    try:
        assert checker(config.pages[0]).status == "first"
    finally:
        checker.close()
    with Store.open(tmp_path / "s.sqlite") as store:
        snapshot = store.latest("seed")
        assert snapshot is not None and store.programme(snapshot.id).timezone == "Europe/Paris"


def test_reparse_keeps_the_zone_a_user_gave(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(capsys, "reparse", "demo", "--store", store)[0] == 0
    code, out, _ = cli(capsys, "show", "demo@1", "--store", store)
    assert code == 0 and json.loads(out)["timezone"] == "America/Toronto"
