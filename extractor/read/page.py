"""RawPage: a page as bytes plus where and how it was obtained (what every reader hands to the parser)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from extractor.models import HttpInfo


@dataclass(frozen=True)
class RawPage:
    data: bytes
    location: str
    retrieved_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    http: HttpInfo | None = None
    charset: str | None = None  # from the HTTP Content-Type header, if any
    not_modified: bool = False  # HTTP 304: data is empty, the stored copy stands
