"""A stored snapshot for `extractor show PAGE[@N]`: its records, and the snapshots before it when asked."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from extractor.models import Programme
from extractor.monitor.records import page_records, records
from extractor.monitor.refs import SNAPSHOT_REF, open_existing, resolve
from extractor.monitor.store import SnapshotInfo


@dataclass
class Shown:
    page: str
    snapshot: SnapshotInfo
    programme: Programme
    earlier: list[Programme] = field(default_factory=list)  # snapshots 1..N-1, oldest first, when asked


def load_snapshot(operand: str, *, store_path: str | os.PathLike[str] | None = None,
                  history: bool = False) -> Shown:
    """PAGE (its latest snapshot), PAGE@N, PAGE@latest or PAGE@latest~K; with `history`, the earlier ones too."""
    ref = operand if SNAPSHOT_REF.search(operand) else f"{operand}@latest"
    with open_existing(store_path) as store:
        snapshot = resolve(store, ref)
        if not history:
            return Shown(snapshot.page, snapshot, records(store, snapshot))
        # One uid per session in every snapshot, those stored before uids existed too: or a calendar
        # would cancel each session under its old key and list it again under its uid.
        stored = page_records(store, snapshot.page)
        earlier = [p for s, p in stored if s.number < snapshot.number]
        return Shown(snapshot.page, snapshot, next(p for s, p in stored if s.id == snapshot.id), earlier)
