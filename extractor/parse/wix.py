"""Wix layouts: put components in the order the eye reads them.

Wix positions each component with a CSS grid placement in the page's <style>
(`[id="comp-…"]{…grid-area:3 / 1 / 4 / 2;…left:492px;…}`); the DOM order of siblings can
differ from that, notably in multi-column layouts. Siblings that all have a placement are
reordered by (row, column, left offset). Rules for the mobile layout are ignored.
"""

from __future__ import annotations

import re
from typing import cast

from lxml import etree

from extractor.parse.cssgrid import css_rules

_PLACED = re.compile(r"grid-area\s*:")
_COMP_ID = re.compile(r"comp-[A-Za-z0-9_]+")
_GRID_AREA = re.compile(r"grid-area\s*:\s*(\d{1,6})\s*/\s*(\d{1,6})")
_LEFT = re.compile(r"(?:^|;)\s*left\s*:\s*(-?\d+(?:\.\d+)?)px")
_STYLES = etree.XPath("//style/text()")
_COMPONENTS = etree.XPath("//*[starts-with(@id, 'comp-')]")


def grid_positions(root: etree._Element) -> dict[str, tuple[int, int, float]]:
    """comp id -> (row, column, left px) from the page's desktop CSS."""
    positions: dict[str, tuple[int, int, float]] = {}
    for css in cast(list[str], _STYLES(root)):
        if "grid-area" not in css:
            continue
        for selector, declarations in css_rules(css, _PLACED):
            if "mobile" in selector:
                continue
            ids = _COMP_ID.findall(selector)
            area = _GRID_AREA.search(declarations)
            if not ids or not area:
                continue
            left = _LEFT.search(declarations)
            positions.setdefault(ids[-1], (int(area[1]), int(area[2]), float(left[1]) if left else 0.0))
    return positions



def reorder_by_grid(root: etree._Element) -> int:
    """Reorder placed siblings in reading order; returns how many parents changed."""
    positions = grid_positions(root)
    if len(positions) < 2:
        return 0
    parents: dict[int, etree._Element] = {}
    for element in cast(list[etree._Element], _COMPONENTS(root)):
        if element.get("id") in positions:
            parent = element.getparent()
            # Wix may wrap a component in one element (wix-interact-element): order the wrappers.
            if parent is not None and len(parent) == 1 and parent.getparent() is not None:
                parent = parent.getparent()
            if parent is not None:
                parents[id(parent)] = parent
    changed = 0
    for parent in parents.values():
        children = [c for c in parent if isinstance(c.tag, str)]
        keys = [_position(c, positions) for c in children]
        placed = [k for k in keys if k is not None]
        if len(children) < 2 or len(placed) < len(children):
            continue
        order = sorted(range(len(children)), key=lambda i: placed[i])
        if order != list(range(len(children))):
            for i in order:
                child = children[i]
                tail, child.tail = child.tail, None
                parent.append(child)  # moves it to the end, in reading order
                child.tail = tail
            changed += 1
    return changed


def _position(element: etree._Element, positions: dict[str, tuple[int, int, float]]) -> tuple[int, int, float] | None:
    found = positions.get(element.get("id") or "")
    if found is None and len(element) == 1 and isinstance(element[0].tag, str):
        found = positions.get(element[0].get("id") or "")
    return found
