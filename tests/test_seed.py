"""The seed page against GUIDE §2, field by field, in both of its forms (text dump and Wix HTML)."""

from __future__ import annotations

import pytest

from extractor.models import Programme
from extractor.parse.pipeline import parse_bytes
from tests.conftest import SAMPLES


@pytest.fixture(params=["seed.txt", "seed-wix.html"])
def seed(request: pytest.FixtureRequest) -> Programme:
    return parse_bytes((SAMPLES / request.param).read_bytes(), request.param)


def test_three_case_studies_in_one_slot(seed: Programme) -> None:
    assert len(seed.sessions) == 3
    for session in seed.sessions:
        assert (session.slot.start, session.slot.end, session.slot.raw) == ("13:30", "14:45", "13h30-14h45")
        assert session.format == "Études de cas"
        assert session.room is not None
        assert (session.room.name, session.room.provisional, session.room.raw) == (None, True, "Salle à venir")
    assert len({s.id for s in seed.sessions}) == 3
    assert seed.language == "fr"
    assert seed.warnings == []


def test_first_description_is_provisional_and_label_is_stripped(seed: Programme) -> None:
    desc = seed.sessions[0].description
    assert desc is not None
    assert desc.label == "Description provisoire" and desc.provisional
    assert desc.text.startswith("Cette étude de cas")
    assert seed.sessions[1].description and not seed.sessions[1].description.provisional


def test_second_speaker_credentials(seed: Programme) -> None:
    speaker = seed.sessions[1].speakers[0]
    assert speaker.model_dump(include={"name", "credentials", "titles", "affiliation"}) == {
        "name": "Geneviève Baril",
        "credentials": ["Ph.D."],
        "titles": ["Codirectrice stratégie et innovation"],
        "affiliation": "Cité-ID de l'ÉNAP",
    }


def test_third_session_has_two_speakers_across_the_nbsp_separator(seed: Programme) -> None:
    names = [s.name for s in seed.sessions[2].speakers]
    assert names == ["Sarah Libersan", "Guillaume-Félix Boucher"]


def test_typography_is_kept(seed: Programme) -> None:
    assert seed.sessions[0].title == "Coproduction et numérique – L’exemple de la MRC de Thérèse-De Blainville"
    assert seed.sessions[0].id == "coproduction-et-numerique-l-exemple-de-la-mrc-de-therese-de-blainville"


def test_help_does_not_import_the_heavy_modules() -> None:
    import subprocess
    import sys

    code = ("import sys; from extractor.cli import build_parser; build_parser(); "
            "print(sorted(m for m in ('lxml', 'requests', 'pydantic', 'sqlite3', 'apprise', 'rapidfuzz', 'bs4', "
            "'rich', 'charset_normalizer') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_library_entry_points_take_options() -> None:
    from extractor import parse_bytes as top_parse_bytes
    from extractor import parse_source
    from extractor.options import ParseOptions

    programme = parse_source(str(SAMPLES / "seed.txt"), ParseOptions(lang="en"))
    assert programme.language == "en"
    assert top_parse_bytes((SAMPLES / "seed.txt").read_bytes()).sessions[1].speakers[0].credentials == ["Ph.D."]
