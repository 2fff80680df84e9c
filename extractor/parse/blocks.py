"""HTML or text -> ordered text blocks (one per visual line) with layout hints.

HTML: page chrome (scripts, styles, navigation, site header/footer, Wix's scroll landmarks) is
removed from the tree, data tables become row blocks, then every remaining text node is read in
document order with one XPath; a line ends where the nearest block-level ancestor changes or at a
<br>. Working on text nodes rather than on every element's start and end keeps this near lxml's
own speed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import cast

from lxml import etree

from extractor.lexicon import lexicon
from extractor.parse import cssgrid, tabs, wix
from extractor.parse.memo import memoised
from extractor.parse.speakers import looks_like_name
from extractor.textkit.normalise import norm, undecorated

MAX_BLOCKS = 200_000  # a page with more lines than this is not a programme we can read in time

_SKIP_TAGS = ("script", "style", "noscript", "template", "svg", "nav", "head", "iframe", "object",
              "canvas", "select", "button", "math", "title")
BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3",
    "h4", "h5", "h6", "table", "tr", "td", "th", "thead", "tbody", "caption", "blockquote", "pre",
    "figure", "figcaption", "address", "details", "summary", "body", "html", "hr", "fieldset", "center",
    "form", "header", "footer", "aside", "X-ROWS",
})
_BOLD_TAGS = frozenset({"b", "strong"})
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_BOLD_STYLE = re.compile(r"font-weight\s*:\s*(?:bold|[6-9]00)", re.I)
_SEPARATOR_TEXT = re.compile(r"^[\s\u00a0\u200b\u202f\ufeff]*$")
# Placeholder left where a data table was turned into row blocks. Upper case: lxml's HTML parser
# lowercases every tag, so no page's own element (`<x-rows>`) can be taken for it.
_ROWS_TAG = "X-ROWS"
# The table stays inside its placeholder, so that its cells keep their place in the page's tree.
_NODES = etree.XPath(f"//body//text()[not(ancestor::{_ROWS_TAG})] | //body//br[not(ancestor::{_ROWS_TAG})]"
                     f" | //body//{_ROWS_TAG}[not(ancestor::{_ROWS_TAG})]")


@dataclass(frozen=True, slots=True)
class TableRow:
    """One <tr>, its cells placed on the table's grid: covered positions (row/colspan) are ""."""

    cells: tuple[str, ...]
    spans: tuple[int, ...]  # rowspan of the cell that starts here, 0 where covered from above or left
    widths: tuple[int, ...]  # colspan of the cell that starts here, 0 where covered
    header: bool
    origin: etree._Element
    # A cell's lines with their markup (class hints, headings), where it has several lines; a cell whose
    # markup names titles (`<span class="title">`) may hold several sessions. None for a one-line cell.
    items: tuple[list[Block] | None, ...] = ()


@dataclass(slots=True)
class Block:
    text: str
    origin: str | etree._Element  # "line 12", or the element the line came from
    heading: int = 0  # 1–6 inside <h1>…<h6>
    bold: bool = False
    separator: bool = False  # an empty or no-break-space paragraph
    table: list[TableRow] | None = None  # a data table, read whole by extractor.parse.tables
    hint: str | None = None  # what the markup says the text is ("speaker", "room"…), from class names
    lead: str | None = None  # a bold run opening the line, other text after it: `<b>Title</b> Ana Ruiz (OSC)`

    @property
    def signature(self) -> tuple[str, ...]:
        """What kind of line this is, as markup goes: its element, classes, heading level and weight."""
        origin = self.origin
        if isinstance(origin, str):
            return ("text", str(self.heading), str(self.bold))
        return (str(origin.tag), origin.get("class") or "", str(self.heading), str(self.bold))

    @property
    def where(self) -> str:
        """Where the block came from: its line number, or its element's path (computed on demand)."""
        if isinstance(self.origin, str):
            return self.origin
        return self.origin.getroottree().getpath(self.origin)


# Bold text holds no `**`: the match ends at the next marker, so `**a **a **a …` is read in linear time.
_MARKDOWN_STRONG = re.compile(r"\*\*(?=\S)((?:[^*]|\*(?!\*))+?)(?<=\S)\*\*")


def text_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    for number, line in enumerate(text.splitlines(), start=1):
        clean = norm(line)
        if "**" in clean:  # a Markdown-ish dump: **bold** markers are emphasis, not text
            clean = _MARKDOWN_STRONG.sub(r"\1", clean)
        if clean.startswith("|") or clean.endswith("|"):  # a table flattened to text: `| 07:00 | Titre |`
            clean = clean.strip("| ").strip()
        blocks.append(Block(text=clean, origin=f"line {number}", separator=not clean))
        if len(blocks) > MAX_BLOCKS:
            break
    return blocks


def parse_html(text: str) -> etree._Element:
    """One parse per page. lxml's plain element classes, not lxml.html's: a proxy for every element
    we touch costs less without lxml.html's Python-level class lookup."""
    parser = etree.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    try:
        root = etree.fromstring(text, parser=parser)
    except (etree.ParserError, ValueError):
        root = None
    if root is None:
        root = etree.fromstring("<html><body></body></html>", parser=parser)
    return root


def html_blocks(root: etree._Element) -> list[Block]:
    """Lines of the page's content. Consumes the tree: chrome and data tables are removed from it."""
    _machine_times(root)
    tables = _strip_chrome_and_tables(root)
    lines = _Lines(_sections(root))
    for node in cast(list["etree._Element | etree._ElementUnicodeResult"], _NODES(root)):
        if isinstance(node, str):
            lines.add(node)
        elif node.tag == "br":
            lines.flush()
        else:  # a data table's place
            lines.flush()
            lines.out.extend(tables[int(node.get("n") or 0)])
        if len(lines.out) > MAX_BLOCKS:
            break
    lines.flush()
    return lines.out


# Where a line stands with the bold run that may open it.
_NO_TEXT, _IN_LEAD, _AFTER_LEAD, _NO_LEAD = range(4)


_HEADING_ELEMENTS = etree.XPath("//h1 | //h2 | //h3 | //h4 | //h5 | //h6")
MIN_SECTION_HEADINGS = 2


def _sections(root: etree._Element) -> frozenset[etree._Element]:
    """Elements holding several headings: sections of the page, whose class names (`teaser`, `content`)
    say nothing of what one line in them is."""
    counts: dict[etree._Element, int] = {}
    for heading in cast(list[etree._Element], _HEADING_ELEMENTS(root)):
        for ancestor in heading.iterancestors():
            counts[ancestor] = counts.get(ancestor, 0) + 1
    return frozenset(e for e, n in counts.items() if n >= MIN_SECTION_HEADINGS)


class _Lines:
    """Gathers text nodes into lines: a new line whenever the block-level container changes."""

    def __init__(self, sections: frozenset[etree._Element] = frozenset()) -> None:
        self.sections = sections  # elements whose class names are no hint
        self.out: list[Block] = []
        self.buf: list[str] = []
        self.bold_chars = 0
        self.block: etree._Element | None = None
        self.heading = 0
        self.piece_hint: str | None = None  # what the last inline piece's own class says it is
        self.closing = ""  # what ends the line: the parenthesis opened before an inline affiliation
        self.has_text = False  # the line so far holds more than blanks
        self.line_hint: str | None = None  # the hint every piece of the line shares, if they all share one
        self.mixed = False  # the line's pieces have different hints
        self.length = 0  # characters in the buffer
        self.lead_end = 0  # where the bold run that opens the line ends
        self.lead_state = _NO_TEXT

    def add(self, node: etree._ElementUnicodeResult) -> None:
        element = node.getparent()
        if element is None:
            return
        container = element.getparent() if node.is_tail else element
        bold = False
        piece = None  # what the inline elements around this text say it is (`<span class="speaker">`)
        while container is not None and container.tag not in BLOCK_TAGS:
            if container.tag in _BOLD_TAGS or (container.tag == "span" and _is_bold_style(container)):
                bold = True
            if piece is None and container.get("class"):
                piece = _own_hint(container)
            container = container.getparent()
        if container is not self.block:
            self.flush()
            self.block = container
            self.heading = _HEADINGS.get(container.tag, 0) if container is not None else 0
        elif self.closing and piece != "affiliation" and node.strip():
            self.flush()  # the affiliation set apart has ended: what follows is another line
        elif self.has_text and piece and self.piece_hint != piece:
            if piece == "affiliation" and self.piece_hint in (None, "speaker") and not self.closing:
                self.buf[-1] = self.buf[-1].rstrip()
                self.buf.append(" (")  # `Ana Ruiz <span class="org">OSC</span>`: "Ana Ruiz (OSC)"
                self.closing = ")"
            else:
                self.flush()  # `<span class="time">…</span><span class="title">…</span>`: two fields
        elif self.buf and _glued(self.buf[-1], node):
            self.flush()  # `<span>Room: 275</span><span>Chair: Ana Ruiz</span>`: items styled apart
        elif node.is_tail and element.tag == "a" and node.strip()[:1].isalpha() and self.has_text \
                and looks_like_name(norm(self.buf[-1])):
            self.buf.append(", ")  # `<a>Prashanth HN</a> AWS Serverless Hero`: the link was a person
        if node.strip():
            if self.lead_state == _NO_TEXT:
                self.lead_state = _IN_LEAD if bold else _NO_LEAD
            elif self.lead_state == _IN_LEAD and not bold:
                self.lead_state, self.lead_end = _AFTER_LEAD, self.length
            if not self.has_text:
                self.line_hint = piece
            elif piece != self.line_hint and not self.closing:
                self.line_hint = self.line_hint or piece
                self.mixed = True
            self.has_text = True
            self.piece_hint = piece or self.piece_hint
        self.buf.append(node)
        self.length += len(node)
        if bold:
            self.bold_chars += len(node)

    def flush(self) -> None:
        if not self.buf:
            return
        raw = self.buf[0] if len(self.buf) == 1 else "".join(self.buf)
        if self.closing:
            raw = raw.rstrip() + self.closing
        bold = self.bold_chars * 2 >= len(raw.strip())
        line_hint = None if self.mixed else self.line_hint
        pieces_hinted = self.line_hint is not None
        lead = norm(raw[: self.lead_end]) if self.lead_state == _AFTER_LEAD else None
        self.buf, self.bold_chars, self.piece_hint, self.closing = [], 0, None, ""
        self.has_text, self.line_hint, self.mixed = False, None, False
        self.length, self.lead_end, self.lead_state = 0, 0, _NO_TEXT
        origin = self.block if self.block is not None else "html"
        if _SEPARATOR_TEXT.match(raw):
            if "\u00a0" in raw or "\u200b" in raw:
                self.out.append(Block(text="", origin=origin, separator=True))
            return
        # The container's hint, unless the line's own pieces say something else (or disagree).
        hint = line_hint if pieces_hinted else (
            class_hint(self.block, skip=self.sections) if self.block is not None else None)
        if self.block is not None and self.block.get(tabs.TAB_LABEL):
            hint = "tab"
        text = undecorated(norm(raw))
        if not text:
            return  # a pictogram alone ("🎤"): decoration
        self.out.append(Block(text=text, origin=origin, heading=self.heading, bold=bold, hint=hint,
                              lead=lead or None))


HINT_DEPTH = 3  # the line's container and this many ancestors may say what the text is
_CLASS_WORD = re.compile(r"[a-z]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_HINT_ORDER = ("affiliation", "speaker", "chair", "room", "time", "description", "meta", "title")


def class_hint(element: etree._Element, depth: int = HINT_DEPTH,
               skip: frozenset[etree._Element] = frozenset()) -> str | None:
    """The field the nearest classed element names: `class="session-room"` -> "room"."""
    node: etree._Element | None = element
    for _ in range(depth + 1):
        if node is None or node.tag in ("body", "html"):
            return None
        found = _own_hint(node) if node not in skip else None
        if found:
            return found
        node = node.getparent()
    return None


def _own_hint(node: etree._Element) -> str | None:
    words = " ".join(v for v in (node.get("class"), node.get("itemprop")) if v)
    if not words:
        return None
    return _words_hint(words)


@memoised
def _words_hint(words: str) -> str | None:
    hints = lexicon().class_hints
    found = {hints[w] for w in _CLASS_WORD.findall(_CAMEL.sub(" ", words).lower()) if w in hints}
    return next((f for f in _HINT_ORDER if f in found), None)


_TIME_ELEMENTS = etree.XPath("//time[@datetime]")
_CLOCK = re.compile(r"T(\d{1,2}):(\d{2})")


def _machine_times(root: etree._Element) -> None:
    """`<time datetime="…T14:30">14<span>30</span></time>`: the machine-readable time, written plainly,
    and a dash between a start and an end element side by side."""
    for element in cast(list[etree._Element], _TIME_ELEMENTS(root)):
        clock = _CLOCK.search(element.get("datetime") or "")
        if clock is None:
            continue
        for child in list(element):
            element.remove(child)
        element.text = f"{int(clock[1]):02d}:{clock[2]}"
        following = element.getnext()
        if following is not None and following.tag == "time" and not (element.tail or "").strip("\n\t "):
            element.tail = " – "


def _glued(before: str, after: str) -> bool:
    """Two inline items with nothing between them, where a word ends and a capitalised one begins.

    Pages lay such items out as separate lines with CSS; a Wix word split across spans
    ("Copro"+"duction") or punctuation (", Mairesse") does not match.
    """
    return bool(before) and bool(after) and (before[-1].isalnum() or before[-1] in ")]") \
        and (after[0].isupper() or (after[0].isdigit() and not before[-1].isdigit()))


def _strip_chrome_and_tables(root: etree._Element) -> dict[int, list[Block]]:
    wix.reorder_by_grid(root)  # before <style> elements go
    cssgrid.grids_as_tables(root)
    tabs.label_panels(root)  # before the tab list goes with the chrome
    body = root.find("body")
    if body is None:
        body = root
    etree.strip_elements(body, *_SKIP_TAGS, with_tail=False)  # <head> is never read: no need to free it
    for element in _chrome_elements(root):
        if element.getparent() is not None:
            _drop(element)
    _unwrap_single_column_tables(body)
    tables: dict[int, list[Block]] = {}
    for table in list(body.iter("table")):
        if _is_data_table(table):
            tables[len(tables)] = _table_blocks(table)
            marker = etree.Element(_ROWS_TAG, n=str(len(tables) - 1))
            marker.tail = table.tail
            parent = table.getparent()
            if parent is not None:
                parent.replace(table, marker)
                table.tail = None
                marker.append(table)
    return tables


def _unwrap_single_column_tables(body: etree._Element) -> None:
    """A table of one row or one column inside another table's cell is a box, not a table: its rows and
    cells become divs."""
    for table in list(body.iter("table")):
        if table.getparent() is None or not any(a.tag in ("td", "th") for a in table.iterancestors()):
            continue
        rows = list(table.iter("tr"))
        if len(rows) <= 1 or all(len([c for c in r if isinstance(c.tag, str) and c.tag in ("td", "th")]) <= 1
                                 for r in rows):
            for element in [table, *table.iter("thead", "tbody", "tfoot", "tr", "td", "th")]:
                element.tag = "div"


def _drop(element: etree._Element) -> None:
    """Remove an element and its content, keeping the text that follows it (its tail)."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def _table_blocks(table: etree._Element) -> list[Block]:
    rows = _grid(table)
    if not rows:
        return []
    text = " | ".join(c for row in rows[:3] for c in row.cells if c)
    return [Block(text=text[:200], origin=table, table=rows)]


MAX_SPAN = 200  # rowspan/colspan beyond this is malformed markup


def _grid(table: etree._Element) -> list[TableRow]:
    """Rows with cells placed by column, honouring rowspan and colspan."""
    pending: dict[int, int] = {}  # column -> rows still covered by a rowspan from above
    rows: list[TableRow] = []
    for tr in table.iter("tr"):
        cells: list[str] = []
        spans: list[int] = []
        widths: list[int] = []
        items: list[list[Block] | None] = []
        elements = [c for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th")]
        column = 0
        for cell in elements:
            while pending.get(column, 0) > 0:
                cells.append("")
                spans.append(0)
                widths.append(0)
                items.append(None)
                pending[column] -= 1
                column += 1
            rowspan = min(_int(cell.get("rowspan")), MAX_SPAN)
            colspan = min(_int(cell.get("colspan")), MAX_SPAN)
            cells.append(_cell_text(cell))
            spans.append(rowspan)
            widths.append(colspan)
            items.append(_cell_items(cell))
            for offset in range(colspan):
                if rowspan > 1:
                    pending[column + offset] = rowspan - 1
                if offset:
                    cells.append("")
                    spans.append(0)
                    widths.append(0)
                    items.append(None)
            column += colspan
        last = max((c for c, n in pending.items() if n > 0), default=-1)
        while column <= last:  # covered cells after the row's last own cell (or in an empty <tr>)
            if pending.get(column, 0) > 0:
                pending[column] -= 1
            cells.append("")
            spans.append(0)
            widths.append(0)
            items.append(None)
            column += 1
        section = tr.getparent()
        header = bool(elements) and (all(c.tag == "th" for c in elements)
                                     or (section is not None and section.tag == "thead"))
        rows.append(TableRow(cells=tuple(cells), spans=tuple(spans), widths=tuple(widths), header=header,
                             origin=tr, items=tuple(items)))
    return rows


def _int(value: str | None) -> int:
    try:
        return max(1, int(value or 1))
    except ValueError:
        return 1


def _is_bold_style(el: etree._Element) -> bool:
    style = el.get("style")
    return style is not None and _BOLD_STYLE.search(style) is not None


_CELL_PIECES = etree.XPath(".//text() | .//br | .//p | .//div | .//li | .//h1 | .//h2 | .//h3 | .//h4 | .//h5 "
                           "| .//h6 | .//dt | .//dd | .//blockquote")
_CELL_NODES = etree.XPath(".//text() | .//br")


def _cell_items(cell: etree._Element) -> list[Block] | None:
    """A cell's lines with their markup (hints, headings), when it has several; else None."""
    if not any(child.tag in BLOCK_TAGS or child.tag == "br" for child in cell.iter() if child is not cell):
        return None
    lines = _Lines()
    for node in cast(list["etree._Element | etree._ElementUnicodeResult"], _CELL_NODES(cell)):
        if isinstance(node, str):
            lines.add(node)
        else:
            lines.flush()
    lines.flush()
    return lines.out


def _cell_text(cell: etree._Element) -> str:
    # <br> and block children separate people or lines inside a cell: keep them as "\n".
    parts: list[str] = []
    for piece in cast(list["etree._Element | str"], _CELL_PIECES(cell)):
        if isinstance(piece, str):
            parts.append(piece)
        else:
            parts.append("\n")
    lines = [undecorated(norm(line)) for line in "".join(parts).split("\n")]
    return "\n".join(line for line in lines if line)


_LANDMARK_IDS = frozenset({"SCROLL_TO_TOP", "SCROLL_TO_BOTTOM", "WIX_ADS", "SITE_HEADER", "SITE_FOOTER"})
_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "search"})
# Candidates are found in one XPath pass (C speed), then tested in Python.
_CHROME_CANDIDATES = etree.XPath("//*[@id or @role or @hidden or @aria-hidden or @aria-label]"
                                 " | //header | //footer | //aside")


_CLASSED = etree.XPath("//*[@class]")
MIN_CHROME_LINK_SHARE = 0.6  # a classed menu or share bar is left out when this share of its text is links


def _chrome_elements(root: etree._Element) -> list[etree._Element]:
    found = [el for el in cast(list[etree._Element], _CHROME_CANDIDATES(root)) if _is_chrome(el)]
    chrome_words = lexicon().chrome_classes
    named: dict[str, bool] = {}  # a page repeats its class strings: read each once
    for el in cast(list[etree._Element], _CLASSED(root)):
        classes = el.get("class") or ""
        if classes not in named:
            named[classes] = not chrome_words.isdisjoint(_CLASS_WORD.findall(_CAMEL.sub(" ", classes).lower()))
        if named[classes] and _link_share(el) >= MIN_CHROME_LINK_SHARE:
            found.append(el)  # a classed menu or share bar: mostly links
    return found


def _is_chrome(el: etree._Element) -> bool:
    get = el.get
    if get("id") in _LANDMARK_IDS or (get("aria-label") or "").strip().lower() in lexicon().landmarks:
        return True
    if get("role") in _CHROME_ROLES or get("hidden") is not None or get("aria-hidden") == "true":
        return True
    if el.tag in ("header", "footer", "aside"):
        # A site's header/footer, not an <article>'s own header (which may hold the event title).
        return not any(a.tag in ("article", "main", "section") for a in el.iterancestors())
    return False


def _link_share(el: etree._Element) -> float:
    text = sum(len(t.strip()) for t in el.itertext())
    links = sum(len(t.strip()) for a in el.iter("a") for t in a.itertext())
    return links / text if text else 1.0


def _is_data_table(table: etree._Element) -> bool:
    """A programme table, not a layout table: no nested tables, at least two rows of two cells."""
    if table.find(".//table") is not None:
        return False
    rows = [r for r in table.iter("tr") if len(r) >= 2]
    return len(rows) >= 2
