"""Rebuild stored records with the current parser, from the raw pages every snapshot keeps.

The events between consecutive snapshots are derived from the records, so they are
recomputed too. Alerts already queued or sent are history and stay as they are, and so do the
removal guard's decisions: after a suspect snapshot, the next one is compared with it and with
the sessions it held (changes.guard), as the check that stored it did. Uids stay: a session
takes the uid it had in the records it replaces, else that of its match in the snapshot before
(extractor.changes.identity), else a new one.

One session keeps one uid from its first snapshot to its last (changes.identity.carry_back), so
a page's records are rebuilt in memory first, their uids made one per session, and only then
are the events derived and everything written.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractor.about import __version__
from extractor.changes.diff import ChangeEvent
from extractor.changes.guard import RemovalGuard, compare
from extractor.changes.identity import carry_back, identify
from extractor.errors import StoreError
from extractor.models import Programme, Session
from extractor.monitor.store import SnapshotInfo, Store
from extractor.options import ParseOptions


@dataclass(frozen=True)
class Reparsed:
    ref: str
    old_parser: str
    sessions: int
    records_changed: bool


def reparse(store: Store, page_key: str | None = None, options: ParseOptions | None = None) -> list[Reparsed]:
    from extractor.parse.pipeline import parse_page

    done = []
    for key in [page_key] if page_key else store.pages():
        previous: Programme | None = None
        held: list[Session] = []  # what the previous snapshot held, if it was suspect
        # Written only once the page's uids are settled: a later snapshot may carry one back (carry_back).
        rebuilt: list[tuple[SnapshotInfo, Programme | None]] = []
        news: list[Programme] = []
        for snap in store.snapshots(key):
            try:
                before: Programme | None = store.programme(snap.id)
            except StoreError:
                before = None  # records an older model cannot read: exactly what reparse is for
            programme = parse_page(store.raw_page(snap.id), options)
            if not (options and options.timezone) and before is not None and before.timezone:
                # The stored zone may be the one a user gave (check --tz, the watch file): it is not in the
                # raw page, and it comes before the zone the page states. Kept.
                programme = programme.model_copy(update={"timezone": before.timezone})
            programme = identify(programme, before.sessions if before else (), previous.sessions if previous else (),
                                 held, page=key, snapshot=snap.number)
            if previous is not None:
                carry_back(news, previous, programme)  # then `held` is read from the records as renamed
                held = _held(news[-1], _events(news[-1], programme, key, held)) if snap.hold is not None else []
            rebuilt.append((snap, before))
            news.append(programme)
            previous = programme
        done += _write(store, key, rebuilt, news)
    return done


def _write(store: Store, key: str, rebuilt: list[tuple[SnapshotInfo, Programme | None]],
           news: list[Programme]) -> list[Reparsed]:
    """Each snapshot's new records and the events derived from them, once the page's uids are settled."""
    done = []
    previous: Programme | None = None
    held: list[Session] = []
    for (snap, before), programme in zip(rebuilt, news, strict=True):
        events = _events(previous, programme, key, held) if previous else []
        store.replace_parsed(snap.id, programme, __version__, events)
        held = _held(previous, events) if snap.hold is not None and previous else []
        changed = before is None or _records(before) != _records(programme)
        done.append(Reparsed(snap.ref, snap.parser_version, len(programme.sessions), changed))
        previous = programme
    return done


def _events(previous: Programme, programme: Programme, key: str, held: list[Session]) -> list[ChangeEvent]:
    # The guard's decisions were made when the snapshots were checked: not made again here.
    return compare(previous, programme, page=key, held=held, guard=RemovalGuard(share=0)).events


def _held(previous: Programme, events: list[ChangeEvent]) -> list[Session]:
    removed = {e.uid for e in events if e.kind == "session_removed"}
    return [s for s in previous.sessions if s.uid in removed]


def _records(programme: Programme) -> object:
    # retrieved_at is the fetch time, not a record; it is kept from the raw page anyway.
    return programme.model_dump(mode="json", exclude={"source": {"retrieved_at"}})
