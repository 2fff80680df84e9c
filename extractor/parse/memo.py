"""Memoised line functions, forgotten between pages.

Pure functions of one line (is it a name, a time, a room?) are asked the same question many times while
a page is read: pages repeat lines ("Pause", a room's name) and the assembler reads the page twice. Their
answers are kept while one page is parsed, and dropped before the next, so that no page's reading
depends on the pages read before it, and memory stays bounded.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, TypeVar, cast

F = TypeVar("F", bound=Callable[..., Any])

LINES = 8192  # answers kept per function: more than a page's distinct lines, bounded for huge pages
_MEMOISED: list[Any] = []
_TABLES: list[dict[Any, Any]] = []


def memoised(function: F) -> F:
    cached = lru_cache(maxsize=LINES)(function)
    _MEMOISED.append(cached)
    return cast(F, cached)


def table(store: dict[Any, Any]) -> dict[Any, Any]:
    """A dict of answers the caller keys itself (when an argument, like the page's context, cannot be)."""
    _TABLES.append(store)
    return store


def forget() -> None:
    """Drop every memoised answer: called before each page."""
    for cached in _MEMOISED:
        cached.cache_clear()
    for store in _TABLES:
        store.clear()
