"""Bytes and metadata from a path, '-' (stdin) or a URL.

Files and stdin are read here; http(s) URLs are delegated to extractor.read.fetch,
the only module that talks to the network.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from extractor.errors import InputError
from extractor.read.page import RawPage

if TYPE_CHECKING:
    from extractor.read.options import FetchOptions

MAX_INPUT_BYTES = 50 * 1024 * 1024  # larger pages are refused, not parsed slowly


def is_url(location: str) -> bool:
    return location.lower().startswith(("http://", "https://"))


def read_source(location: str, fetch: FetchOptions | None = None) -> RawPage:
    """The page at `location`; `fetch` says how, if it is a URL."""
    if is_url(location):
        from extractor.read.fetch import fetch_page

        return fetch_page(location, fetch)
    if location.lower().startswith("file://"):
        from urllib.parse import unquote, urlparse

        location = unquote(urlparse(location).path)
    if location == "-":
        data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
        return _checked(data, "<stdin>")
    path = Path(location)
    try:
        if path.is_dir():
            raise InputError(f"{location} is a directory, not a page")
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputError(f"{location} is {size} bytes; the limit is {MAX_INPUT_BYTES}")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"no such file: {location}") from None
    except PermissionError:
        raise InputError(f"cannot read {location}: permission denied") from None
    except OSError as exc:
        raise InputError(f"cannot read {location}: {exc.strerror or exc}") from None
    return _checked(data, str(path.resolve()))


def _checked(data: bytes, location: str) -> RawPage:
    if len(data) > MAX_INPUT_BYTES:
        raise InputError(f"{location} is larger than {MAX_INPUT_BYTES} bytes")
    return RawPage(data=data, location=location)
