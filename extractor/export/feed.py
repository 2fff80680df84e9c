"""What an exporter is given and gives back."""

from __future__ import annotations

from dataclasses import dataclass, field

from extractor.changes.revisions import Revisions
from extractor.models import Programme


@dataclass(frozen=True)
class Feed:
    """One page's records for an export: its key, a snapshot, and its history when it comes from a store."""

    page: str
    programme: Programme
    revisions: Revisions | None = None


@dataclass
class Exported:
    data: bytes
    warnings: list[str] = field(default_factory=list)
