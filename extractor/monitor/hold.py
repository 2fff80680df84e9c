"""The store's side of the removal guard (changes.guard): what a suspect snapshot holds, read back.

A suspect snapshot's held removals are its `session_removed` events; the sessions themselves, as
they were before, are those of the snapshot before it. Both are read only when the latest
snapshot is suspect, so an ordinary check costs nothing more.
"""

from __future__ import annotations

from extractor.changes.diff import ChangeEvent
from extractor.models import Session
from extractor.monitor.records import records
from extractor.monitor.store import SnapshotInfo, Store


def held_removals(store: Store, suspect: SnapshotInfo) -> list[ChangeEvent]:
    """The removals `suspect` holds, as it recorded them."""
    return [e for e in store.events(suspect.id) if e.kind == "session_removed"]


def held_sessions(store: Store, suspect: SnapshotInfo) -> list[Session]:
    """The sessions whose removal `suspect` holds, as the snapshot before it had them (with their uids)."""
    before = store.snapshot(suspect.page, suspect.number - 1)
    if before is None:
        return []
    uids = {e.uid for e in held_removals(store, suspect)}
    return [s for s in records(store, before).sessions if s.uid in uids]
