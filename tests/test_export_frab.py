"""frab / c3voc schedules, validated against the format's own schemas, read from ../shared/frab
(unmodified upstream files we do not copy into the project): skipped when they are absent."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from lxml import etree

from extractor.cli import main
from extractor.errors import InputError
from extractor.export.feed import Feed
from extractor.export.frab import to_frab_json, to_frab_xml
from extractor.options import ParseOptions
from extractor.parse.pipeline import parse_bytes
from tests.builders import programme, session
from tests.conftest import ROOT, SAMPLES

PAGES = sorted(p for p in SAMPLES.glob("*") if p.suffix in (".txt", ".html"))
OPTIONS = ParseOptions(default_date=date(2025, 11, 19), timezone="America/Toronto")


@pytest.fixture(scope="module")
def frab_dir() -> Path:
    found = next((p / "shared" / "frab" for p in ROOT.parents if (p / "shared" / "frab").is_dir()), None)
    if found is None:
        pytest.skip("../shared/frab is absent: the frab schemas (schedule.xml.xsd, schedule.schema.json) are "
                    "read from there")
    return found


@pytest.fixture(scope="module")
def xsd(frab_dir: Path) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(frab_dir / "schedule.xml.xsd")))


@pytest.fixture(scope="module")
def json_errors(frab_dir: Path) -> Any:
    schema = json.loads((frab_dir / "schedule.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft6Validator(schema, format_checker=jsonschema.Draft6Validator.FORMAT_CHECKER)

    def errors(doc: Any) -> list[str]:
        return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(doc)]

    return errors


def test_the_json_validator_is_awake(frab_dir: Path, json_errors: Any) -> None:
    invalid = json.loads((frab_dir / "examples" / "invalid-example.json").read_text(encoding="utf-8"))
    assert json_errors(invalid)


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_every_sample_exports_a_valid_frab_schedule(page: Path, xsd: etree.XMLSchema, json_errors: Any) -> None:
    parsed = parse_bytes(page.read_bytes(), str(page), OPTIONS)
    xml = to_frab_xml(Feed(str(page), parsed))
    assert xsd.validate(etree.fromstring(xml.data)), xsd.error_log
    doc = json.loads(to_frab_json(Feed(str(page), parsed)).data)
    assert json_errors(doc) == []
    events = [e for day in doc["schedule"]["conference"]["days"] for room in day["rooms"].values() for e in room]
    timed = [s for s in parsed.sessions if s.slot.start]
    assert len(events) == len(timed) > 0
    for event in events:
        # The JSON validator checks formats only when optional packages are there: check the times here.
        assert datetime.fromisoformat(event["date"]).utcoffset() is not None
        assert event["room"] and event["title"]


def test_provisional_rooms_are_the_pages_text_with_a_note() -> None:
    parsed = parse_bytes((SAMPLES / "seed.txt").read_bytes(), "seed.txt", OPTIONS)
    doc = json.loads(to_frab_json(Feed("seed.txt", parsed)).data)
    events = [e for day in doc["schedule"]["conference"]["days"] for room in day["rooms"].values() for e in room]
    assert {e["room"] for e in events} == {"Salle à venir"}
    assert [e["description"] for e in events] == ["provisional: room, description", "provisional: room",
                                                  "provisional: room"]
    assert doc["schedule"]["conference"]["time_zone_name"] == "America/Toronto"
    assert events[0]["date"] == "2025-11-19T13:30:00-05:00" and events[0]["duration"] == "01:15"


def test_ids_and_guids_are_stable_and_unique() -> None:
    ten = programme(*(session(f"Atelier {n}", f"{9 + n:02d}:00", None, day="2025-11-19") for n in range(10)),
                    timezone="Europe/Paris")

    def ids() -> list[tuple[int, str]]:
        doc = json.loads(to_frab_json(Feed("https://example.org/p", ten)).data)
        return [(e["id"], e["guid"]) for d in doc["schedule"]["conference"]["days"]
                for r in d["rooms"].values() for e in r]

    assert ids() == ids() and len(set(ids())) == 10


def test_a_schedule_needs_the_events_time_zone(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(InputError, match="need the event's time zone: pass --tz"):
        to_frab_xml(Feed("p", programme(session("Atelier", day="2025-11-19"))))
    assert main(["parse", "--format", "frab-json", str(SAMPLES / "seed.txt")]) == 2
    assert "pass --tz ZONE" in capsys.readouterr().err
