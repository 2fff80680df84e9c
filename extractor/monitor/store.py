"""The snapshot store: one SQLite file holding pages, snapshots, checks, change events and the alert outbox.

Every check is one transaction (BEGIN IMMEDIATE, so concurrent checks of one store queue up
instead of both diffing against the same previous snapshot). WAL mode lets readers run
while a check writes, and a killed process leaves either the whole check or none of it.
That includes the page's own alerts: the failure that makes a streak reach `alert_at`, and
the first success after such a streak, queue theirs in the transaction that records them.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from extractor.changes.diff import ChangeEvent
from extractor.errors import StoreError
from extractor.models import HttpInfo, Programme
from extractor.monitor.store_schema import MIGRATIONS
from extractor.read.page import RawPage


def default_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("extractor", appauthor=False)) / "extractor.sqlite"


def timestamp(moment: datetime | None = None) -> str:
    """UTC, fixed width: stored times compare correctly as strings."""
    return (moment or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class SnapshotInfo:
    id: int
    page: str
    number: int
    retrieved_at: str
    sha256: str
    parser_version: str
    raw_size: int

    @property
    def ref(self) -> str:
        return f"{self.page}@{self.number}"


@dataclass(frozen=True)
class NewAlert:
    """An alert to queue for one target, decided inside the check's transaction."""

    idem_key: str
    target: str
    kind: str
    session_id: str
    language: str
    subject: str
    body: str


@dataclass(frozen=True)
class Recorded:
    status: str  # "first", "changed" or "unchanged"
    snapshot: SnapshotInfo
    events: list[ChangeEvent]
    alerts: list[NewAlert]  # every alert planned; the outbox ignores ones already queued


@dataclass(frozen=True)
class PageNotice:
    """One target's copy of a page's own alert ("failing", "recovered"); the store derives its key."""

    target: str
    language: str
    subject: str
    body: str


# plan(previous programme or None, new programme) -> (events, alerts), run inside the transaction.
Plan = Callable[[Programme | None, Programme], tuple[list[ChangeEvent], list[NewAlert]]]
# notice plan(consecutive failures) -> alerts; called inside the transaction, only when one is due.
NoticePlan = Callable[[int], list[PageNotice]]
_SNAPSHOT_COLUMNS = "s.id, p.key, s.number, s.retrieved_at, s.sha256, s.parser_version, s.raw_size"


def _statements(script: str) -> Iterator[str]:
    """Split a script into statements (executescript would commit our transaction midway)."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending
            pending = ""


class Store:
    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.db = connection
        self.path = path

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None) -> Store:
        target = Path(path) if path else default_path()
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.exists():
                # The outbox holds notification URLs, which often carry tokens: owner-only.
                target.touch(mode=0o600)
            db = sqlite3.connect(target, timeout=30, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")  # safe against process kills in WAL mode
            db.execute("PRAGMA foreign_keys=ON")
            store = cls(db, target)
            store._migrate()
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open store {target}: {exc}") from None
        except OSError as exc:
            raise StoreError(f"cannot open store {target}: {exc.strerror or exc}") from None
        return store

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"store {self.path} is busy or unwritable: {exc}") from None
        try:
            yield self.db
            self.db.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise StoreError(f"cannot write store {self.path}: {exc}") from None
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        # SQLite may already have rolled back by itself (disk full, I/O error).
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")

    def _migrate(self) -> None:
        with self.transaction() as db:
            db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            row = db.execute("SELECT version FROM schema_version").fetchone()
            version = row[0] if row else 0
            if version > len(MIGRATIONS):
                raise StoreError(f"store {self.path} has schema {version}; this extractor knows "
                                 f"{len(MIGRATIONS)}: upgrade extractor")
            for number in range(version + 1, len(MIGRATIONS) + 1):
                for statement in _statements(MIGRATIONS[number - 1]):
                    db.execute(statement)
            if not row:
                db.execute("INSERT INTO schema_version VALUES (?)", (len(MIGRATIONS),))
            else:
                db.execute("UPDATE schema_version SET version = ?", (len(MIGRATIONS),))

    def schema_version(self) -> int:
        return int(self._one("SELECT version FROM schema_version")[0])

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """The rows of a read; a failure is the store's (StoreError), not SQLite's."""
        try:
            return self.db.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(f"cannot read store {self.path}: {exc}") from None

    def _one(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    # -- pages and checks ------------------------------------------------------------------

    def pages(self) -> list[str]:
        return [r[0] for r in self.query("SELECT key FROM pages ORDER BY key")]

    def has_page(self, page_key: str) -> bool:
        return self._one("SELECT 1 FROM pages WHERE key = ?", (page_key,)) is not None

    def _page_id(self, page_key: str, now: str) -> int:
        self.db.execute("INSERT INTO pages (key, created_at) VALUES (?, ?) ON CONFLICT(key) DO NOTHING",
                        (page_key, now))
        return int(self.db.execute("SELECT id FROM pages WHERE key = ?", (page_key,)).fetchone()[0])

    def validators(self, page_key: str) -> tuple[str | None, str | None] | None:
        """(ETag, Last-Modified) of the page's last successful fetch, for a conditional request."""
        row = self._one("SELECT etag, last_modified FROM pages WHERE key = ?", (page_key,))
        return (row[0], row[1]) if row and (row[0] or row[1]) else None

    def latest_sha(self, page_key: str) -> str | None:
        row = self._one("SELECT s.sha256 FROM snapshots s JOIN pages p ON p.id = s.page_id "
                        "WHERE p.key = ? ORDER BY s.number DESC LIMIT 1", (page_key,))
        return row[0] if row else None

    def _record_check(self, page_id: int, outcome: str, now: str, snapshot_id: int | None = None,
                      error: str | None = None) -> None:
        last = self.db.execute("SELECT id, outcome, snapshot_id, error FROM checks WHERE page_id = ? "
                               "ORDER BY id DESC LIMIT 1", (page_id,)).fetchone()
        if outcome != "snapshot" and last and tuple(last[1:]) == (outcome, snapshot_id, error):
            self.db.execute("UPDATE checks SET last_at = ?, count = count + 1 WHERE id = ?", (now, last[0]))
        else:
            self.db.execute("INSERT INTO checks (page_id, outcome, first_at, last_at, snapshot_id, error) "
                            "VALUES (?, ?, ?, ?, ?, ?)", (page_id, outcome, now, now, snapshot_id, error))

    def record_unchanged(self, page_key: str, *, not_modified: bool = False, etag: str | None = None,
                         last_modified: str | None = None, now: datetime | None = None, alert_at: int = 3,
                         recovery: NoticePlan | None = None) -> SnapshotInfo | None:
        """A check that found the stored copy current: only a checked-at time, no snapshot."""
        stamp = timestamp(now)
        with self.transaction() as db:
            page_id = self._page_id(page_key, stamp)
            latest = self.latest(page_key)
            self._queue_recovery(page_id, page_key, latest.id if latest else None, alert_at, recovery, stamp)
            self._record_check(page_id, "not_modified" if not_modified else "unchanged", stamp,
                               latest.id if latest else None)
            if etag or last_modified:
                db.execute("UPDATE pages SET etag = ?, last_modified = ? WHERE id = ?",
                           (etag, last_modified, page_id))
        return latest

    def record_failure(self, page_key: str, error: str, now: datetime | None = None, *, alert_at: int = 3,
                       plan: NoticePlan | None = None) -> int:
        """Record a failed check; returns the consecutive failures, this one included.

        The failure that makes the count exactly `alert_at` queues `plan(count)`'s alerts in the
        same transaction (BEGIN IMMEDIATE: of two processes failing at once, one sees the count
        reach it), keyed on the streak's first failed check so that nothing can queue them twice.
        """
        stamp = timestamp(now)
        with self.transaction():
            page_id = self._page_id(page_key, stamp)
            self._record_check(page_id, "failed", stamp, None, error)
            count, first = self._streak(page_id)
            if plan is not None and alert_at > 0 and count == alert_at:
                self._queue_notices(page_id, None, self._notice_key(page_key, "failing", first), "failing",
                                    plan(count), stamp)
        return count

    def consecutive_failures(self, page_key: str) -> int:
        row = self._one("SELECT id FROM pages WHERE key = ?", (page_key,))
        try:
            return self._streak(int(row[0]))[0] if row else 0
        except sqlite3.Error as exc:
            raise StoreError(f"cannot read store {self.path}: {exc}") from None

    def _streak(self, page_id: int) -> tuple[int, tuple[int, str] | None]:
        """(failed checks since the last success, (id, time) of the streak's first failed check row)."""
        # Every row after the last success is a failure; walking checks_page backwards to that
        # success reads only the streak, however long the page's history.
        row = self.db.execute(
            "SELECT COALESCE(SUM(count), 0), MIN(id) FROM checks WHERE page_id = ?1 AND id > COALESCE("
            "(SELECT id FROM checks WHERE page_id = ?1 AND outcome != 'failed' ORDER BY id DESC LIMIT 1), 0)",
            (page_id,)).fetchone()
        if not row[1]:
            return 0, None
        first_at = self.db.execute("SELECT first_at FROM checks WHERE id = ?", (row[1],)).fetchone()[0]
        return int(row[0]), (int(row[1]), str(first_at))

    @staticmethod
    def _notice_key(page_key: str, kind: str, first: tuple[int, str] | None) -> str:
        material = json.dumps([page_key, kind, *(first or ())], ensure_ascii=False)
        return hashlib.sha256(material.encode()).hexdigest()

    def _queue_recovery(self, page_id: int, page_key: str, snapshot_id: int | None, alert_at: int,
                        recovery: NoticePlan | None, stamp: str) -> None:
        """Before a success is recorded: if it ends a streak of at least `alert_at`, queue `recovery`."""
        if recovery is None or alert_at <= 0:
            return
        count, first = self._streak(page_id)
        if count >= alert_at:
            self._queue_notices(page_id, snapshot_id, self._notice_key(page_key, "recovered", first),
                                "recovered", recovery(count), stamp)

    def _queue_notices(self, page_id: int, snapshot_id: int | None, idem_key: str, kind: str,
                       notices: list[PageNotice], stamp: str) -> None:
        self._queue(page_id, snapshot_id, [NewAlert(idem_key, n.target, kind, "", n.language, n.subject, n.body)
                                           for n in notices], stamp)

    def _queue(self, page_id: int, snapshot_id: int | None, alerts: list[NewAlert], stamp: str) -> None:
        self.db.executemany(
            "INSERT INTO outbox (idem_key, target, page_id, snapshot_id, kind, session_id, language, "
            "subject, body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (idem_key, target) DO NOTHING",
            [(a.idem_key, a.target, page_id, snapshot_id, a.kind, a.session_id, a.language, a.subject,
              a.body, stamp) for a in alerts])

    def checks(self, page_key: str) -> list[dict[str, Any]]:
        rows = self.query("SELECT c.outcome, c.first_at, c.last_at, c.count, s.number, c.error FROM checks c "
                          "JOIN pages p ON p.id = c.page_id LEFT JOIN snapshots s ON s.id = c.snapshot_id "
                          "WHERE p.key = ? ORDER BY c.id", (page_key,))
        names = ("outcome", "first_at", "last_at", "count", "snapshot", "error")
        return [dict(zip(names, r, strict=True)) for r in rows]

    # -- snapshots and events --------------------------------------------------------------

    def record_snapshot(self, page_key: str, raw: RawPage, programme: Programme, parser_version: str,
                        plan: Plan, now: datetime | None = None, *, alert_at: int = 3,
                        recovery: NoticePlan | None = None) -> Recorded:
        """Store a fetched page, its events and its alerts (a recovery alert too) in one transaction."""
        stamp = timestamp(now)
        sha = hashlib.sha256(raw.data).hexdigest()
        http = raw.http or HttpInfo()
        with self.transaction() as db:
            page_id = self._page_id(page_key, stamp)
            previous = self.latest(page_key)
            if http.etag or http.last_modified:
                db.execute("UPDATE pages SET etag = ?, last_modified = ? WHERE id = ?",
                           (http.etag, http.last_modified, page_id))
            if previous and previous.sha256 == sha:
                # Another check stored this very page while we were parsing it.
                self._queue_recovery(page_id, page_key, previous.id, alert_at, recovery, stamp)
                self._record_check(page_id, "unchanged", stamp, previous.id)
                return Recorded("unchanged", previous, [], [])
            events, alerts = plan(self.programme(previous.id) if previous else None, programme)
            cursor = db.execute(
                "INSERT INTO snapshots (page_id, number, retrieved_at, sha256, raw, raw_size, location, "
                "charset, http, parsed, parser_version, parsed_at, etag, last_modified) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (page_id, previous.number + 1 if previous else 1, timestamp(raw.retrieved_at), sha,
                 zlib.compress(raw.data, 6), len(raw.data), raw.location, raw.charset,
                 raw.http.model_dump_json() if raw.http else None, programme.model_dump_json(),
                 parser_version, stamp, http.etag, http.last_modified))
            snapshot_id = int(cursor.lastrowid or 0)
            self._insert_events(snapshot_id, events)
            self._queue(page_id, snapshot_id, alerts, stamp)
            self._queue_recovery(page_id, page_key, snapshot_id, alert_at, recovery, stamp)
            self._record_check(page_id, "snapshot", stamp, snapshot_id)
            current = self.latest(page_key)
        assert current is not None
        return Recorded("changed" if previous else "first", current, events, alerts)

    def _insert_events(self, snapshot_id: int, events: list[ChangeEvent]) -> None:
        self.db.executemany(
            "INSERT INTO events (snapshot_id, position, session_id, kind, cosmetic, data) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [(snapshot_id, i, e.session_id, e.kind, int(e.cosmetic),
              json.dumps(e.to_dict(), ensure_ascii=False)) for i, e in enumerate(events)])

    def latest(self, page_key: str) -> SnapshotInfo | None:
        snaps = self.snapshots(page_key, newest_first=True, limit=1)
        return snaps[0] if snaps else None

    def snapshots(self, page_key: str, newest_first: bool = False, limit: int = -1) -> list[SnapshotInfo]:
        order = "DESC" if newest_first else "ASC"
        rows = self.query(f"SELECT {_SNAPSHOT_COLUMNS} FROM snapshots s JOIN pages p ON p.id = s.page_id "
                          f"WHERE p.key = ? ORDER BY s.number {order} LIMIT ?", (page_key, limit))
        return [SnapshotInfo(*r) for r in rows]

    def snapshot(self, page_key: str, number: int) -> SnapshotInfo | None:
        row = self._one(f"SELECT {_SNAPSHOT_COLUMNS} FROM snapshots s JOIN pages p ON p.id = s.page_id "
                        "WHERE p.key = ? AND s.number = ?", (page_key, number))
        return SnapshotInfo(*row) if row else None

    def programme(self, snapshot_id: int) -> Programme:
        row = self._one("SELECT parsed FROM snapshots WHERE id = ?", (snapshot_id,))
        if row is None:
            raise StoreError(f"no snapshot with id {snapshot_id}")
        try:
            return Programme.model_validate_json(row[0])
        except ValueError as exc:  # pydantic's ValidationError is a ValueError
            raise StoreError(f"snapshot {snapshot_id}'s records do not fit this version's models "
                             f"({str(exc).splitlines()[0]}); run `extractor reparse`") from None

    def raw_page(self, snapshot_id: int) -> RawPage:
        """The page exactly as fetched, to parse again with a newer parser."""
        row = self._one("SELECT raw, location, retrieved_at, http, charset FROM snapshots WHERE id = ?",
                        (snapshot_id,))
        if row is None:
            raise StoreError(f"no snapshot with id {snapshot_id}")
        http = HttpInfo.model_validate_json(row[3]) if row[3] else None
        return RawPage(data=zlib.decompress(row[0]), location=row[1],
                       retrieved_at=datetime.fromisoformat(row[2]), http=http, charset=row[4])

    def events(self, snapshot_id: int) -> list[ChangeEvent]:
        rows = self.query("SELECT data FROM events WHERE snapshot_id = ? ORDER BY position", (snapshot_id,))
        return [ChangeEvent.from_dict(json.loads(r[0])) for r in rows]

    def replace_parsed(self, snapshot_id: int, programme: Programme, parser_version: str,
                       events: list[ChangeEvent], now: datetime | None = None) -> None:
        """Reparse: new records and the events derived from them; the raw page and sent alerts stay."""
        with self.transaction() as db:
            db.execute("UPDATE snapshots SET parsed = ?, parser_version = ?, parsed_at = ? WHERE id = ?",
                       (programme.model_dump_json(), parser_version, timestamp(now), snapshot_id))
            db.execute("DELETE FROM events WHERE snapshot_id = ?", (snapshot_id,))
            self._insert_events(snapshot_id, events)
