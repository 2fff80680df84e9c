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
from tests.site import PROGRAMME, Site, truncated

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


# The words of the lines `check` and `history` print around an English changelog.
ENGLISH_STATUS = ("snapshot", "change(s)", "alert(s)", "Alerts", "unchanged", "rooms to confirm", "last checked",
                  "suspect:", "lost", "held", "sent", "outbox", "FAILED", "next try", "confirmed (")


def test_the_lines_around_a_french_changelog_are_french_too(
    httpserver: HTTPServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site, store = Site(httpserver), str(tmp_path / "s.sqlite")
    check = ["check", site.url, "--store", store, "--ignore-robots"]
    outputs = [cli(capsys, *check)[1]]
    site.text = EDITED
    fetch.reset_state()
    outputs.append(cli(capsys, *check, "--alert-on", "room_confirmed", "time_changed")[1])
    fetch.reset_state()
    outputs.append(cli(capsys, *check)[1])
    site.text = truncated(EDITED, 2)
    fetch.reset_state()
    with endpoint() as ep:
        outputs.append(cli(capsys, *check, "--notify", ep.url)[1])  # suspect: its removals held
        fetch.reset_state()
        outputs.append(cli(capsys, *check, "--notify", ep.url)[1])  # still truncated: the removals are real
    assert len(ep.received) == 4
    first, edited, unchanged, suspect, confirmed = outputs
    assert first == f"{site.url} ({site.url}@1) : premier instantané, la référence des changements à venir\n"
    assert edited.startswith(f"{site.url} ({site.url}@2) : 3 changement(s), 2 alerte(s)\n")
    assert "\nAlertes (pas de --notify : affichées, non envoyées) :\n  * Salle confirmée : " in edited
    assert unchanged == f"{site.url} ({site.url}@2) : inchangée\n"
    assert f"{site.url} ({site.url}@3) : 4 changement(s), 0 alerte(s)\n" in suspect
    assert "  suspecte : la page a perdu 4 séance(s) d'un coup ; leurs alertes de retrait sont retenues" in suspect
    assert f"  retraits retenus de {site.url}@3 : 4 confirmé(s) (signalé(s) maintenant)" in confirmed
    assert "\nAlertes :\n" in confirmed and " : envoyée\n" in confirmed
    assert "boîte d'envoi" not in confirmed  # all four sent: nothing waits
    code, history = cli(capsys, "history", site.url, "--store", store)
    lines = history.splitlines()
    assert code == 0 and lines[0].startswith(f"{site.url} : 3 instantané(s), dernière vérification ")
    assert lines[1].endswith("  6 séance(s), salles à confirmer : 2, descriptions provisoires : 1")
    assert "    suspect : 4 retrait(s) retenu(s) ; " in history and ": 4 confirmé(s) et alerté(s)" in history
    for text in (*outputs, history):
        assert not any(word in text for word in ENGLISH_STATUS), text


def test_outbox_lines_are_in_the_pages_language(
    httpserver: HTTPServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site, store = Site(httpserver), str(tmp_path / "s.sqlite")
    with endpoint() as ep:
        check = ["check", site.url, "--store", store, "--ignore-robots", "--notify", ep.url]
        cli(capsys, *check)
        site.text = EDITED
        ep.down = True
        fetch.reset_state()
        code, out = cli(capsys, *check)
    assert code == 5 and out.count(" : ÉCHEC (") == 2 and "; will retry" not in out
    assert "  2 alerte(s) dans la boîte d'envoi (2 en attente) ; prochain essai " in out
    assert out.rstrip().endswith(" UTC : `extractor alerts` les liste")


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
    for name in ("alerts", "page_alerts", "changelog", "speaker", "speaker_fields", "status", "outbox_states"):
        ours, theirs = getattr(en, name), getattr(fr, name)
        assert set(ours) == set(theirs), name
        for key in ours:
            assert _fields(str(ours[key])) == _fields(str(theirs[key])), (name, key)
    for name in ("link", "digest", "test"):
        assert _fields(str(getattr(en, name))) == _fields(str(getattr(fr, name))), name
    assert len(en.weekdays) == len(fr.weekdays) == 7 and len(en.months) == len(fr.months) == 12
    assert wording("de") == wording(None) == en  # a language we have no words in reads in English


def test_an_english_pages_status_lines_stay_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page, store = tmp_path / "p.txt", str(tmp_path / "s.sqlite")
    page.write_text(ENGLISH_PAGE, encoding="utf-8")
    assert cli(capsys, "check", str(page), "--store", store, "--page", "p")[1] == \
        "p (p@1): first snapshot, the baseline for later changes\n"
    page.write_text(ENGLISH_PAGE.replace("Room TBA", "Room 204"), encoding="utf-8")
    out = cli(capsys, "check", str(page), "--store", store, "--page", "p")[1]
    assert out.startswith("p (p@2): 1 change(s), 1 alert(s)\n")
    assert "\nAlerts (no --notify given: shown, not sent):\n" in out
    assert cli(capsys, "check", str(page), "--store", store, "--page", "p")[1] == "p (p@2): unchanged\n"
    history = cli(capsys, "history", "p", "--store", store)[1].splitlines()
    assert history[0].startswith("p: 2 snapshot(s), last checked ")
    assert history[1].endswith("  3 session(s), rooms to confirm: 1, provisional descriptions: 0")
