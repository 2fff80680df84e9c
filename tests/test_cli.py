"""End to end through the real CLI in a subprocess: exit codes, stdout formats, stderr messages."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLES

SEED = SAMPLES / "seed.txt"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([sys.executable, "-m", "extractor", *args], input=stdin, capture_output=True,
                          cwd=ROOT, timeout=60)
    return subprocess.CompletedProcess(proc.args, proc.returncode, proc.stdout.decode("utf-8"),
                                       proc.stderr.decode("utf-8"))


def test_parse_seed_prints_one_json_document() -> None:
    proc = run("parse", str(SEED))
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["schema_version"] == 2
    assert [s["uid"] for s in doc["sessions"]] == [None] * 3  # only a store gives uids
    assert doc["source"]["kind"] == "text"
    assert [s["format"] for s in doc["sessions"]] == ["Études de cas"] * 3
    assert proc.stderr == ""


def test_parse_stdin_detects_html_from_content() -> None:
    proc = run("parse", "-", stdin=(SAMPLES / "seed-wix.html").read_bytes())
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["source"]["kind"] == "html"


def test_several_sources_give_one_document_per_line() -> None:
    proc = run("parse", str(SEED), str(SAMPLES / "en-12h.html"))
    lines = proc.stdout.splitlines()
    assert proc.returncode == 0
    assert [json.loads(line)["language"] for line in lines] == ["fr", "en"]


def test_jsonl_is_one_session_per_line() -> None:
    proc = run("parse", "--format", "jsonl", str(SEED))
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(rows) == 3
    assert rows[1]["speakers"][0]["name"] == "Geneviève Baril"
    assert rows[0]["page"].endswith("seed.txt")


def test_csv_is_one_row_per_session_and_neutralises_formulas(tmp_path: Path) -> None:
    page = tmp_path / "evil.txt"
    # A line with a link is no title any more; a DDE payload still is one, and must come out inert.
    page.write_text("9h-10h\n=cmd|'/C calc'!A0 Atelier\nSalle 2.105\nJane Doe, CEO, Acme Inc.\n", encoding="utf-8")
    proc = run("parse", "--format", "csv", str(SEED), str(page))
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert len(rows) == 4
    assert rows[1]["speakers"] == "Geneviève Baril (Ph.D., Codirectrice stratégie et innovation)"
    assert rows[1]["affiliations"] == "Cité-ID de l'ÉNAP"
    assert (rows[0]["room"], rows[0]["room_provisional"]) == ("", "yes")
    assert rows[3]["title"].startswith("'=")


def test_date_option_fills_days() -> None:
    proc = run("parse", "--date", "2025-11-19", str(SEED))
    assert {s["slot"]["day"] for s in json.loads(proc.stdout)["sessions"]} == {"2025-11-19"}


def test_lang_option_overrides_detection() -> None:
    proc = run("parse", "--lang", "en", str(SEED))
    assert json.loads(proc.stdout)["language"] == "en"


@pytest.mark.parametrize(("content", "message"), [
    (b"", "is empty"),
    (b"   \n\n", "is empty"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
    (b"\x00\x01\x02binary\x00stuff" * 10, "binary"),
    (b"Bonjour,\nceci n'est pas un programme.\n", "no programme found"),
    (b"<html><body><p>Just a page about cats.</p></body></html>", "no programme found"),
])
def test_bad_input_exits_2_with_one_line(tmp_path: Path, content: bytes, message: str) -> None:
    page = tmp_path / "bad.txt"
    page.write_bytes(content)
    proc = run("parse", str(page))
    assert proc.returncode == 2
    assert message in proc.stderr
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert proc.stdout == ""


def test_missing_file_and_bad_date_exit_2() -> None:
    assert "no such file" in run("parse", "/nonexistent/page.html").stderr
    proc = run("parse", "--date", "19/11/2025", str(SEED))
    assert proc.returncode == 2 and "YYYY-MM-DD" in proc.stderr


def test_one_bad_source_does_not_hide_the_others(tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    proc = run("parse", str(empty), str(SEED))
    assert proc.returncode == 2
    assert len(proc.stdout.splitlines()) == 1
    assert "empty" in proc.stderr


def test_schema_command_matches_committed_schema() -> None:
    proc = run("schema")
    assert proc.returncode == 0
    committed = json.loads((ROOT / "schemas" / "programme.schema.json").read_text(encoding="utf-8"))
    assert json.loads(proc.stdout) == committed, "run `make schema` and commit schemas/programme.schema.json"


def test_help_lists_commands_and_exit_codes() -> None:
    proc = run("--help")
    assert proc.returncode == 0
    assert "parse" in proc.stdout and "Exit codes" in proc.stdout


def test_as_of_sets_the_year_of_day_headings_without_one(tmp_path: Path) -> None:
    page = tmp_path / "p.txt"
    page.write_text("Mardi 22 juin\n11h00-12h00 Accueil des participants\nSalle 2.105\n", encoding="utf-8")
    days = {y: json.loads(run("parse", "--as-of", f"{y}-05-01", str(page)).stdout)["sessions"][0]["slot"]["day"]
            for y in (2021, 2027)}
    assert days == {2021: "2021-06-22", 2027: "2027-06-22"}
