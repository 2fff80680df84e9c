"""Tabbed programmes: each panel gets its tab's label as a heading.

Tabs show one panel at a time; the label that says which day or which room a panel is sits far from it,
in the tab list. Two ways a tab names its panel: Bootstrap and ARIA (`<a href="#day-2" role="tab">` …
`<div role="tabpanel" id="day-2">`), and a home-made attribute the script reads on both
(`<button schedule="254">Mercredi 18 mars</button>` … `<article schedule="254">`). Written at the top
of its panel as a heading, the label reads as a day or room heading does on any other page.
"""

from __future__ import annotations

from typing import cast

from lxml import etree

_PANELS = etree.XPath("//*[@id][@role='tabpanel' or contains(concat(' ', normalize-space(@class), ' '), ' tab-pane ')]")
_TAB_LINKS = etree.XPath("//*[@href or @aria-controls or @data-target or @data-bs-target]")
_ATTRIBUTED = etree.XPath("//body//*[@*]")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_CONTROLS = frozenset({"button", "a", "li", "span", "label"})
# Attributes every page uses for other ends: never a tab's link to its panel.
_COMMON = frozenset({"class", "id", "style", "href", "src", "alt", "title", "role", "type", "name", "value",
                     "lang", "dir", "width", "height", "target", "rel", "tabindex", "aria-hidden",
                     "aria-label", "aria-expanded", "aria-selected", "hidden", "colspan", "rowspan"})
MAX_LABEL_CHARS = 60
MIN_PANEL_CHARS = 60  # a panel holds sessions, not a word
TAB_LABEL = "x-tab-label"  # marks the headings written here (blocks give their lines the hint "tab")
_MARKED = etree.XPath(f"//*[@{TAB_LABEL}]")


def label_panels(root: etree._Element) -> None:
    for forged in cast(list[etree._Element], _MARKED(root)):
        del forged.attrib[TAB_LABEL]  # the page's own attribute of that name says nothing to us
    labels = _linked_panels(root)
    labels.update((panel, text) for panel, text in _paired_panels(root) if panel not in labels)
    for panel, text in labels.items():
        levels = [int(str(h.tag)[1]) for h in panel.iter(*_HEADINGS)]
        heading = etree.Element(f"h{max(1, min(levels, default=3) - 1)}", {TAB_LABEL: "1"})
        heading.text = text
        panel.insert(0, heading)


def _linked_panels(root: etree._Element) -> dict[etree._Element, str]:
    panels = {str(p.get("id")): p for p in cast(list[etree._Element], _PANELS(root))}
    labels: dict[etree._Element, str] = {}
    if not panels:
        return labels
    for link in cast(list[etree._Element], _TAB_LINKS(root)):
        for attribute in ("aria-controls", "href", "data-target", "data-bs-target"):
            panel = panels.get((link.get(attribute) or "").removeprefix("#"))
            text = _label(link)
            if panel is not None and panel not in labels and text:
                labels[panel] = text
    return labels


def _paired_panels(root: etree._Element) -> list[tuple[etree._Element, str]]:
    """A control and a big element that share an uncommon attribute and its value: the tab and its panel."""
    by_value: dict[tuple[str, str], list[etree._Element]] = {}
    for element in cast(list[etree._Element], _ATTRIBUTED(root)):
        for name, value in element.attrib.items():
            if name not in _COMMON and not str(name).startswith("aria-") and value:
                by_value.setdefault((str(name), str(value)), []).append(element)
    pairs = []
    for elements in by_value.values():
        if len(elements) != 2:
            continue
        controls = [e for e in elements if e.tag in _CONTROLS and _label(e)]
        panels = [e for e in elements if e.tag not in _CONTROLS and _size(e) >= MIN_PANEL_CHARS]
        if len(controls) == 1 and len(panels) == 1:
            pairs.append((panels[0], _label(controls[0]) or ""))
    return pairs


def _label(element: etree._Element) -> str | None:
    text = " ".join("".join(str(t) for t in element.itertext()).split())
    return text if 0 < len(text) <= MAX_LABEL_CHARS else None


def _size(element: etree._Element) -> int:
    return sum(len(str(t)) for t in element.itertext())
