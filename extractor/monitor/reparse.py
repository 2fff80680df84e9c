"""Rebuild stored records with the current parser, from the raw pages every snapshot keeps.

The events between consecutive snapshots are derived from the records, so they are
recomputed too. Alerts already queued or sent are history and stay as they are, and so do the
removal guard's decisions: after a suspect snapshot, the next one is compared with it and with
the sessions it held (changes.guard), as the check that stored it did. Uids stay: a session
takes the uid it had in the records it replaces, else that of its match in the snapshot before
(extractor.changes.identity), else a new one.

One session keeps one uid from its first snapshot to its last. Two sources could otherwise give
it two: records stored before uids existed (schema_version 1), whose uids are derived only when
read, while the snapshots after them carry the uids the checks derived; and a parser that now
sees a session in snapshots where the older one did not. So the records of a page are rebuilt
in memory first, and where a session of one snapshot is matched in the next under another uid,
the later uid (the one checks, alerts and synced tables already used) replaces the earlier one
in every snapshot before; then the events are derived and everything written.
"""

from __future__ import annotations

from dataclasses import dataclass

from extractor.about import __version__
from extractor.changes.diff import ChangeEvent, match_sessions
from extractor.changes.guard import RemovalGuard, compare
from extractor.changes.identity import identify
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
    done = []
    for key in [page_key] if page_key else store.pages():
        done += _reparse_page(store, key, options)
    return done


def _reparse_page(store: Store, key: str, options: ParseOptions | None) -> list[Reparsed]:
    from extractor.parse.pipeline import parse_page

    snapshots = store.snapshots(key)
    olds: list[Programme | None] = []
    news: list[Programme] = []
    held: list[Session] = []  # what the previous snapshot held, if it was suspect
    for snap in snapshots:
        try:
            before: Programme | None = store.programme(snap.id)
        except StoreError:
            before = None  # records an older model cannot read: exactly what reparse is for
        programme = parse_page(store.raw_page(snap.id), options)
        if programme.timezone is None and before is not None and before.timezone:
            # The zone a user gave (check --tz, the watch file) is not in the raw page: keep it.
            programme = programme.model_copy(update={"timezone": before.timezone})
        previous = news[-1] if news else None
        programme = identify(programme, before.sessions if before else (), previous.sessions if previous else (),
                             held, page=key, snapshot=snap.number)
        if previous is not None:
            _carry_back(news, previous, programme)
            held = _held(news[-1], _events(news[-1], programme, key, held)) if snap.hold is not None else []
        olds.append(before)
        news.append(programme)
    return _write(store, key, snapshots, olds, news)


def _carry_back(earlier: list[Programme], previous: Programme, programme: Programme) -> None:
    """Where a session of `previous` is matched in `programme` under another uid, the later uid replaces the
    earlier one in every snapshot so far (unless it already names another session there)."""
    pairs, _, _ = match_sessions(previous.sessions, programme.sessions)
    seen = {s.uid for p in earlier for s in p.sessions}
    renames = {old.uid: new.uid for old, new in pairs
               if old.uid and new.uid and old.uid != new.uid and new.uid not in seen}
    if not renames:
        return
    for i, p in enumerate(earlier):
        if any(s.uid in renames for s in p.sessions):
            earlier[i] = p.model_copy(update={"sessions": [
                s.model_copy(update={"uid": renames[s.uid]}) if s.uid in renames else s for s in p.sessions]})


def _write(store: Store, key: str, snapshots: list[SnapshotInfo], olds: list[Programme | None],
           news: list[Programme]) -> list[Reparsed]:
    done = []
    previous: Programme | None = None
    held: list[Session] = []
    for snap, before, programme in zip(snapshots, olds, news, strict=True):
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
