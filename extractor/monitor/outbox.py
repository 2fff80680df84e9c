"""The alert outbox: the rows a check queues, and their state machine over the store's `outbox` table.

pending -> (claim) sending -> delivered | pending again with attempts+1 and a later next_try_at.
A row claimed by a process that died before recording the outcome stays claimed: it is
"in doubt" (the message may have gone out), and is only sent again when asked explicitly,
so that a kill between sending and recording never produces a second message. A send that timed
out after the request went out is recorded the same way (its claim expired at once). A row the
user gives up on (`alerts --drop`) is dropped: kept, never sent.

A row names its target by a keyed hash (monitor.targets): only a process given that URL can send it.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from extractor.changes.alerts import Message
from extractor.monitor.store import NewAlert, Store, timestamp
from extractor.monitor.targets import Target

LEASE = timedelta(minutes=5)  # longer than any Apprise send; after it a claim is in doubt

_COLUMNS = ("o.id, p.key, o.idem_key, o.target_hash, o.target_label, o.kind, o.session_id, o.uid, o.language, "
            "o.subject, o.body, o.payload, o.created_at, o.attempts, o.next_try_at, o.last_error, o.claimed_by, "
            "o.claimed_until, o.delivered_at, o.dropped_at")


def outbox_rows(messages: Iterable[Message], targets: Iterable[Target]) -> list[NewAlert]:
    """One outbox row per message and target; only machine endpoints get the data as JSON."""
    return [NewAlert(m.idem_key, t.hash, t.label, m.kind, m.session_id, m.language, m.subject, m.body,
                     m.payload if t.structured else None, m.uid)
            for m in messages for t in targets]


@dataclass(frozen=True)
class OutboxRow:
    id: int
    page: str
    idem_key: str
    target_hash: str
    target_label: str  # redacted: the URL is not stored
    kind: str
    session_id: str
    uid: str | None
    language: str
    subject: str
    body: str
    payload: str | None
    created_at: str
    attempts: int
    next_try_at: str | None
    last_error: str | None
    claimed_by: str | None
    claimed_until: str | None
    delivered_at: str | None
    dropped_at: str | None

    def state(self, now: datetime | None = None) -> str:
        stamp = timestamp(now)
        if self.delivered_at:
            return "delivered"
        if self.dropped_at:
            return "dropped"
        if self.claimed_by:
            return "sending" if (self.claimed_until or "") >= stamp else "in doubt"
        if self.next_try_at and self.next_try_at > stamp:
            return "waiting"
        return "pending"


class Outbox:
    def __init__(self, store: Store) -> None:
        self.store = store

    def rows(self, undelivered_only: bool = False, page: str | None = None) -> list[OutboxRow]:
        """Rows in order; `undelivered_only`: neither delivered nor dropped."""
        where = ["o.delivered_at IS NULL AND o.dropped_at IS NULL"] if undelivered_only else []
        params: tuple[str, ...] = ()
        if page is not None:
            where.append("p.key = ?")
            params = (page,)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        return [OutboxRow(*r) for r in self.store.query(
            f"SELECT {_COLUMNS} FROM outbox o JOIN pages p ON p.id = o.page_id {clause} ORDER BY o.id", params)]

    def due(self, now: datetime | None = None, *, targets: Collection[str], ignore_backoff: bool = False,
            resend_in_doubt: bool = False) -> list[OutboxRow]:
        """Rows to try now, among those for `targets` (keyed hashes); the caller must still claim each one."""
        wanted = {"pending"} | ({"waiting"} if ignore_backoff else set()) | (
            {"in doubt"} if resend_in_doubt else set())
        return [r for r in self.rows(undelivered_only=True) if r.target_hash in targets and r.state(now) in wanted]

    def drop(self, row_ids: Iterable[int] = (), *, target_hash: str | None = None, target_label: str | None = None,
             now: datetime | None = None) -> list[int]:
        """Give up on undelivered rows (by id, or all of one target): they stay listed, never sent."""
        ids = list(row_ids)
        with self.store.transaction() as db:
            rows = db.execute(
                "SELECT id FROM outbox WHERE delivered_at IS NULL AND dropped_at IS NULL AND "
                f"(id IN ({', '.join('?' * len(ids)) or 'NULL'}) OR target_hash = ? OR target_label = ?) ORDER BY id",
                (*ids, target_hash, target_label)).fetchall()
            db.executemany("UPDATE outbox SET dropped_at = ?, claimed_by = NULL, claimed_until = NULL WHERE id = ?",
                           [(timestamp(now), r[0]) for r in rows])
        return [r[0] for r in rows]

    def claim(self, row_id: int, worker: str, now: datetime | None = None, *,
              resend_in_doubt: bool = False) -> bool:
        """Atomically take a row for sending; False if another process holds or delivered it."""
        stamp = timestamp(now)
        until = timestamp((now or datetime.fromisoformat(stamp)) + LEASE)
        with self.store.transaction() as db:
            cursor = db.execute(
                "UPDATE outbox SET claimed_by = ?, claimed_until = ? WHERE id = ? AND delivered_at IS NULL "
                "AND dropped_at IS NULL AND (claimed_by IS NULL OR (? = 1 AND claimed_until < ?))",
                (worker, until, row_id, int(resend_in_doubt), stamp))
            return cursor.rowcount == 1

    def delivered(self, row_id: int, worker: str, now: datetime | None = None) -> None:
        with self.store.transaction() as db:
            db.execute("UPDATE outbox SET delivered_at = ?, attempts = attempts + 1, last_error = NULL, "
                       "claimed_by = NULL, claimed_until = NULL WHERE id = ? AND claimed_by = ?",
                       (timestamp(now), row_id, worker))

    def in_doubt(self, row_id: int, worker: str, error: str) -> None:
        """The message went out and no answer came: the claim stays, expired, so the row is "in doubt"
        and only `alerts --retry --resend-in-doubt` sends it again."""
        with self.store.transaction() as db:
            db.execute("UPDATE outbox SET attempts = attempts + 1, last_error = ?, claimed_until = '' "
                       "WHERE id = ? AND claimed_by = ?", (error, row_id, worker))

    def failed(self, row_id: int, worker: str, error: str, next_try_at: datetime) -> None:
        with self.store.transaction() as db:
            db.execute("UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_try_at = ?, "
                       "claimed_by = NULL, claimed_until = NULL WHERE id = ? AND claimed_by = ?",
                       (error, timestamp(next_try_at), row_id, worker))
