"""Diff tables (old, new, expected events) and properties of the matching."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.changes.diff import diff
from extractor.models import Programme, Session
from tests.builders import changed, description_of, programme, room_of, session, speaker

A = "Coproduction et numérique – L’exemple de la MRC"
B = "Coproduction et logement social – Le cas des Habitations"
C = "Transformer les services publics par l’innovation sociale"
BASE = programme(
    session(
        A,
        room="Salle à venir",
        description="Cette étude de cas présentera…",
        speakers=[speaker("Julie Boivin", "Mairesse", affiliation="Sainte-Anne-des-Plaines")],
    ),
    session(B, room="Salle 2.105", description="Dans le cadre de sa thèse…", final=True),
    session(C, room="Agora", description="Comment la coproduction…", final=True),
)


def kinds(old: Programme, new: Programme) -> list[tuple[str, str, bool]]:
    return [(e.kind, e.title, e.cosmetic) for e in diff(old, new)]


def with_sessions(*sessions: Session) -> Programme:
    return BASE.model_copy(update={"sessions": list(sessions)})


S = BASE.sessions
ROOM = room_of(S[0])
TABLE = [
    ("identical", BASE, []),
    (
        "room confirmed",
        changed(BASE, 0, room=ROOM.model_copy(update={"name": "Salle 2.110", "provisional": False})),
        [("room_confirmed", A, False)],
    ),
    ("a provisional room no longer mentioned", changed(BASE, 0, room=None), []),
    (
        "room changed",
        changed(BASE, 1, room=room_of(S[1]).model_copy(update={"name": "Agora B"})),
        [("room_changed", B, False)],
    ),
    (
        "room changed in typography only",
        changed(BASE, 1, room=room_of(S[1]).model_copy(update={"name": "Salle\u00a02.105 "})),
        [("room_changed", B, True)],
    ),
    ("room back to provisional", changed(BASE, 1, room=ROOM), [("room_unconfirmed", B, False)]),
    (
        "description finalized",
        changed(BASE, 0, description=description_of(S[0]).model_copy(update={"provisional": False})),
        [("description_finalized", A, False)],
    ),
    (
        "description reworded",
        changed(BASE, 1, description=description_of(S[1]).model_copy(update={"text": "Autre."})),
        [("description_changed", B, False)],
    ),
    (
        "description typography",
        changed(
            BASE,
            2,
            description=description_of(S[2]).model_copy(update={"text": "Comment  la\u00a0coproduction…"}),
        ),
        [("description_changed", C, True)],
    ),
    (
        "typo fixed in a title is a rename",
        changed(BASE, 2, title=C.replace("Transformer", "Tranformer"), id="tranformer-les-services"),
        [("title_changed", C.replace("Transformer", "Tranformer"), False)],
    ),
    (
        "apostrophe in a title is cosmetic",
        changed(BASE, 0, title=A.replace("’", "'")),
        [("title_changed", A.replace("’", "'"), True)],
    ),
    (
        "a moved session",
        changed(BASE, 1, slot=S[1].slot.model_copy(update={"start": "15:00", "end": "16:15"})),
        [("time_changed", B, False)],
    ),
    (
        "rooms swapped",
        changed(changed(BASE, 1, room=S[2].room), 2, room=S[1].room),
        [("room_changed", B, False), ("room_changed", C, False)],
    ),
    ("session removed", with_sessions(S[0], S[1]), [("session_removed", C, False)]),
    (
        "session added",
        with_sessions(*S, session("Plénière de clôture", "16:00", "17:00")),
        [("session_added", "Plénière de clôture", False)],
    ),
    (
        "unrelated title in another slot: removal plus addition",
        with_sessions(S[0], S[1], session("Atelier pratique", "09:00", "10:00")),
        [("session_added", "Atelier pratique", False), ("session_removed", C, False)],
    ),
    (
        "new title in the same slot and place: retitled",
        with_sessions(
            S[0], S[1], S[2].model_copy(update={"title": "Tout autre chose", "id": "tout-autre-chose"})
        ),
        [("title_changed", "Tout autre chose", False)],
    ),
    ("format changed", changed(BASE, 0, format="Panel"), [("format_changed", A, False)]),
    ("speakers reordered", changed(BASE, 0, speakers=list(reversed(S[0].speakers))), []),
]


@pytest.mark.parametrize(("name", "new", "expected"), TABLE, ids=[t[0] for t in TABLE])
def test_diff_table(name: str, new: Programme, expected: list[tuple[str, str, bool]]) -> None:
    assert kinds(BASE, new) == expected


def test_a_room_named_where_the_page_said_nothing_is_confirmed() -> None:
    old = changed(BASE, 0, room=None)
    assert kinds(old, changed(BASE, 0, room=S[1].room)) == [("room_confirmed", A, False)]


def test_duplicate_titles_in_two_slots_follow_their_slot() -> None:
    # Ids of duplicate titles are numbered in page order; when the first goes, the second's id shifts.
    old = programme(
        session("Pause", "10:00", "10:15", id="pause"), session("Pause", "15:00", "15:15", id="pause-2")
    )
    new = programme(session("Pause", "15:00", "15:15", id="pause"))
    events = diff(old, new)
    assert [(e.kind, e.session_id, (e.slot or {})["start"]) for e in events] == [
        ("session_removed", "pause", "10:00")
    ]


def test_speakers_are_diffed_as_people_each_named() -> None:
    julie = speaker("Julie Boivin", "Mairesse", affiliation="Sainte-Anne-des-Plaines")
    old = programme(session(A, speakers=[julie, speaker("Marc Roy", "Analyste", affiliation="ÉNAP")]))
    new = programme(
        session(
            A,
            speakers=[
                julie.model_copy(update={"affiliation": "Ville de Sainte-Anne-des-Plaines"}),
                speaker("Sarah Libersan", "Conseillère", affiliation="MIS"),
            ],
        )
    )
    events = [
        (e.detail, (e.old or {}).get("name"), (e.new or {}).get("name"), e.cosmetic) for e in diff(old, new)
    ]
    assert events == [
        ("affiliation", "Julie Boivin", "Julie Boivin", False),
        ("removed", "Marc Roy", None, False),
        ("added", None, "Sarah Libersan", False),
    ]


def test_speaker_typography_is_cosmetic_and_a_name_typo_is_a_change() -> None:
    old = programme(session(A, speakers=[speaker("Geneviève Baril", affiliation="Cité-ID de l'ÉNAP")]))
    new = programme(session(A, speakers=[speaker("Genevieve Baril", affiliation="Cité-ID de l’ÉNAP")]))
    (event,) = diff(old, new)
    assert (event.kind, event.detail, event.cosmetic) == ("speakers_changed", "name, affiliation", False)
    new = programme(session(A, speakers=[speaker("Geneviève Baril", affiliation="Cité-ID de l’ÉNAP")]))
    (event,) = diff(old, new)
    assert (event.detail, event.cosmetic) == ("affiliation", True)


def test_events_carry_page_values_and_slot() -> None:
    new = changed(BASE, 0, room=ROOM.model_copy(update={"name": "Salle 2.110", "provisional": False}))
    (event,) = diff(BASE, new, page="page-key")
    assert event.to_dict() == {
        "page": "page-key",
        "session_id": S[0].id,
        "title": A,
        "kind": "room_confirmed",
        "field": "room",
        "old": "Salle à venir",
        "new": "Salle 2.110",
        "cosmetic": False,
        "detail": None,
        "slot": {"day": None, "start": "13:30", "end": "14:45"},
        "uid": None,  # these snapshots were never stored: no uid
        "old_session_id": S[0].id,
    }


# -- properties --------------------------------------------------------------------------------

WORDS = [
    "Atelier",
    "Panel",
    "Coproduction",
    "numérique",
    "logement",
    "social",
    "territoires",
    "innovation",
    "Keynote",
    "climat",
    "données",
    "villes",
]
titles = st.lists(st.sampled_from(WORDS), min_size=2, max_size=4).map(" ".join)
rooms = st.sampled_from([None, "Salle à venir", "Salle 2.105", "Agora", "Room TBA"])
sessions = st.builds(
    lambda title, start, room, desc, final: session(
        title, start, None, room=room, description=desc, final=final
    ),
    titles,
    st.sampled_from(["09:00", "13:30", "15:00", None]),
    rooms,
    st.sampled_from([None, "Texte.", "Autre texte."]),
    st.booleans(),
)
programmes = st.lists(sessions, max_size=6, unique_by=lambda s: s.id).map(lambda ss: programme(*ss))
MIRROR = {
    "session_added": "session_removed",
    "session_removed": "session_added",
    "room_confirmed": "room_unconfirmed",
    "room_unconfirmed": "room_confirmed",
}


@given(programmes)
def test_self_diff_is_empty(p: Programme) -> None:
    assert diff(p, p) == []


@settings(max_examples=300)
@given(programmes, programmes)
def test_swapping_old_and_new_mirrors_added_removed_and_confirmed_unconfirmed(
    a: Programme, b: Programme
) -> None:
    forward = Counter(MIRROR[e.kind] for e in diff(a, b) if e.kind in MIRROR)
    backward = Counter(e.kind for e in diff(b, a) if e.kind in MIRROR)
    assert forward == backward
