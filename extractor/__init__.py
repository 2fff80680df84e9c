"""extractor: conference programme pages to validated, diffable records."""

from __future__ import annotations

from typing import TYPE_CHECKING

from extractor.about import PROJECT_URL, __version__

if TYPE_CHECKING:
    from extractor.models import Programme
    from extractor.options import ParseOptions
    from extractor.read.options import FetchOptions


def parse_bytes(data: bytes | str, location: str = "<bytes>", options: ParseOptions | None = None) -> Programme:
    """Parse a page given as bytes (HTML or text, told apart by content, the encoding detected), or as
    text already decoded (a `str`: its own charset declaration is then moot)."""
    from extractor.parse.pipeline import parse_page
    from extractor.read.page import RawPage

    if isinstance(data, str):
        page = RawPage(data=data.encode("utf-8", "replace"), location=location, charset="utf-8")
    elif isinstance(data, bytes | bytearray | memoryview):
        page = RawPage(data=bytes(data), location=location)
    else:
        raise TypeError(f"parse_bytes() takes the page as bytes or str, not {type(data).__name__}")
    return parse_page(page, options)


def parse_source(location: str, options: ParseOptions | None = None,
                 fetch: FetchOptions | None = None) -> Programme:
    """Read a path, '-' (stdin) or URL and parse it; `fetch` says how a URL is fetched."""
    from extractor.parse.pipeline import parse_page
    from extractor.read.sources import read_source

    return parse_page(read_source(location, fetch), options)


__all__ = ["PROJECT_URL", "__version__", "parse_bytes", "parse_source"]
