"""Bytes and metadata from a path, '-' (stdin) or a URL.

Files and stdin are read here; http(s) URLs are delegated to extractor.read.fetch,
the only module that talks to the network.
"""

from __future__ import annotations

import sys
from pathlib import Path

from extractor.errors import InputError
from extractor.read.options import FetchOptions
from extractor.read.page import RawPage


def is_url(location: str) -> bool:
    return location.lower().startswith(("http://", "https://"))


def read_source(location: str, fetch: FetchOptions | None = None) -> RawPage:
    """The page at `location`; `fetch` says how, if it is a URL, and how large a page may be (any source)."""
    limit = (fetch or FetchOptions()).max_bytes
    if is_url(location):
        from extractor.read.fetch import fetch_page

        return fetch_page(location, fetch)
    if location.lower().startswith("file://"):
        from urllib.parse import unquote, urlparse

        location = unquote(urlparse(location).path)
    if location == "-":
        data = sys.stdin.buffer.read(limit + 1)
        return _checked(data, "<stdin>", limit)
    path = Path(location)
    try:
        if path.is_dir():
            raise InputError(f"{location} is a directory, not a page")
        size = path.stat().st_size
        if size > limit:
            raise InputError(f"{location} is {size} bytes; the limit is {limit} (--max-bytes)")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"no such file: {location}") from None
    except PermissionError:
        raise InputError(f"cannot read {location}: permission denied") from None
    except OSError as exc:
        raise InputError(f"cannot read {location}: {exc.strerror or exc}") from None
    return _checked(data, str(path.resolve()), limit)


def _checked(data: bytes, location: str, limit: int) -> RawPage:
    if len(data) > limit:  # a file that grew after stat(), or standard input
        raise InputError(f"{location} is larger than {limit} bytes (--max-bytes)")
    return RawPage(data=data, location=location)
