"""Structured sources read before the text path: schema.org Events (JSON-LD, microdata) and platforms
whose markup is structured (pretalx, Sessionize, Indico meetings).

`extract(root, location)` looks for every reader's markers with one XPath, then asks the readers
whose markers are present, most specific first; the first that yields sessions wins. A page with no
marker costs that one XPath and returns None, and the caller falls back to the text path.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import html

from extractor.parse.structured import indico, jsonld, microdata, pretalx, sessionize
from extractor.parse.structured._common import StructuredResult

__all__ = ["READERS", "StructuredResult", "extract", "might_have_structured_data"]

Reader = Callable[[html.HtmlElement, str], StructuredResult | None]

# (kind, "is this element a marker of mine?", reader), most specific first.
READERS: tuple[tuple[str, Callable[[html.HtmlElement], bool], Reader], ...] = (
    (pretalx.KIND, pretalx.is_session, pretalx.read),
    (sessionize.KIND, sessionize.is_session, sessionize.read),
    (indico.KIND, indico.is_timetable, indico.read),
    (jsonld.KIND, jsonld.is_script, jsonld.read),
    (microdata.KIND, microdata.is_item, microdata.read),
)

MARKERS_XPATH = " | ".join(
    [
        jsonld.SCRIPT_XPATH,
        "//div[contains(@class, 'pretalx-session')]",
        "//*[contains(@class, 'sz-session')]",
        "//ul[contains(@class, 'meeting-timetable')]",
        "//*[@itemscope][contains(@itemtype, 'Event')]",
    ]
)


# Every marker above leaves one of these strings in the page's source; a page with none of them skips
# the XPath (a whole-tree scan) altogether.
MARKER_BYTES = (b"ld+json", b"LD+JSON", b"Ld+Json", b"ld+JSON", b"pretalx-session", b"sz-session",
                b"meeting-timetable", b"itemscope")


def might_have_structured_data(data: bytes) -> bool:
    """Searched in the raw bytes (memchr speed; a str search of a large page costs far more)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True  # UTF-16: the markers are not byte strings there; let the XPath decide
    return any(marker in data for marker in MARKER_BYTES)


def extract(root: html.HtmlElement, location: str) -> StructuredResult | None:
    """Sessions from the page's structured data, or None when it has none we can read."""
    markers = root.xpath(MARKERS_XPATH)
    if not markers:
        return None
    for _kind, is_marker, reader in READERS:
        if any(is_marker(element) for element in markers):
            result = reader(root, location)
            if result is not None and result.sessions:
                return result
    return None
