"""`extractor status`: what the watchers of a store have to do, are doing, and could not do.

One read of the store, on either backend: watched pages due, leased (and by how many watchers),
failing (their last check failed); outbox rows queued, being sent, in doubt (a sender died or got
no answer: see monitor.outbox); and per host, the backlog of due pages and the leases held.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from extractor.monitor.leases import now_of
from extractor.monitor.store import Store, timestamp


@dataclass(frozen=True)
class HostBacklog:
    host: str
    watched: int
    due: int
    leased: int
    next_allowed_at: str | None


@dataclass(frozen=True)
class Status:
    at: str
    pages: int  # every page the store knows
    watched: int
    due: int  # due and not leased
    leased: int
    watchers: int  # distinct lease holders
    failing: int
    outbox_queued: int  # waiting to be sent (backoff included)
    outbox_sending: int
    outbox_in_doubt: int
    hosts: list[HostBacklog] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def status(store: Store, now: datetime | None = None) -> Status:
    at = timestamp(now or now_of(store))
    live = "leased_until IS NOT NULL AND leased_until >= ?"
    due = f"url IS NOT NULL AND next_due_at <= ? AND NOT ({live})"
    counts = store.query(
        "SELECT count(*), "
        "COALESCE(SUM(CASE WHEN url IS NOT NULL THEN 1 ELSE 0 END), 0), "
        f"COALESCE(SUM(CASE WHEN {due} THEN 1 ELSE 0 END), 0), "
        f"COALESCE(SUM(CASE WHEN {live} THEN 1 ELSE 0 END), 0), "
        f"count(DISTINCT CASE WHEN {live} THEN leased_by END) FROM pages", (at, at, at, at))[0]
    failing = store.query(
        "SELECT count(*) FROM pages p JOIN checks c ON c.id = (SELECT max(id) FROM checks WHERE page_id = p.id) "
        "WHERE c.outcome = 'failed'")[0][0]
    outbox = store.query(
        "SELECT COALESCE(SUM(CASE WHEN claimed_by IS NULL THEN 1 ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN claimed_by IS NOT NULL AND claimed_until >= ? THEN 1 ELSE 0 END), 0), "
        "COALESCE(SUM(CASE WHEN claimed_by IS NOT NULL AND claimed_until < ? THEN 1 ELSE 0 END), 0) "
        "FROM outbox WHERE delivered_at IS NULL AND dropped_at IS NULL", (at, at))[0]
    hosts = store.query(
        f"SELECT p.host, count(*), COALESCE(SUM(CASE WHEN {due} THEN 1 ELSE 0 END), 0), "
        f"COALESCE(SUM(CASE WHEN {live} THEN 1 ELSE 0 END), 0), MAX(h.next_allowed_at) "
        "FROM pages p LEFT JOIN hosts h ON h.host = p.host WHERE p.url IS NOT NULL GROUP BY p.host ORDER BY p.host",
        (at, at, at))
    pages, watched, due_now, leased, watchers = (int(n) for n in counts)
    queued, sending, in_doubt = (int(n) for n in outbox)
    return Status(at, pages, watched, due_now, leased, watchers, int(failing), queued, sending, in_doubt,
                  [HostBacklog(h, int(w), int(d), int(le), t or None) for h, w, d, le, t in hosts])
