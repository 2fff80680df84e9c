"""What title lines carry besides the title: rooms, people, formats."""

from __future__ import annotations

import pytest

from extractor.parse.titles import split_format, split_people, split_room


@pytest.mark.parametrize(("line", "title", "room"), [
    ("Atelier pratique (Salle 2.105)", "Atelier pratique", "Salle 2.105"),
    ("Budget participatif, Local A-1510", "Budget participatif", "Local A-1510"),
    ("Registration (North Village Hall)", "Registration", "North Village Hall"),
    ("Keynote – Room TBA", "Keynote", None),  # provisional: a room with no name
    ("L’État, la ville et nous", "L’État, la ville et nous", None),
    ("Lunch (provided to attendees ONLY)", "Lunch (provided to attendees ONLY)", None),
])
def test_rooms_in_titles(line: str, title: str, room: str | None) -> None:
    got_title, got_room = split_room(line)
    assert got_title == title
    assert (got_room.name if got_room else None) == room
    if line.endswith("Room TBA"):
        assert got_room is not None and got_room.provisional


@pytest.mark.parametrize(("line", "title", "people"), [
    ("Session 1: Ideas (Chair: Ana Ruiz)", "Session 1: Ideas", [("Ana Ruiz", "chair")]),
    ("Vin d’honneur (animation par Marc Roy)", "Vin d’honneur", [("Marc Roy", "animation")]),
    ("Conférence d’ouverture par Anne Roy", "Conférence d’ouverture", [("Anne Roy", None)]),
    ("Atelier 2 - Les données ouvertes - Léa Roy (Univ. X), Paul Côté (INRAE) & Ana Ruiz (CNRS)",
     "Atelier 2 - Les données ouvertes", [("Léa Roy (Univ. X), Paul Côté (INRAE) & Ana Ruiz (CNRS)", None)]),
    # the people after "par" keep what they are ("journaliste"): the speaker reader splits it off the name
    ("Table ronde modérée par Marc Roy, journaliste.", "Table ronde", [("Marc Roy, journaliste", "modération")]),
    # English title case is not a list of people
    ("Mapping Resident Journeys with Paper Prototypes", "Mapping Resident Journeys with Paper Prototypes", []),
    ("Coproduction et numérique – L’exemple de la MRC de Thérèse-De Blainville",
     "Coproduction et numérique – L’exemple de la MRC de Thérèse-De Blainville", []),
    ("Lunch (provided to attendees ONLY)", "Lunch (provided to attendees ONLY)", []),
])
def test_people_in_titles(line: str, title: str, people: list[tuple[str, str | None]]) -> None:
    assert split_people(line) == (title, people)


def test_format_prefix() -> None:
    assert split_format("Panel: Open Contracting on the Prairies") == ("Panel", "Open Contracting on the Prairies")
    assert split_format("Séance 1 : Les villes") == (None, "Séance 1 : Les villes")


@pytest.mark.parametrize(("line", "room"), [
    ("Déjeuner (S101-S102 )", "S101-S102"), ("Atelier (A-1510)", "A-1510"), ("Visite (B2.305)", "B2.305"),
    ("Bilan (2025)", None), ("Pause (15 min)", None), ("Café - Gather Town", "Gather Town"),
])
def test_room_codes_and_online_venues(line: str, room: str | None) -> None:
    got = split_room(line)[1]
    assert (got.name if got else None) == room


def test_a_place_after_a_dash_is_not_a_person() -> None:
    assert split_people("Café - Gather Town") == ("Café - Gather Town", [])
