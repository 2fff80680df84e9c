"""HTML or text -> ordered text blocks (one per visual line) with layout hints.

The HTML tree is walked once with lxml's iterwalk; page chrome (scripts, styles, navigation,
site header/footer, Wix's scroll landmarks) is skipped as whole subtrees.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree, html

from extractor.text import norm

MAX_BLOCKS = 200_000  # a page with more lines than this is not a programme we can read in time

_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "nav", "head", "iframe",
                        "object", "canvas", "select", "button", "form", "math"})
_CHROME_TAGS = frozenset({"header", "footer", "aside"})
_LANDMARK_IDS = frozenset({"SCROLL_TO_TOP", "SCROLL_TO_BOTTOM", "WIX_ADS", "SITE_HEADER", "SITE_FOOTER"})
_LANDMARK_LABELS = frozenset({"top of page", "bottom of page", "haut de page", "bas de page"})
_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "search"})
_BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3",
    "h4", "h5", "h6", "table", "tr", "td", "th", "thead", "tbody", "caption", "blockquote", "pre",
    "figure", "figcaption", "address", "details", "summary", "body", "hr", "fieldset", "center",
})
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)", re.I)
_SEPARATOR_TEXT = re.compile(r"^[\s\u00a0\u200b\u202f\ufeff]*$")
TEXT_CHROME = frozenset({"top of page", "bottom of page"})


@dataclass(slots=True)
class Block:
    text: str
    where: str
    heading: int = 0  # 1–6 inside <h1>…<h6>
    bold: bool = False
    separator: bool = False  # an empty or no-break-space paragraph
    cells: tuple[str, ...] | None = None  # a table row, one string per cell
    header: bool = False  # a table header row


def text_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    for number, line in enumerate(text.splitlines(), start=1):
        clean = norm(line)
        if clean.lower() in TEXT_CHROME:
            continue
        blocks.append(Block(text=clean, where=f"line {number}", separator=not clean))
        if len(blocks) > MAX_BLOCKS:
            break
    return blocks


def parse_html(text: str) -> html.HtmlElement:
    parser = html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    try:
        root = html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError):
        root = html.document_fromstring("<html><body></body></html>")
    return root


def html_blocks(root: html.HtmlElement) -> list[Block]:
    return list(_HtmlWalker(root).blocks())


class _HtmlWalker:
    def __init__(self, root: html.HtmlElement) -> None:
        self.root = root
        self.out: list[Block] = []
        self.buf: list[tuple[str, bool]] = []
        self.heading = 0
        self.bold_depth = 0
        self.where_stack: list[str] = []

    def blocks(self) -> Iterator[Block]:
        walker = etree.iterwalk(self.root, events=("start", "end"))
        bold_elements: set[int] = set()
        skipped: set[int] = set()
        for event, el in walker:
            tag = el.tag if isinstance(el.tag, str) else ""
            if event == "start":
                if _is_chrome(el, tag):
                    walker.skip_subtree()
                    skipped.add(id(el))
                    continue
                if tag == "table" and _is_data_table(el):
                    self._flush()
                    self._table(el)
                    walker.skip_subtree()
                    skipped.add(id(el))
                    continue
                if tag in _BLOCK_TAGS or tag == "br":
                    self._flush()
                if tag in _HEADINGS:
                    self.heading = _HEADINGS[tag]
                if tag in ("b", "strong") or _BOLD_STYLE.search(el.get("style", "")):
                    self.bold_depth += 1
                    bold_elements.add(id(el))
                self.where_stack.append(_label(el, tag))
                self._text(el.text)
            elif id(el) in skipped:
                skipped.discard(id(el))
                self._text(el.tail)
            else:
                if tag in _BLOCK_TAGS:
                    self._flush()
                self.where_stack.pop()
                if tag in _HEADINGS:
                    self.heading = 0
                if id(el) in bold_elements:
                    self.bold_depth -= 1
                    bold_elements.discard(id(el))
                self._text(el.tail)
            if len(self.out) > MAX_BLOCKS:
                break
        self._flush()
        return iter(self.out)

    def _text(self, text: str | None) -> None:
        if text:
            self.buf.append((text, self.bold_depth > 0))

    def _flush(self) -> None:
        if not self.buf:
            return
        raw = "".join(text for text, _ in self.buf)
        bold_chars = sum(len(text.strip()) for text, bold in self.buf if bold)
        self.buf = []
        where = " > ".join(s for s in self.where_stack[-3:] if s) or "html"
        if _SEPARATOR_TEXT.match(raw):
            if "\u00a0" in raw or "\u200b" in raw:
                self.out.append(Block(text="", where=where, separator=True))
            return
        self.out.append(Block(text=norm(raw), where=where, heading=self.heading,
                              bold=bold_chars * 2 >= len(raw.strip())))

    def _table(self, table: html.HtmlElement) -> None:
        for index, row in enumerate(table.iter("tr"), start=1):
            cells = [c for c in row if isinstance(c.tag, str) and c.tag in ("td", "th")]
            texts = tuple(_cell_text(c) for c in cells)
            if not any(texts):
                continue
            header = all(c.tag == "th" for c in cells) or row.getparent().tag == "thead"
            where = f"{_label(table, 'table')} > tr[{index}]"
            self.out.append(Block(text=" | ".join(t for t in texts if t), where=where, cells=texts,
                                  header=header))


def _cell_text(cell: html.HtmlElement) -> str:
    # <br> and block children separate people or lines inside a cell: keep them as "\n".
    parts: list[str] = []
    for piece in cell.xpath(".//text() | .//br | .//p | .//div | .//li"):
        if isinstance(piece, str):
            parts.append(piece)
        else:
            parts.append("\n")
    lines = [norm(line) for line in "".join(parts).split("\n")]
    return "\n".join(line for line in lines if line)


def _is_chrome(el: html.HtmlElement, tag: str) -> bool:
    if not tag or tag in _SKIP_TAGS:
        return True
    if el.get("id") in _LANDMARK_IDS or (el.get("aria-label") or "").strip().lower() in _LANDMARK_LABELS:
        return True
    if el.get("role") in _CHROME_ROLES or el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    if tag in _CHROME_TAGS:
        # A site's header/footer, not an <article>'s own header (which may hold the event title).
        return not any(a.tag in ("article", "main", "section") for a in el.iterancestors())
    return False


def _is_data_table(table: html.HtmlElement) -> bool:
    """A programme table, not a layout table: no nested tables, at least two rows of two cells."""
    if table.find(".//table") is not None:
        return False
    rows = [r for r in table.iter("tr") if len(r) >= 2]
    return len(rows) >= 2


def _label(el: html.HtmlElement, tag: str) -> str:
    ident = el.get("id")
    if ident:
        return f"{tag}#{ident}"
    cls = (el.get("class") or "").split()
    return f"{tag}.{cls[0]}" if cls else tag
