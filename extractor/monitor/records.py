"""A page's stored records as one history: every session of every snapshot with its one uid.

Snapshots stored before uids existed (record schema_version 1) have none. Given each on its own,
a session would get a uid per snapshot read, and another again in the snapshots checked since:
a calendar would cancel it and list it again. So those records are given uids in order, each
snapshot carrying them from the one before (changes.identity), and the uids of the snapshots
after them carried back (changes.identity.carry_back). Records that all have uids are read as
they are.
"""

from __future__ import annotations

from extractor.changes.identity import carry_back, identify
from extractor.models import Programme
from extractor.monitor.store import SnapshotInfo, Store


def page_records(store: Store, page: str) -> list[tuple[SnapshotInfo, Programme]]:
    """Each snapshot of `page`, oldest first, with its records; every session has its uid."""
    snapshots = store.snapshots(page)
    records = [store.programme(s.id) for s in snapshots]
    if all(s.uid for p in records for s in p.sessions):
        return list(zip(snapshots, records, strict=True))
    carried: list[Programme] = []
    for snapshot, programme in zip(snapshots, records, strict=True):
        previous = carried[-1] if carried else None
        programme = identify(programme, previous.sessions if previous else (), page=page, snapshot=snapshot.number)
        if previous is not None:
            carry_back(carried, previous, programme)
        carried.append(programme)
    return list(zip(snapshots, carried, strict=True))


def records(store: Store, snapshot: SnapshotInfo) -> Programme:
    """One snapshot's records, every session with its uid (read with the page's others when it has none)."""
    programme = store.programme(snapshot.id)
    if all(s.uid for s in programme.sessions):
        return programme
    return next(p for s, p in page_records(store, snapshot.page) if s.id == snapshot.id)
