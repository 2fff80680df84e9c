"""A stored snapshot for `extractor show PAGE[@N]`: its records, and the snapshots before it when asked."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from extractor.models import Programme
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
        earlier = [store.programme(s.id) for s in store.snapshots(snapshot.page)
                   if s.number < snapshot.number] if history else []
        return Shown(snapshot.page, snapshot, store.programme(snapshot.id), earlier)
