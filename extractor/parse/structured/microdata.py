"""schema.org Events written as microdata (`itemscope itemtype=".../Event"`), turned into the
dictionaries JSON-LD would hold and read by jsonld.read_items."""

from __future__ import annotations

from typing import Any

from lxml import html

from extractor.parse.structured import jsonld
from extractor.parse.structured._common import StructuredResult, element_text

KIND = "microdata"
ITEM_XPATH = "//*[@itemscope][contains(@itemtype, 'schema.org/')]"
_URL_ATTRS = {"a": "href", "link": "href", "img": "src", "area": "href", "source": "src", "object": "data"}


def is_item(element: html.HtmlElement) -> bool:
    return element.get("itemscope") is not None and "schema.org/" in (element.get("itemtype") or "")


def read(root: html.HtmlElement, location: str) -> StructuredResult | None:
    tops = [
        _item(element)
        for element in root.xpath(ITEM_XPATH)
        if element.get("itemprop") is None and "Event" in (element.get("itemtype") or "")
    ]
    result = jsonld.read_items(tops, location, root.get("lang"))
    if result is None:
        return None
    return StructuredResult(
        kind=KIND,
        title=result.title,
        language=result.language,
        sessions=result.sessions,
        warnings=result.warnings,
    )


def _item(element: html.HtmlElement) -> dict[str, Any]:
    item: dict[str, Any] = {"@type": (element.get("itemtype") or "").split()}
    for prop in _properties(element):
        value = _item(prop) if prop.get("itemscope") is not None else _value(prop)
        for name in (prop.get("itemprop") or "").split():
            item.setdefault(name, []).append(value)
    return item


def _properties(scope: html.HtmlElement) -> list[html.HtmlElement]:
    """Elements with itemprop whose nearest enclosing itemscope is `scope` (document order)."""
    found: list[html.HtmlElement] = []
    stack = list(reversed(scope))
    while stack:
        node = stack.pop()
        if not isinstance(node.tag, str):
            continue
        if node.get("itemprop") is not None:
            found.append(node)
        if node.get("itemscope") is None:
            stack.extend(reversed(node))
    return found


def _value(element: html.HtmlElement) -> str:
    if element.tag == "meta":
        return element.get("content") or ""
    if element.tag in ("time", "data") and (element.get("datetime") or element.get("value")):
        return element.get("datetime") or element.get("value") or ""
    if element.tag in _URL_ATTRS and element.get(_URL_ATTRS[element.tag]):
        return element.get(_URL_ATTRS[element.tag]) or ""
    return element.get("content") or element_text(element)
