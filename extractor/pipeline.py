"""The parse pipeline: RawPage -> decode -> (structured data | blocks -> classify -> assemble) -> Programme.

Placeholder: the full pipeline is being written now; the signatures below are stable.
"""

from __future__ import annotations

from extractor.models import Programme
from extractor.options import ParseOptions
from extractor.sources import RawPage, read_source


def parse_page(page: RawPage, options: ParseOptions | None = None) -> Programme:
    raise NotImplementedError


def parse_bytes(data: bytes, location: str = "<bytes>", options: ParseOptions | None = None) -> Programme:
    return parse_page(RawPage(data=data, location=location), options)


def parse_source(location: str, options: ParseOptions | None = None, **fetch_options: object) -> Programme:
    return parse_page(read_source(location, **fetch_options), options)
