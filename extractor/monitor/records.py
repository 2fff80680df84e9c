"""A page's stored records as one history: every session of every snapshot with its one uid.

Snapshots stored before uids existed (record schema_version 1) have none. Given each on its own,
a session would get a uid per snapshot read, and another again in the snapshots checked since:
a calendar would cancel it and list it again. So those records are given uids in order, each
snapshot carrying them from the one before (changes.identity), and the uids of the snapshots
after them carried back (changes.identity.carry_back). Records that all have uids are read as
they are. `replay` gives the events of those snapshots their sessions' uids too, for `sync`.
"""

from __future__ import annotations

from dataclasses import replace

from extractor.changes.diff import ChangeEvent
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


def replay(store: Store, page: str, after: int = 0) -> list[tuple[SnapshotInfo, Programme, list[ChangeEvent]]]:
    """The snapshots of `page` after number `after`, oldest first, with their records and their events, every
    session and event with its settled uid: what a downstream copy (`sync`) replays.

    Events stored with a version-1 snapshot have no uid either: each takes its session's, from the
    snapshot it was found in (or, for a removal, the one before). Only a page with such snapshots is
    read whole; otherwise just the snapshots asked for.
    """
    snapshots = store.snapshots(page)
    wanted = [s for s in snapshots if s.number > after]
    programmes = [store.programme(s.id) for s in wanted]
    if all(s.uid for p in programmes for s in p.sessions):
        return [(s, p, store.events(s.id)) for s, p in zip(wanted, programmes, strict=True)]
    settled = page_records(store, page)
    before: dict[str, str] = {}  # the uids of the previous snapshot's sessions, by id
    out = []
    for snapshot, programme in settled:
        now = {s.id: s.uid for s in programme.sessions if s.uid}
        if snapshot.number > after:
            events = [e if e.uid else replace(e, uid=_uid_of(e, before, now)) for e in store.events(snapshot.id)]
            out.append((snapshot, programme, events))
        before = now
    return out


def _uid_of(event: ChangeEvent, before: dict[str, str], now: dict[str, str]) -> str | None:
    """The uid of a version-1 event's session: a removed one is in the snapshot before, the others in its own."""
    if event.kind == "session_removed":
        return before.get(event.session_id)
    return now.get(event.session_id) or before.get(event.old_session_id or event.session_id)
