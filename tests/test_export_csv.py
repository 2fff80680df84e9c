"""CSV for people: the room's name in its own column, its provisional flag in another, each organisation once,
and a BOM for Excel when asked."""

from __future__ import annotations

import csv
import io

import pytest

from extractor.cli import main
from extractor.export.csv import write_csv
from tests.builders import programme, session, speaker
from tests.conftest import SAMPLES


def rows(**kwargs: bool) -> list[dict[str, str]]:
    out = io.StringIO()
    write_csv([programme(
        session("Études de cas", room="Salle à venir", speakers=[
            speaker("Sarah Libersan", "Conseillère", affiliation="Maison de l'innovation sociale"),
            speaker("Guillaume-Félix Boucher", "Analyste", affiliation="Maison de l'innovation sociale")]),
        session("Table ronde", room="Salle 2.105", speakers=[
            speaker("Julie Boivin", "Mairesse", affiliation="Sainte-Anne-des-Plaines"),
            speaker("Marc-André Lavoie", "Directeur général", affiliation="MRC de Thérèse-De Blainville"),
            speaker("Anne Roy", "Citoyenne")]),
    )], out, **kwargs)
    return list(csv.DictReader(io.StringIO(out.getvalue().removeprefix("\ufeff"))))


def test_the_room_column_holds_a_name_and_room_provisional_says_when_there_is_none() -> None:
    first, second = rows()
    assert (first["room"], first["room_provisional"]) == ("", "yes")  # not "Salle à venir" as if it were a room
    assert (second["room"], second["room_provisional"]) == ("Salle 2.105", "no")


def test_affiliations_are_not_repeated() -> None:
    first, second = rows()
    assert first["affiliations"] == "Maison de l'innovation sociale"
    assert first["speakers"] == "Sarah Libersan (Conseillère); Guillaume-Félix Boucher (Analyste)"
    # People of several organisations: each says its own, so the cell still tells who is from where.
    assert second["affiliations"] == "Sainte-Anne-des-Plaines; MRC de Thérèse-De Blainville"
    assert second["speakers"].startswith("Julie Boivin (Mairesse, Sainte-Anne-des-Plaines); ")


def test_excel_gets_a_bom_and_only_with_csv(capsys: pytest.CaptureFixture[str]) -> None:
    out = io.StringIO()
    write_csv([], out, excel=True)
    assert out.getvalue().startswith("\ufeffpage,id,")
    assert main(["parse", "--format", "csv", "--excel", str(SAMPLES / "seed.txt")]) == 0
    assert capsys.readouterr().out.startswith("\ufeffpage,")
    assert main(["parse", "--format", "json", "--excel", str(SAMPLES / "seed.txt")]) == 2
    assert capsys.readouterr().err == "extractor: error: --excel goes with --format csv\n"
