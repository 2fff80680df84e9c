"""Wix: components are read in the order the CSS grid shows them, not the DOM's."""

from __future__ import annotations

import re

from extractor.parse import wix
from extractor.parse.blocks import parse_html
from extractor.parse.pipeline import parse_bytes
from tests.conftest import SAMPLES

PAGE = (SAMPLES / "wix-columns.html").read_text(encoding="utf-8")


def test_grid_positions_read_desktop_rules_only() -> None:
    positions = wix.grid_positions(parse_html(PAGE))
    assert positions["comp-lk2a06"] == (5, 1, 490.0)
    assert positions["comp-lk2a07"] == (6, 1, 0.0)  # the mobile rule (row 1) is ignored


def test_sessions_follow_the_grid_not_the_dom() -> None:
    titles = [s.title for s in parse_bytes(PAGE.encode(), "wix").sessions]
    assert titles == [
        "L’État partenaire : vingt ans de coproduction au Québec",
        "Budgets participatifs : mode d’emploi",
        "Données ouvertes et services de proximité",
        "Dîner",
    ]


def test_without_the_css_the_dom_order_would_mislead() -> None:
    bare = re.sub(r"<style.*?</style>", "", PAGE, flags=re.S)
    titles = [s.title for s in parse_bytes(bare.encode(), "wix").sessions]
    assert titles[0] != "L’État partenaire : vingt ans de coproduction au Québec"
