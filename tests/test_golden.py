"""Every samples/<name>.(txt|html) beside samples/<name>.expected.json; one parametrised test."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from extractor.models import Programme
from extractor.parse.pipeline import parse_bytes
from tests.conftest import SAMPLES

PAGES = sorted(p for p in SAMPLES.glob("*") if p.suffix in (".txt", ".html") and
               p.with_suffix(".expected.json").exists())


def golden_view(programme: Programme) -> dict[str, Any]:
    """The parts of a Programme that must not change unnoticed (not time, path or hash)."""
    data = programme.model_dump(mode="json")
    data["source"] = {"kind": data["source"]["kind"]}
    if data.get("timezone") is None:
        del data["timezone"]  # optional since the files were written: only a zone the page states is compared
    return data


def test_there_are_goldens() -> None:
    assert len(PAGES) >= 9


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_golden(page: Path, update_goldens: bool) -> None:
    expected_path = page.with_suffix(".expected.json")
    actual = golden_view(parse_bytes(page.read_bytes(), str(page)))
    if update_goldens:
        expected_path.write_text(json.dumps(actual, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    assert actual == expected
