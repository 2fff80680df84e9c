"""Rooms, descriptions, formats, day headings and speaker lines in both languages."""

from __future__ import annotations

from datetime import date

import pytest

from extractor.parse.classify import format_label, labelled_description, room_of
from extractor.parse.context import PageContext
from extractor.parse.dates import match_day
from extractor.parse.speakers import looks_like_name, parse_speaker, split_speakers

ROOMS = [
    ("Salle à venir", None, True),
    ("Salle à confirmer", None, True),
    ("Local à déterminer", None, True),
    ("Lieu à venir", None, True),
    ("À déterminer", None, True),
    ("Room TBA", None, True),
    ("Room TBD", None, True),
    ("Room to be announced", None, True),
    ("Location TBC", None, True),
    ("Lieu : à déterminer", None, True),
    ("Salle 2.105", "Salle 2.105", False),
    ("Salle Marie-Gérin-Lajoie", "Salle Marie-Gérin-Lajoie", False),
    ("Local A-1510", "Local A-1510", False),
    ("Auditorium Jean-Coutu", "Auditorium Jean-Coutu", False),
    ("Amphi B", "Amphi B", False),
    ("Agora", "Agora", False),
    ("Room 118", "Room 118", False),
    ("Great Hall", "Great Hall", False),
    ("Ballroom A", "Ballroom A", False),
    ("Room: Great Hall", "Great Hall", False),
    ("Location: Hall B", "Hall B", False),
    ("Lieu : Pavillon Kruger", "Pavillon Kruger", False),
]


@pytest.mark.parametrize(("line", "name", "provisional"), ROOMS, ids=[r[0] for r in ROOMS])
def test_rooms(line: str, name: str | None, provisional: bool) -> None:
    room = room_of(line)
    assert room is not None
    assert (room.name, room.provisional, room.raw) == (name, provisional, line)


@pytest.mark.parametrize("line", ["Salle comble : les municipalités et le numérique en 2025, un bilan",
                                  "Coproduction et numérique", "Julie Boivin, Mairesse, Sainte-Anne-des-Plaines"])
def test_not_rooms(line: str) -> None:
    assert room_of(line) is None


DESCRIPTIONS = [
    ("Description provisoire : Cette étude", "Cette étude", True, "Description provisoire"),
    ("Description : Dans le cadre", "Dans le cadre", False, "Description"),
    ("Résumé provisoire : Texte", "Texte", True, "Résumé provisoire"),
    ("Résumé : Texte", "Texte", False, "Résumé"),
    ("Description à venir", "", True, "Description à venir"),
    ("Tentative description: Text", "Text", True, "Tentative description"),
    ("Provisional abstract: Text", "Text", True, "Provisional abstract"),
    ("Description TBA", "", True, "Description TBA"),
    ("Abstract: Text", "Text", False, "Abstract"),
]


@pytest.mark.parametrize(("line", "text", "provisional", "label"), DESCRIPTIONS, ids=[d[0] for d in DESCRIPTIONS])
def test_descriptions(line: str, text: str, provisional: bool, label: str) -> None:
    desc = labelled_description(line)
    assert desc is not None
    assert (desc.text, desc.provisional, desc.label) == (text, provisional, label)


def test_description_heading_alone_is_not_a_description() -> None:
    assert labelled_description("Description") is None
    assert labelled_description("Descriptions des ateliers du jour") is None


@pytest.mark.parametrize(("line", "expected"), [
    ("Études de cas", "Études de cas"), ("Table ronde", "Table ronde"), ("Keynote", "Keynote"),
    ("CONFÉRENCE :", "CONFÉRENCE"), ("Panel :", "Panel"), ("Pause", "Pause"), ("Dîner", "Dîner"),
    ("Case studies", "Case studies"), ("Conférence d'ouverture", "Conférence d'ouverture"),
])
def test_formats(line: str, expected: str) -> None:
    assert format_label(line) == expected


@pytest.mark.parametrize("line", ["Conférence sur la ville intelligente", "Julie Boivin", "Salle 2.105"])
def test_not_formats(line: str) -> None:
    assert format_label(line) is None


@pytest.mark.parametrize(("line", "iso"), [
    ("Mercredi 19 novembre 2025", "2025-11-19"),
    ("Jeudi 20 nov", "2025-11-20"),
    ("Wednesday, November 19", "2025-11-19"),
    ("Wednesday, November 19, 2025", "2025-11-19"),
    ("Jour 1 – Mercredi 19 novembre", "2025-11-19"),
    ("2025-11-19", "2025-11-19"),
    ("Friday 3rd May 2024", "2024-05-03"),
])
def test_day_headings(line: str, iso: str) -> None:
    found = match_day(line, PageContext(reference=date(2026, 11, 25)))
    assert found is not None and found[0] is not None
    assert found[0].isoformat() == iso


def test_long_sentence_with_a_date_is_not_a_heading() -> None:
    line = "Le 19 novembre, nous irons visiter le nouveau pavillon avec tout le monde"
    assert match_day(line, PageContext(reference=date(2025, 1, 1))) is None


SPEAKERS = [
    ("Julie Boivin, Mairesse, Sainte-Anne-des-Plaines", "Julie Boivin", [], ["Mairesse"], "Sainte-Anne-des-Plaines",
     None),
    ("Geneviève Baril, Ph.D. et Codirectrice stratégie et innovation, Cité-ID de l'ÉNAP",
     "Geneviève Baril", ["Ph.D."], ["Codirectrice stratégie et innovation"], "Cité-ID de l'ÉNAP", None),
    ("Me Julie Roy, Avocate, Fasken", "Julie Roy", ["Me"], ["Avocate"], "Fasken", None),
    ("Jane Doe, PhD, CTO, Acme Inc.", "Jane Doe", ["PhD"], ["CTO"], "Acme Inc.", None),
    ("Dr. John Smith", "John Smith", ["Dr."], [], None, None),
    ("Mme Louise Roy, Directrice, Ville de Laval", "Louise Roy", [], ["Directrice"], "Ville de Laval", None),
    ("Marie Tremblay (Université Laval)", "Marie Tremblay", [], [], "Université Laval", None),
    ("Paul Roy, Directeur, Ville de Laval (Animateur)", "Paul Roy", [], ["Directeur"], "Ville de Laval", "animateur"),
    ("Jane Doe, Université Laval", "Jane Doe", [], [], "Université Laval", None),
    ("Jane Doe, Mairesse", "Jane Doe", [], ["Mairesse"], None, None),
    ("Par Marie Tremblay (Université Laval)", "Marie Tremblay", [], [], "Université Laval", None),
]


@pytest.mark.parametrize(("line", "name", "creds", "titles", "affiliation", "role"), SPEAKERS,
                         ids=[s[0][:40] for s in SPEAKERS])
def test_speaker_lines(line: str, name: str, creds: list[str], titles: list[str], affiliation: str | None,
                       role: str | None) -> None:
    speaker = parse_speaker(line)
    assert (speaker.name, speaker.credentials, speaker.titles, speaker.affiliation, speaker.role) == (
        name, creds, titles, affiliation, role)
    assert speaker.raw == line


@pytest.mark.parametrize(("text", "expected"), [
    ("Geneviève Baril", True), ("Guillaume-Félix Boucher", True), ("Jean de la Fontaine", True),
    ("Coproduction et numérique", False), ("Salle Marie-Gérin-Lajoie", False), ("Études de cas", False),
    ("Villes", False), ("Université Laval", False),
])
def test_names(text: str, expected: bool) -> None:
    assert looks_like_name(text) is expected


def test_several_speakers_on_one_line() -> None:
    assert split_speakers("Marie Tremblay et Jean Roy") == ["Marie Tremblay", "Jean Roy"]
    assert split_speakers("Anna Lee; Bob Stone (MIT)") == ["Anna Lee", "Bob Stone (MIT)"]
    # "et" inside a title is not a separator
    line = "Julie Roy, Recherche et développement, Inno"
    assert split_speakers(line) == [line]


def test_a_date_opening_a_line_with_a_time() -> None:
    from extractor.parse.dates import leading_day

    found = leading_day("2 juillet 2026, 14h - 15h — Salle 4", PageContext(reference=date(2026, 1, 1)))
    assert found is not None and found[0] == date(2026, 7, 2) and found[1] == "14h - 15h — Salle 4"
    assert leading_day("2 experts en ville", PageContext(reference=date(2026, 1, 1))) is None
