"""extractor: conference programme pages to validated, diffable records."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
PROJECT_URL = "https://github.com/extractor-project/extractor"

if TYPE_CHECKING:
    from extractor.models import Programme


def parse_bytes(data: bytes, location: str = "<bytes>", **options: Any) -> Programme:
    """Parse a page given as bytes; see extractor.pipeline.parse_bytes for options."""
    from extractor.pipeline import parse_bytes as _parse_bytes

    return _parse_bytes(data, location, **options)


def parse_source(location: str, **options: Any) -> Programme:
    """Read a path, '-' (stdin) or URL and parse it."""
    from extractor.pipeline import parse_source as _parse_source

    return _parse_source(location, **options)


__all__ = ["PROJECT_URL", "__version__", "parse_bytes", "parse_source"]
