"""A French page reads in French through every command: changelogs, digests, history, diff; dates too."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from extractor.changes.kinds import KINDS
from extractor.cli import main
from extractor.lexicon.messages import wording
from extractor.read import fetch
from tests.endpoint import endpoint
from tests.site import PROGRAMME, Site

EDITED = (PROGRAMME.replace("Salle à venir", "Salle 2.110")
          .replace("15h00-15h30\nPause", "15h30-16h00\nPause")
          .replace("Julie Roy, Directrice,", "Julie Roy, Directrice générale,"))
ENGLISH = ("room confirmed", "moved", "speaker", "Wednesday", "November", "changes", "Room", "Time")


@pytest.fixture(autouse=True)
def _fresh_fetch_state() -> None:
    fetch.reset_state()


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_a_french_page_is_worded_in_french_throughout(
    httpserver: HTTPServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site, store = Site(httpserver), str(tmp_path / "s.sqlite")
    with endpoint() as ep:
        check = ["check", site.url, "--store", store, "--notify", ep.url, "--digest", "--ignore-robots",
                 "--alert-on", "room_confirmed", "time_changed", "speakers_changed"]
        assert cli(capsys, *check)[0] == 0
        site.text = EDITED
        fetch.reset_state()  # no pacing between the two checks: the test is the only client
        code, out = cli(capsys, *check)
    assert code == 0
    when = "mercredi 19 novembre 2025"
    changelog = [f"Les transports collectifs  [{when}, 10h45–12h00]",
                 "- salle confirmée : Salle à venir → Salle 2.110",
                 f"- déplacée : {when}, 15h00–15h30 → {when}, 15h30–16h00",
                 "- intervenant modifié (fonctions) : Julie Roy : Directrice → Directrice générale"]
    assert all(line in out for line in changelog)
    assert "  * Programme modifié : 3 changements\n    3 changements au programme :" in out  # as sent
    (digest,) = ep.received
    assert digest["title"] == "Programme modifié : 3 changements"
    assert digest["message"].startswith("3 changements au programme :\n\n- ")
    assert (f"- La salle de « Les transports collectifs » ({when}, 10h45–12h00) est confirmée : Salle 2.110."
            in digest["message"])
    assert f"- « Pause » est déplacée : {when}, 15h30–16h00 (au lieu de {when}, 15h00–15h30)." in digest["message"]
    assert "Julie Roy (modification : fonctions)." in digest["message"]
    assert digest["language"] == "fr" and len(digest["events"]) == 3
    code, history = cli(capsys, "history", site.url, "--store", store)
    assert code == 0 and all(line in history for line in changelog)
    code, markdown = cli(capsys, "diff", f"{site.url}@1", f"{site.url}@latest", "--store", store, "--markdown")
    assert code == 1 and f"### Les transports collectifs ({when}, 10h45–12h00)" in markdown
    assert f"- **déplacée** : {when}, 15h00–15h30 → {when}, 15h30–16h00" in markdown
    assert "- **intervenant modifié (fonctions)** : Julie Roy : Directrice → Directrice générale" in markdown
    for text in (digest["message"], digest["title"], "\n".join(changelog), markdown):
        assert not any(word in text for word in ENGLISH), text


ENGLISH_PAGE = """Wednesday, November 19, 2025

9:00-10:15
Opening keynote: The future of cities
Room 118
Julie Roy, Director, Laval University

10:15-10:45
Break

10:45-12:00
Panel: Public transport
Room TBA
Marc Cote, Mayor, City of Quebec
"""


def test_an_english_page_is_worded_in_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text(ENGLISH_PAGE, encoding="utf-8")
    new.write_text(ENGLISH_PAGE.replace("Room TBA", "Room 204").replace("10:15-10:45", "10:30-11:00")
                   .replace("Julie Roy, Director,", "Julie Roy, Executive Director,"), encoding="utf-8")
    code, markdown = cli(capsys, "diff", str(old), str(new), "--markdown")
    when = "Wednesday 19 November 2025"
    assert code == 1 and markdown.splitlines() == [
        f"### The future of cities ({when}, 09:00–10:15)", "",
        "- **speaker changed (job titles)**: Julie Roy: Director → Executive Director", "",
        f"### Break ({when}, 10:30–11:00)", "",
        f"- **moved**: {when}, 10:15–10:45 → {when}, 10:30–11:00", "",
        f"### Public transport ({when}, 10:45–12:00)", "",
        "- **room confirmed**: Room TBA → Room 204"]


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_language_words_every_message_with_the_same_fields() -> None:
    # The words live in the lexicon, one table per language: a message one language lacks, or fills
    # with other fields, would fail only when a page in that language needs it.
    en, fr = wording("en"), wording("fr")
    assert set(en.alerts) == set(fr.alerts) == set(KINDS)
    assert set(KINDS) <= set(en.changelog)
    for name in ("alerts", "page_alerts", "changelog", "speaker", "speaker_fields"):
        ours, theirs = getattr(en, name), getattr(fr, name)
        assert set(ours) == set(theirs), name
        for key in ours:
            assert _fields(str(ours[key])) == _fields(str(theirs[key])), (name, key)
    for name in ("link", "digest", "test"):
        assert _fields(str(getattr(en, name))) == _fields(str(getattr(fr, name))), name
    assert len(en.weekdays) == len(fr.weekdays) == 7 and len(en.months) == len(fr.months) == 12
    assert wording("de") == wording(None) == en  # a language we have no words in reads in English
