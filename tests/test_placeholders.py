"""Placeholders for a room or a description are provisional values of the session, never sessions (issue 11.3)."""

from __future__ import annotations

import pytest

from extractor.changes.alerts import plan_alerts
from extractor.changes.diff import diff
from extractor.parse.pipeline import parse_bytes
from tests.builders import programme, session

FR = """Mercredi 19 novembre 2025

9h00-10h15
Atelier : La participation citoyenne
{room}
Lise Tremblay, Professeure, Université de Montréal
{description}
"""
EN = """Wednesday, November 19, 2025

9:00 AM - 10:15 AM
Workshop: Citizens and their cities
{room}
Jane Doe, Professor, Acme University
{description}
"""
FINAL_FR = "Description : Un atelier pratique sur la participation des citoyens aux décisions."
FINAL_EN = "Abstract: A hands-on workshop on how citizens take part in the decisions of their city."


@pytest.mark.parametrize(("page", "room", "name"), [
    (FR, "Salle à venir", None),
    (FR, "Salle 1.120 (à confirmer)", "Salle 1.120"),
    (FR, "Salle (à confirmer)", None),
    (FR, "À préciser", None),
    (EN, "Venue to be confirmed", None),
    (EN, "Room 118 (TBC)", "Room 118"),
])
def test_a_provisional_room_is_a_provisional_room(page: str, room: str, name: str | None) -> None:
    final = FINAL_FR if page is FR else FINAL_EN
    (session,) = parse_bytes(page.format(room=room, description=final).encode(), "page.txt").sessions
    assert session.room is not None and (session.room.name, session.room.provisional) == (name, True)
    assert session.description is not None and not session.description.provisional


@pytest.mark.parametrize(("page", "line"), [
    (FR, "Description à venir."),
    (FR, "Descriptif à venir"),
    (FR, "Résumé à venir."),
    (EN, "Description coming soon."),
    (EN, "Abstract TBA."),
])
def test_a_description_placeholder_is_a_provisional_description(page: str, line: str) -> None:
    (session,) = parse_bytes(page.format(room="Salle 2.105", description=line).encode(), "page.txt").sessions
    assert session.description is not None
    assert (session.description.text, session.description.provisional) == ("", True)
    assert session.speakers and session.room is not None and not session.room.provisional


def test_a_placeholder_an_older_parser_read_as_a_session_goes_without_an_alert() -> None:
    # Stored by a parser from before issue 11: the placeholder line was a session of its own.
    old = programme(session("Les transports collectifs"), session("Description à venir.", id="description-a-venir"))
    new = programme(session("Les transports collectifs", description="Les transports de demain.", final=True))
    events = diff(old, new)
    assert sorted(e.kind for e in events) == ["description_finalized", "session_removed"]
    assert [a.event.kind for a in plan_alerts(events, "fr")] == ["description_finalized"]
    assert [a.event.title for a in plan_alerts(diff(old, programme()), "fr")] == ["Les transports collectifs"]
