"""Time slots as pages write them (GUIDE §4 and real pages), grouped by where they come from."""

from __future__ import annotations

import pytest

from extractor.parse.times import match_slot, split_run_on

CASES = [
    # Québec French
    ("13h30-14h45", "13:30", "14:45", ""),
    ("13 h 30 – 14 h 45", "13:30", "14:45", ""),
    ("13h30 à 14h45", "13:30", "14:45", ""),
    ("de 9 h à 10 h 15", "09:00", "10:15", ""),
    ("9h-10h", "09:00", "10:00", ""),
    ("9h > 9h30", "09:00", "09:30", ""),
    ("de 12 h 30 à 17 h", "12:30", "17:00", ""),
    ("08H30", "08:30", None, ""),
    ("10 h 30 – 12 h", "10:30", "12:00", ""),
    ("14 h 30 : Titre", "14:30", None, "Titre"),
    ("- 9h00-10h15 : Titre de la session", "09:00", "10:15", "Titre de la session"),
    ("Accueil (10h – 10h20)", "10:00", "10:20", "Accueil"),
    ("11.30-11.50", "11:30", "11:50", ""),
    ("12h00 Dîner", "12:00", None, "Dîner"),
    # 24-hour clocks
    ("13:30-14:45", "13:30", "14:45", ""),
    ("09:00 - 12:00", "09:00", "12:00", ""),
    # English 12-hour clocks
    ("1:30 PM – 2:45 PM", "13:30", "14:45", ""),
    ("1:30–2:45 p.m.", "13:30", "14:45", ""),
    ("9:00 AM – 10:15 AM", "09:00", "10:15", ""),
    ("Noon–1:00 p.m.", "12:00", "13:00", ""),
    ("7:45–8:30 a.m.", "07:45", "08:30", ""),
    ("11:30–1:00 p.m.", "11:30", "13:00", ""),
    ("9 AM - 10 AM", "09:00", "10:00", ""),
    ("12:00 PM – 1:30 PM", "12:00", "13:30", ""),
    ("From 9:00 to 10:00 Intro", "09:00", "10:00", "Intro"),
    ("22:30 - 00:00 Closing party", "22:30", "00:00", "Closing party"),
    ("- 17h00-19h00 : 5 à 7 facultaire", "17:00", "19:00", "5 à 7 facultaire"),
]


@pytest.mark.parametrize(("line", "start", "end", "rest"), CASES, ids=[c[0] for c in CASES])
def test_time_slots(line: str, start: str, end: str | None, rest: str) -> None:
    match = match_slot(line)
    assert match is not None
    assert (match.start, match.end, match.rest) == (start, end, rest)
    assert match.problem is None


@pytest.mark.parametrize("line", ["Salle 2.105", "2.105", "19 novembre 2025", "2025-11-19", "3 experts",
                                  "Room 118", "Version 2.0 du portail", "Coproduction et numérique"])
def test_not_time_slots(line: str) -> None:
    assert match_slot(line) is None


def test_inverted_range_keeps_start_and_reports_problem() -> None:
    match = match_slot("14h-13h Titre")
    assert match is not None
    assert (match.start, match.end, match.raw) == ("14:00", None, "14h-13h")
    assert match.problem and "not after" in match.problem


def test_run_on_lines_are_split_at_each_titled_time() -> None:
    line = ("Breakfast provided. 8:00 am to 9:00 am Continental Breakfast 9:00 am Opening "
            "(doors close 9:15 am) 9:55 am Keynote Address")
    assert split_run_on(line) == [
        "Breakfast provided.",
        "8:00 am to 9:00 am Continental Breakfast",
        "9:00 am Opening (doors close 9:15 am)",
        "9:55 am Keynote Address",
    ]


@pytest.mark.parametrize("line", [
    "Les visites ont lieu à 10h, 11h et 14h dans le hall principal du musée, sur réservation.",
    "Description : Le dîner est servi à 12h30 et la reprise à 13h30 dans la grande salle du pavillon.",
    "13h30-14h45 Une seule séance avec un titre assez long pour dépasser soixante caractères",
])
def test_prose_with_times_is_not_split(line: str) -> None:
    assert split_run_on(line) == [line]
