"""iCalendar output: written with the icalendar library, read back by it and by vobject (an independent
reader), plus a line-level check of RFC 5545 framing (CRLF, lines folded at 75 octets)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
import vobject

from extractor.changes.keys import global_key
from extractor.changes.revisions import replay
from extractor.cli import main
from extractor.export.feed import Feed
from extractor.export.ics import to_ics
from extractor.models import Programme
from extractor.monitor.check import check
from extractor.monitor.store import Store
from extractor.options import ParseOptions
from tests.builders import changed, programme, session, speaker
from tests.conftest import SAMPLES

PAGE = "https://example.org/prog"


def colloquium(timezone: str | None = None) -> Programme:
    return programme(
        session("Coproduction et numérique", "13:30", "14:45", day="2025-11-19",
                description="Cette étude de cas…", speakers=[speaker("Julie Boivin", "Mairesse",
                                                                    affiliation="Sainte-Anne-des-Plaines")]),
        session("Logement social", "15:00", "16:15", day="2025-11-19", room="Salle 2.105",
                description="Texte final.", final=True),
        session("Pause", "16:15", "16:30", day="2025-11-19", room=None, fmt="Pause"),
        session("Mot de clôture", "17:00", None, room="Agora"),  # no day: not in a calendar
        timezone=timezone,
    )


def rfc5545_framing_problems(data: bytes) -> list[str]:
    problems = []
    if not data.endswith(b"\r\n"):
        problems.append("does not end with CRLF")
    for number, line in enumerate(data.split(b"\r\n")[:-1], start=1):
        if b"\n" in line or b"\r" in line:
            problems.append(f"line {number}: bare LF or CR")
        if len(line) > 75:
            problems.append(f"line {number}: {len(line)} octets (more than 75, not folded)")
    return problems


def test_one_event_per_timed_session_in_the_events_zone_read_back_by_two_readers() -> None:
    exported = to_ics([Feed(PAGE, colloquium(timezone="Europe/Paris"))])
    assert rfc5545_framing_problems(exported.data) == []
    assert exported.warnings == [f"{PAGE}: 1 session(s) without a day or start time are not in the calendar "
                                 "(--date fills the day of pages that name none)"]

    events = icalendar.Calendar.from_ical(exported.data).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["Coproduction et numérique", "Logement social", "Pause"]
    first = events[0]
    assert first["DTSTART"].params["TZID"] == "Europe/Paris"
    assert first.decoded("DTSTART") == datetime(2025, 11, 19, 12, 30, tzinfo=UTC)  # 13:30 in Paris, in winter
    assert first.decoded("DTEND") - first.decoded("DTSTART") == timedelta(minutes=75)
    assert [str(e["STATUS"]) for e in events] == ["TENTATIVE", "CONFIRMED", "CONFIRMED"]
    assert [str(e.get("LOCATION")) for e in events] == ["Salle à venir", "Salle 2.105", "None"]
    assert str(first["DESCRIPTION"]) == ("Julie Boivin (Mairesse, Sainte-Anne-des-Plaines)\n\n"
                                         "Description provisoire\nCette étude de cas…")
    assert [e.decoded("SEQUENCE") for e in events] == [0, 0, 0]
    assert str(first["URL"]) == PAGE

    calendar = vobject.readOne(exported.data.decode("utf-8"))
    read = calendar.vevent_list
    assert [e.uid.value for e in read] == [global_key(PAGE, s) for s in colloquium().sessions[:3]]
    assert len({e.uid.value for e in read}) == 3
    assert read[0].dtstart.value.utcoffset() == timedelta(hours=1)  # from the VTIMEZONE we wrote
    assert read[1].status.value == "CONFIRMED" and read[1].location.value == "Salle 2.105"


def test_a_summer_session_takes_the_zones_summer_offset() -> None:
    summer = programme(session("Atelier", "09:00", "10:00", day="2026-07-01"), timezone="America/Toronto")
    event = vobject.readOne(to_ics([Feed(PAGE, summer)]).data.decode("utf-8")).vevent
    assert event.dtstart.value.utcoffset() == timedelta(hours=-4)


def test_without_a_time_zone_times_are_floating_and_a_warning_says_so() -> None:
    exported = to_ics([Feed(PAGE, colloquium())])
    assert b"TZID" not in exported.data and b"VTIMEZONE" not in exported.data
    assert b"DTSTART:20251119T133000\r\n" in exported.data
    assert any("no time zone: calendar times are floating" in w for w in exported.warnings)
    start = vobject.readOne(exported.data.decode("utf-8")).vevent.dtstart.value
    assert start == datetime(2025, 11, 19, 13, 30) and start.tzinfo is None


def test_a_session_past_midnight_ends_the_next_day() -> None:
    late = programme(session("Soirée", "22:00", "01:00", day="2025-11-19"), timezone="Europe/Paris")
    event = icalendar.Calendar.from_ical(to_ics([Feed(PAGE, late)]).data).walk("VEVENT")[0]
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(hours=3)


def test_uids_are_stable_across_exports_and_differ_between_pages() -> None:
    def uids(page: str) -> list[str]:
        calendar = icalendar.Calendar.from_ical(to_ics([Feed(page, colloquium())]).data)
        return [str(e["UID"]) for e in calendar.walk("VEVENT")]

    assert uids(PAGE) == uids(PAGE)
    assert not set(uids(PAGE)) & set(uids("https://example.org/other"))


def test_revisions_count_each_sessions_changes_and_its_removal() -> None:
    v1 = colloquium()
    v2 = changed(v1, 0, room=v1.sessions[1].room)  # room confirmed
    v3 = changed(v2, 1, confidence=0.4)  # only the parser's confidence: no change for readers
    v4 = v3.model_copy(update={"sessions": v3.sessions[:2] + v3.sessions[3:]})  # the break is gone
    assert replay(PAGE, [v1]).sequence == {s.id: 0 for s in v1.sessions}
    revisions = replay(PAGE, [v1, v2, v3, v4])
    assert revisions.sequence == {"coproduction-et-numerique": 1, "logement-social": 0, "pause": 1,
                                  "mot-de-cloture": 0}
    assert [s.title for s in revisions.removed] == ["Pause"]
    back = replay(PAGE, [v1, v2, v3, v4, v3])  # back, unchanged: still a new SEQUENCE, above its cancellation's
    assert back.removed == [] and back.sequence["pause"] == 2


@pytest.fixture
def series_store(tmp_path: Path) -> Path:
    """The bundled series of snapshots, dated and zoned: rooms confirmed, …, a session moved, one cancelled."""
    path = tmp_path / "series.sqlite"
    options = ParseOptions(default_date=datetime(2025, 11, 19).date(), timezone="America/Toronto")
    with Store.open(path) as store:
        for version in sorted((SAMPLES / "series").glob("*.txt")):
            check(str(version), store=store, page_key="demo", options=options)
    return path


def test_show_ics_of_a_stored_page_numbers_updates_and_cancels_removed_sessions(
    series_store: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    assert main(["show", "demo", "--format", "ics", "--store", str(series_store)]) == 0
    out, err = capsysbinary.readouterr()
    assert err == b""  # dated and zoned: nothing to warn about
    events = {str(e["SUMMARY"]): e for e in icalendar.Calendar.from_ical(out).walk("VEVENT")}
    moved = events["Coproduction et logement social – Le cas des Habitations Saint-Michel Nord"]
    assert (str(moved["STATUS"]), moved.decoded("SEQUENCE")) == ("CONFIRMED", 3)  # room, description, time
    assert moved["DTSTART"].params["TZID"] == "America/Toronto"
    cancelled = events["Transformer les services publics et les territoires par la coproduction et l’innovation "
                       "sociale"]
    # Keyed on the store's uid: the fixed typo in its title (@6) updated the event, the cancellation (@8) too.
    assert str(cancelled["STATUS"]) == "CANCELLED" and cancelled.decoded("SEQUENCE") == 2
    assert sum(str(e["STATUS"]) == "CANCELLED" for e in events.values()) == 1
    with Store.open(series_store) as store:
        initial = store.programme(store.snapshots("demo")[0].id)
    typo = next(s for s in initial.sessions if s.title.startswith("Tranformer"))
    assert typo.uid and str(cancelled["UID"]) == global_key("demo", typo) and typo.uid in str(cancelled["UID"])

    assert main(["show", "demo@1", "--format", "ics", "--store", str(series_store)]) == 0
    first = icalendar.Calendar.from_ical(capsysbinary.readouterr()[0]).walk("VEVENT")
    assert {str(e["STATUS"]) for e in first} == {"TENTATIVE"} and {e.decoded("SEQUENCE") for e in first} == {0}
