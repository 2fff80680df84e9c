"""The parse pipeline: RawPage -> decode -> (structured data | blocks -> classify -> assemble) -> Programme."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date
from itertools import islice
from typing import cast

from lxml import etree

from extractor.errors import ParseError
from extractor.lexicon import language_code
from extractor.models import Programme, Session, Source, Warning
from extractor.options import ParseOptions
from extractor.parse import memo
from extractor.parse.assemble import Assembler, pairs_settled, speaker_pairs, title_signatures
from extractor.parse.blocks import MAX_BLOCKS, Block, html_blocks, parse_html, text_blocks
from extractor.parse.classify import Classified, Kind, classify, recurring_places, without_links, without_rules
from extractor.parse.context import PageContext, build_context, date_mentions
from extractor.parse.dates import dates_in
from extractor.parse.deadline import Deadline
from extractor.parse.language import detect_language
from extractor.parse.times import split_run_on
from extractor.parse.zone import page_timezone
from extractor.read.decode import decode_page, looks_like_html
from extractor.read.page import RawPage
from extractor.textkit.normalise import norm


def parse_page(page: RawPage, options: ParseOptions | None = None) -> Programme:
    """Parse one page. Raises InputError (unreadable) or ParseError (no programme in it)."""
    options = options or ParseOptions()
    memo.forget()  # each page read on its own
    deadline = Deadline(options.deadline, page.location)
    text, _encoding, decoding = decode_page(page.data, page.location, page.charset)
    sha256 = hashlib.sha256(page.data).hexdigest()

    def source(kind: str) -> Source:
        return Source(kind=kind, location=page.location, sha256=sha256, retrieved_at=page.retrieved_at,
                      http=page.http)

    reference = options.reference_date or options.default_date or page.retrieved_at.date()
    if looks_like_html(page.data[:4096]) or looks_like_html(text[:4096].encode("utf-8", "ignore")):
        root = parse_html(text)
        declared_lang = root.get("lang")
        from extractor.parse import structured

        marked = structured.might_have_structured_data(page.data)
        found = structured.extract(root, page.location) if marked else None
        if found is not None:
            programme = Programme(
                source=source(found.kind),
                language=language_code(options.lang) or found.language or language_code(declared_lang),
                title=found.title or _html_title(root),
                timezone=options.timezone or page_timezone(_page_text(root), root),
                sessions=found.sessions,
                warnings=[*decoding, *found.warnings],
            )
            return _checked(programme)
        kind, title = "html", _html_title(root)
        titles = [t for t in (_document_title(root), title) if t]
        # What the whole page says of the event (its description, banner, footer), before the chrome goes.
        about = _page_text(root)
        # The page's own name is not a session.
        deadline.check()
        blocks = [b for b in html_blocks(root) if not (b.heading == 1 and b.text == title)]
    else:
        blocks, kind, declared_lang = text_blocks(text), "text", None
        titles, about, root, marked = [], [], None, False
    deadline.check()
    if len(blocks) > MAX_BLOCKS:
        decoding = [*decoding, Warning(where=blocks[-1].where, text=blocks[-1].text[:80],
                                       reason=f"the page has more than {MAX_BLOCKS} lines: the rest is not read")]
    context = build_context([*(b.text for b in blocks if b.table is None), *about], reference,
                            [*titles, *(b.text for b in blocks[:PAGE_DATE_LINES])])
    if kind == "text":
        title, blocks = _text_title(blocks, context)
    context.places = recurring_places(blocks, context)
    sessions, warnings = assemble(blocks, context, options.default_date, _page_date(blocks, context, titles),
                                  deadline)
    language = language_code(options.lang) or detect_language((b.text for b in blocks), declared_lang)
    # The user's zone first; else the page's own, read only now, so that no parser rule depends on it.
    timezone = options.timezone or page_timezone([*about, *(b.text for b in blocks)], root if marked else None)
    programme = Programme(source=source(kind), language=language, title=title, timezone=timezone,
                         sessions=sessions, warnings=[*decoding, *warnings])
    return _checked(programme)


CACHED_LINE_CHARS = 100  # short lines repeat within a page ("Salle à venir", "Pause"): classify once


def assemble(
    blocks: list[Block], context: PageContext, default_day: date | None = None, page_day: date | None = None,
    deadline: Deadline | None = None,
) -> tuple[list[Session], list[Warning]]:
    tick = deadline.tick if deadline else _no_deadline
    seen: dict[tuple[str, int, bool, str | None], Classified] = {}

    def read(block: Block) -> Classified:
        if block.table is not None or len(block.text) > CACHED_LINE_CHARS:
            return classify(block, context)
        key = (block.text, block.heading, block.separator, block.hint)
        known = seen.get(key)
        if known is None:
            known = seen[key] = classify(block, context)
            return known
        return replace(known, block=block)

    items: list[Classified] = []
    for block in blocks:
        tick()
        if block.table is None:
            text = without_links(without_rules(block.text))
            if text != block.text:
                block = replace(block, text=text)
        pieces = split_run_on(block.text) if block.table is None else [block.text]
        if len(pieces) == 1:
            items.append(read(block))
            continue
        items.extend(read(replace(block, text=piece)) for piece in pieces)  # several slots on one line
    # Read twice: the first reading shows which kind of line the page's titles are; the second lets
    # only such lines open a session, so that a bold line inside an abstract stays in the abstract.
    first = Assembler(default_day=default_day, context=context, page_day=page_day)
    for item in items:
        tick()
        first.feed(item)
    signatures = title_signatures(first.drafts())
    pairs = speaker_pairs(first.pairs_seen)
    people = first.people_kinds()
    if (signatures is None or first.asked <= signatures) and pairs_settled(first.pairs_seen, pairs) \
            and not people & first.commas_read:
        return first.finish()  # a second reading would answer every question as the first did
    second = Assembler(default_day=default_day, context=context, page_day=page_day, title_signatures=signatures,
                       speaker_pairs=pairs, people_signatures=people)
    for item in items:
        tick()
        second.feed(item)
    return second.finish()


def _no_deadline() -> None:
    pass


def parse_bytes(data: bytes, location: str = "<bytes>", options: ParseOptions | None = None) -> Programme:
    return parse_page(RawPage(data=data, location=location), options)


def _checked(programme: Programme) -> Programme:
    if not programme.sessions:
        raise ParseError(f"no programme found in {programme.source.location}")
    return programme


PAGE_DATE_LINES = 8


def _page_date(blocks: list[Block], context: PageContext, titles: list[str] | None = None) -> date | None:
    """The one full date named near the top ("Colloque X, 12 mars 2026, Québec"), or in the page's own
    title: the day of a one-day event. The assembler uses it only if the page has no day headings."""
    found: set[date] = set()
    lines = (b.text for b in blocks if not b.separator)
    for text in [*(titles or []), *islice(lines, PAGE_DATE_LINES)]:
        if len({(m.day, m.month) for m in date_mentions(text[:300])}) > 1:
            return None  # "Le 8, 9 et 10 mai 2015", "June 3-5, 2024": several days, not one
        found.update(dates_in(text[:300], context))
    return found.pop() if len(found) == 1 else None


def _text_title(blocks: list[Block], context: PageContext) -> tuple[str | None, list[Block]]:
    """A text page's first line is its title when a day heading follows it.

    Not when a time follows: "Faut-il taxer le sucre ?" then "14 h à 15 h 30" is a session."""
    lines = [b for b in blocks if not b.separator][:2]
    if len(lines) == 2 and classify(lines[0], context).kind is Kind.TEXT \
            and classify(lines[1], context).kind is Kind.DAY:
        return lines[0].text, [b for b in blocks if b is not lines[0]]
    return None, blocks


MAX_CONTEXT_CHARS = 100_000
_META_CONTENT = etree.XPath("//meta[@name='description' or @property='og:description' or "
                            "@name='twitter:description' or @property='og:title']/@content")


def _page_text(root: etree._Element) -> list[str]:
    """The page's meta descriptions and the text of its chrome (banner, footer): where the event's dates
    and year are often written, and nowhere else."""
    metas = [str(m) for m in cast(list[str], _META_CONTENT(root))]
    chrome = [" ".join(str(t) for t in el.itertext()) for el in root.iter("header", "footer")]
    return [*metas, *(c[:MAX_CONTEXT_CHARS] for c in chrome)]


def _document_title(root: etree._Element) -> str | None:
    """The document's <title>: the event's name and year, often, though it is never a session."""
    found = root.find("head/title")
    return norm("".join(str(t) for t in found.itertext())) if found is not None else None


def _html_title(root) -> str | None:  # type: ignore[no-untyped-def]
    for h1 in root.iter("h1"):
        text = norm("".join(h1.itertext()))
        if text:
            return text
    return None

