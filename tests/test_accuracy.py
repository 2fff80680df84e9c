"""The parser's measured accuracy on our own labelled pages must not fall (issue: real-world accuracy).

samples/*.expected.json are golden files (exact); samples/layouts/ are hand labels of one layout
pattern each, scored field by field. The third-party corpus is scored in tests/test_evaluate.py.
"""

from __future__ import annotations

import pytest

from extractor.evaluate.corpus import evaluate_directory
from extractor.evaluate.score import overall
from tests.conftest import SAMPLES

# Measured when these pages were labelled; a change that lowers them is a regression to look at.
MIN_OVERALL_F1 = {"samples": 0.99, "samples/layouts": 0.9}


@pytest.mark.parametrize("folder", sorted(MIN_OVERALL_F1))
def test_overall_f1_does_not_fall(folder: str) -> None:
    report = evaluate_directory(SAMPLES.parent / folder)
    assert report.pages, f"no labelled pages in {folder}"
    assert not report.crashes, [p.name for p in report.crashes]
    assert (overall(report.totals).f1 or 0.0) >= MIN_OVERALL_F1[folder]


def test_each_layout_pattern_finds_its_sessions() -> None:
    report = evaluate_directory(SAMPLES / "layouts")
    weak = {p.name: p.fields["session"].f1 for p in report.pages
            if p.fields["session"].f1 is not None and p.fields["session"].f1 < 0.5}
    assert weak == {}
