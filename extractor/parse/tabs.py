"""Tabbed programmes: each panel gets its tab's label as a heading.

Bootstrap and ARIA tabs (`<a href="#day-2" role="tab">Track 02</a>` … `<div role="tabpanel" id="day-2">`)
show one panel at a time; the label that says which day or which room a panel is sits far from it, in
the tab list. Written at the top of its panel as a heading, the label reads as a day or room heading
does on any other page.
"""

from __future__ import annotations

from typing import cast

from lxml import etree

_PANELS = etree.XPath("//*[@id][@role='tabpanel' or contains(concat(' ', normalize-space(@class), ' '), ' tab-pane ')]")
_TAB_LINKS = etree.XPath("//*[@href or @aria-controls or @data-target or @data-bs-target]")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
MAX_LABEL_CHARS = 60
TAB_LABEL = "x-tab-label"  # marks the headings written here (blocks give their lines the hint "tab")
_MARKED = etree.XPath(f"//*[@{TAB_LABEL}]")


def label_panels(root: etree._Element) -> None:
    for forged in cast(list[etree._Element], _MARKED(root)):
        del forged.attrib[TAB_LABEL]  # the page's own attribute of that name says nothing to us
    panels = {str(p.get("id")): p for p in cast(list[etree._Element], _PANELS(root))}
    if not panels:
        return
    labels: dict[str, str] = {}
    for link in cast(list[etree._Element], _TAB_LINKS(root)):
        for attribute in ("aria-controls", "href", "data-target", "data-bs-target"):
            target = (link.get(attribute) or "").removeprefix("#")
            if target in panels and target not in labels:
                text = " ".join("".join(str(t) for t in link.itertext()).split())
                if 0 < len(text) <= MAX_LABEL_CHARS:
                    labels[target] = text
    for panel_id, text in labels.items():
        panel = panels[panel_id]
        levels = [int(str(h.tag)[1]) for h in panel.iter(*_HEADINGS)]
        heading = etree.Element(f"h{max(1, min(levels, default=3) - 1)}", {TAB_LABEL: "1"})
        heading.text = text
        panel.insert(0, heading)
