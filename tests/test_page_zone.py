"""The page's own time zone (parse/zone.py, words in lexicon/zones.py): what its structured data names, what
its text states; the user's zone (--tz, the watch file) over it; none at all leaves calendar times floating."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from extractor.cli import main
from extractor.options import ParseOptions
from extractor.parse.pipeline import parse_bytes
from extractor.parse.zone import stated_zone
from tests.conftest import SAMPLES

# (text, the zone it states), grouped by where the wording came from.
STATED = [
    # French pages (Québec, France)
    ("Toutes les heures sont à l’heure de Paris.", "Europe/Paris"),
    ("Horaires indiqués en heure de l'Est", "America/Toronto"),
    ("13h30 - 14h45 HNE", "America/Toronto"),
    ("Horaires en UTC+2", "Etc/GMT-2"),
    # English pages
    ("9:00 AM – 10:00 AM (EST)", "America/New_York"),
    ("All times are Eastern Time.", "America/New_York"),
    ("Times: Mountain Time", "America/Denver"),
    ("14:00–15:00 UTC", "UTC"),
    ("Times: GMT-05:00", "Etc/GMT+5"),
    ("all times are local (Bangkok, GMT+7)", "Etc/GMT-7"),  # real page: ml4al2024
    ("Hawaii Time (GMT-10)", "Etc/GMT+10"),  # real page: scslworkshop2023
    ("18:00 to 21:00 UTC+1", "Etc/GMT-1"),  # real page: eupc2021-horaire; an offset, not UTC
    ("All times are expressed in CET: UTC+1", "Europe/Paris"),  # real page: journeescloud2021
    ("14:50 - 15:00 CET 08:50 - 09:00 EST", "Europe/Paris"),  # real page: homogeneity2022; the first zone
    # No zone: words that only look like one
    ("Le programme EST en ligne", None),
    ("COPRODUCTION ET NUMÉRIQUE", None),
    ("9h à 10h ET 11h à 12h", None),
    ("Salle 8 CET", None),
    ("The central timetable of the week", None),
    ("Ouverture à 9h, UTC+5:30 pour nos collègues de Delhi", None),  # no whole hour: no IANA Etc zone
    ("Marie Roy (HEC)", None),  # HEC Montréal, not heure d'Europe centrale
    ("Keynote (PT)", None),  # a talk in Portuguese
    ("Hall B (WEST)", None),
    # Known failure, kept (GUIDE §5): a title that opens with a zone's name right after its time.
    pytest.param("10:00 UTC is Enough for Everybody, Right?", None, id="balkanruby2018-title",
                 marks=pytest.mark.xfail(strict=True, reason="a title opening with UTC after a time reads as a zone")),
]


@pytest.mark.parametrize(("text", "zone"), STATED)
def test_a_zone_stated_in_the_text(text: str, zone: str | None) -> None:
    assert stated_zone([text]) == zone


PROGRAMME = (SAMPLES / "series" / "01-initial.txt").read_text(encoding="utf-8")


def _html(head: str = "", body: str = "") -> bytes:
    lines = "".join(f"<p>{line}</p>" for line in PROGRAMME.splitlines() if line.strip())
    return f"<html lang='fr'><head>{head}</head><body>{body}{lines}</body></html>".encode()


def _jsonld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


EVENT = {"@context": "https://schema.org", "@type": "Event", "name": "Colloque",
         "startDate": "2025-11-19T09:00:00-05:00", "endDate": "2025-11-19T17:00:00-05:00"}
SESSIONS = {**EVENT, "subEvent": [
    {"@type": "Event", "name": "Ouverture", "startDate": "2025-11-19T09:00:00-05:00"},
    {"@type": "Event", "name": "Clôture", "startDate": "2025-11-19T16:00:00-05:00"}]}

PAGES = [
    # the schedule's own zone name wins over the offsets its dates carry
    (_html(_jsonld({**EVENT, "eventSchedule": {"@type": "Schedule", "scheduleTimezone": "America/Toronto"}})),
     "America/Toronto"),
    (_html(_jsonld({**SESSIONS, "eventSchedule": {"@type": "Schedule", "scheduleTimezone": "America/Toronto"}})),
     "America/Toronto"),
    # a name that is no zone is ignored: the offsets say UTC-5
    (_html(_jsonld({**EVENT, "eventSchedule": {"scheduleTimezone": "Mars/Olympus"}})), "Etc/GMT+5"),
    (_html(_jsonld(SESSIONS)), "Etc/GMT+5"),  # the structured reader's page
    (_html(_jsonld(EVENT)), "Etc/GMT+5"),  # the conference's lone Event: the text is the programme
    (_html(body='<div itemscope itemtype="https://schema.org/Event"><span itemprop="name">Colloque</span>'
                '<time itemprop="startDate" datetime="2025-06-02T09:00+02:00">2 juin</time></div>'), "Etc/GMT-2"),
    # a zone stated in words says more than an offset (a place, with its daylight saving time)
    (_html(_jsonld(EVENT), "<p>Heure de Montréal</p>"), "America/Toronto"),
    (_html(body="<p>Tous les horaires : heure de Paris</p>"), "Europe/Paris"),
    (_html(), None),
]


@pytest.mark.parametrize(("page", "zone"), PAGES)
def test_the_zone_a_page_states(page: bytes, zone: str | None) -> None:
    assert parse_bytes(page, "page.html").timezone == zone


def test_the_users_zone_wins_over_the_pages() -> None:
    page = _html(body="<p>All times are Eastern Time</p>")
    assert parse_bytes(page, "p.html").timezone == "America/New_York"
    assert parse_bytes(page, "p.html", ParseOptions(timezone="Europe/Paris")).timezone == "Europe/Paris"


def test_parse_and_ics_take_the_pages_zone_and_tz_wins(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "p.txt"
    page.write_text("Horaires à l'heure de Paris\n\n" + PROGRAMME, encoding="utf-8")
    assert main(["parse", str(page), "--date", "2025-11-19", "--format", "ics"]) == 0
    out, err = capsys.readouterr()
    assert "DTSTART;TZID=Europe/Paris:20251119T133000" in out and "floating" not in err
    assert main(["parse", str(page), "--date", "2025-11-19", "--format", "ics", "--tz", "America/Toronto"]) == 0
    assert "DTSTART;TZID=America/Toronto:20251119T133000" in capsys.readouterr().out
    page.write_text(PROGRAMME, encoding="utf-8")  # no zone anywhere: floating times, and a warning
    assert main(["parse", str(page), "--date", "2025-11-19", "--format", "ics"]) == 0
    out, err = capsys.readouterr()
    assert "DTSTART:20251119T133000" in out and "no time zone: calendar times are floating" in err


def test_a_stated_offset_reaches_calendars_and_schedules(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import vobject

    page = tmp_path / "p.txt"
    page.write_text("Horaires en UTC+2\n\n" + PROGRAMME, encoding="utf-8")
    assert main(["parse", str(page), "--date", "2025-11-19", "--format", "ics"]) == 0
    calendar = vobject.readOne(capsys.readouterr().out)
    starts = [c.dtstart.value for c in calendar.getChildren() if c.name == "VEVENT"]
    assert starts and all(s.utcoffset().total_seconds() == 7200 for s in starts)
    assert main(["parse", str(page), "--date", "2025-11-19", "--format", "frab-json"]) == 0
    assert '"date": "2025-11-19T13:30:00+02:00"' in capsys.readouterr().out


def test_reparse_keeps_the_users_zone_over_the_pages(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from extractor.monitor.store import Store

    page, store = tmp_path / "p.txt", tmp_path / "s.sqlite"
    page.write_text("Horaires à l'heure de Paris\n\n" + PROGRAMME, encoding="utf-8")
    assert main(["check", str(page), "--store", str(store), "--tz", "America/Toronto"]) == 0
    assert main(["reparse", "--store", str(store)]) == 0
    with Store.open(store) as opened:
        [snapshot] = opened.snapshots(str(page))
        assert opened.programme(snapshot.id).timezone == "America/Toronto"
    capsys.readouterr()


def test_the_watch_files_zone_wins_over_the_pages(tmp_path: Path) -> None:
    from extractor.monitor.check import check
    from extractor.monitor.store import Store
    from extractor.watch import config as watch_config

    page = tmp_path / "p.txt"
    page.write_text("All times are Pacific Time\n\n" + PROGRAMME, encoding="utf-8")
    (tmp_path / "w.toml").write_text(f'tz = "America/Toronto"\n[[page]]\nurl = "{page}"\n', encoding="utf-8")
    [watched] = watch_config.load(tmp_path / "w.toml").pages
    with Store.open(tmp_path / "s.sqlite") as store:
        options = ParseOptions(default_date=date(2025, 11, 19), timezone=watched.tz)
        result = check(str(page), store=store, options=options)
        assert result.snapshot is not None
        assert store.programme(result.snapshot.id).timezone == "America/Toronto"
