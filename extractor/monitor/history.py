"""A page's history as data: snapshots, what each still leaves provisional, the events, the checks."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from extractor.changes.diff import ChangeEvent
from extractor.monitor.store import SnapshotInfo, Store


@dataclass
class SnapshotEntry:
    snapshot: SnapshotInfo
    sessions: int
    provisional_rooms: int  # rooms the page marks provisional (a break with no room is not one)
    provisional_descriptions: int
    events: list[ChangeEvent] = field(default_factory=list)
    language: str | None = None


@dataclass
class PageHistory:
    page: str
    snapshots: list[SnapshotEntry]
    checks: list[dict[str, Any]]
    failures: int
    name: str | None = None  # the watch file's

    @property
    def last_checked(self) -> str | None:
        return self.checks[-1]["last_at"] if self.checks else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "page": self.page,
            "name": self.name,
            "last_checked": self.last_checked,
            "consecutive_failures": self.failures,
            "checks": self.checks,
            "snapshots": [{**asdict(e.snapshot), "ref": e.snapshot.ref, "sessions": e.sessions,
                           "provisional_rooms": e.provisional_rooms,
                           "provisional_descriptions": e.provisional_descriptions, "language": e.language,
                           "events": [ev.to_dict() for ev in e.events]} for e in self.snapshots],
        }


def page_history(store: Store, page_key: str) -> PageHistory:
    entries = []
    for snap in store.snapshots(page_key):
        programme = store.programme(snap.id)
        sessions = programme.sessions
        entries.append(SnapshotEntry(
            snapshot=snap,
            sessions=len(sessions),
            provisional_rooms=sum(1 for s in sessions if s.room is not None and s.room.provisional),
            provisional_descriptions=sum(1 for s in sessions if s.description and s.description.provisional),
            events=store.events(snap.id),
            language=programme.language,
        ))
    name = next((row["name"] for row in store.page_rows() if row["key"] == page_key), None)
    return PageHistory(page_key, entries, store.checks(page_key), store.consecutive_failures(page_key), name)
