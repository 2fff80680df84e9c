"""The snapshot store: pages, snapshots, checks, change events and the alert outbox, in one SQLite file
or one PostgreSQL database (monitor.backend; the same SQL and the same semantics on both).

No notification URL is ever written here (monitor.targets): outbox rows name their target by a
keyed hash and a redacted label.

A check is one unit of work, `with store.check(page, now) as tx:` (CheckTx): one transaction,
BEGIN IMMEDIATE, so concurrent checks of one store queue up instead of both diffing against
the same previous snapshot. WAL mode lets readers run while a check writes, and a killed
process leaves either the whole check or none of it: its snapshot, events, check row and
outbox rows, the page's own failing or recovered alert included. On PostgreSQL a check locks its
page's row instead (SELECT … FOR UPDATE), so checks of other pages run side by side.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from extractor.changes.diff import ChangeEvent
from extractor.errors import StoreError
from extractor.models import HttpInfo, Programme
from extractor.monitor.backend import PgConnection, is_database_url, redacted_url
from extractor.monitor.store_schema import MIGRATIONS
from extractor.read.page import RawPage

# A check as the checks table records it (its CHECK constraint lists the same).
Outcome = Literal["snapshot", "unchanged", "not_modified", "failed"]


def default_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("extractor", appauthor=False)) / "extractor.sqlite"


def timestamp(moment: datetime | None = None) -> str:
    """UTC, fixed width: stored times compare correctly as strings."""
    return (moment or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class Hold:
    """A suspect snapshot's removals, held by the removal guard (changes.guard) until the next one settles them."""

    removals: int
    state: Literal["held", "confirmed", "dropped"] = "held"  # confirmed: some were still absent, and alerted
    confirmed: int = 0
    dropped: int = 0  # the sessions came back
    resolved_at: str | None = None

    @classmethod
    def from_json(cls, text: str | None) -> Hold | None:
        return cls(**json.loads(text)) if text else None


@dataclass(frozen=True)
class SnapshotInfo:
    id: int
    page: str
    number: int
    retrieved_at: str
    sha256: str
    parser_version: str
    raw_size: int
    hold: Hold | None = None

    @property
    def ref(self) -> str:
        return f"{self.page}@{self.number}"

    @property
    def suspect(self) -> bool:
        """It holds removals not settled yet."""
        return self.hold is not None and self.hold.state == "held"


@dataclass(frozen=True)
class NewAlert:
    """An outbox row to queue: one alert for one target (its keyed hash and label, never its URL)."""

    idem_key: str
    target_hash: str
    target_label: str
    kind: str
    session_id: str
    language: str
    subject: str
    body: str
    payload: str | None = None  # JSON, for machine endpoints
    uid: str | None = None


@dataclass(frozen=True)
class Streak:
    """The failed checks since the page's last success."""

    count: int = 0
    # (id, first_at) of the streak's first failed check row: what names the streak, so that
    # its alerts can be keyed on it.
    first: tuple[int, str] | None = None


_SNAPSHOT_COLUMNS = "s.id, p.key, s.number, s.retrieved_at, s.sha256, s.parser_version, s.raw_size, s.hold"


def _snapshot_info(row: tuple[Any, ...]) -> SnapshotInfo:
    id_, page, number, retrieved_at, sha256, parser_version, raw_size, hold = row
    return SnapshotInfo(id_, page, number, retrieved_at, sha256, parser_version, raw_size, Hold.from_json(hold))


def _statements(script: str) -> Iterator[str]:
    """Split a script into statements (executescript would commit our transaction midway)."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending
            pending = ""


class Store:
    def __init__(self, connection: sqlite3.Connection | PgConnection, path: Path, url: str | None = None) -> None:
        self.db = connection
        self.path = path  # SQLite's file; on PostgreSQL, see url
        self.url = url
        self.postgres = isinstance(connection, PgConnection)
        self.label = redacted_url(url) if url else str(path)  # for messages
        self.errors: tuple[type[Exception], ...] = (sqlite3.Error, connection.error) if isinstance(
            connection, PgConnection) else (sqlite3.Error,)
        self._key: bytes | None = None

    @property
    def key(self) -> bytes:
        """The secret the outbox's target hashes are keyed with (monitor.targets), read once."""
        if self._key is None:
            from extractor.monitor.targets import load_key

            self._key = self._shared_key() if self.postgres else load_key(self.path)
        return self._key

    def _shared_key(self) -> bytes:
        import secrets

        with self.transaction() as db:
            db.execute("INSERT INTO store_key (id, key) VALUES (1, ?) ON CONFLICT (id) DO NOTHING",
                       (secrets.token_hex(32),))
            return bytes.fromhex(db.execute("SELECT key FROM store_key WHERE id = 1").fetchone()[0])

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None) -> Store:
        """A SQLite file (a path; default: the user data directory) or a PostgreSQL database (a URL)."""
        if is_database_url(path):
            return cls._open_postgres(str(path))
        target = Path(path) if path else default_path()
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            if not target.exists():
                # Raw pages and records are the user's business: owner-only, like the key beside it.
                target.touch(mode=0o600)
            db = sqlite3.connect(target, timeout=30, isolation_level=None, check_same_thread=False)
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")  # safe against process kills in WAL mode
            db.execute("PRAGMA foreign_keys=ON")
            db.execute("PRAGMA secure_delete=ON")  # what is deleted is zeroed, not left in free pages
            store = cls(db, target)
            store._migrate()
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open store {target}: {exc}") from None
        except OSError as exc:
            raise StoreError(f"cannot open store {target}: {exc.strerror or exc}") from None
        return store

    @classmethod
    def _open_postgres(cls, url: str) -> Store:
        store = cls(PgConnection(url), Path(redacted_url(url)), url)
        try:
            store._migrate()
        except BaseException:
            store.close()
            raise
        return store

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection | PgConnection]:
        if self.postgres and self.db.in_transaction:  # PostgreSQL would only warn, and commit the outer one early
            raise StoreError(f"store {self.label} is busy or unwritable: cannot start a transaction within a "
                             "transaction")
        try:
            self.db.execute("BEGIN" if self.postgres else "BEGIN IMMEDIATE")
        except self.errors as exc:
            raise StoreError(f"store {self.label} is busy or unwritable: {exc}") from None
        try:
            yield self.db
            self.db.execute("COMMIT")
        except self.errors as exc:
            self._rollback()
            raise StoreError(f"cannot write store {self.label}: {exc}") from None
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        # SQLite may already have rolled back by itself (disk full, I/O error).
        if self.db.in_transaction:
            self.db.execute("ROLLBACK")

    def _migrate(self) -> None:
        migrations = MIGRATIONS
        if self.postgres:
            from extractor.monitor.store_schema_pg import MIGRATIONS as migrations
        with self.transaction() as db:
            if self.postgres:  # two watchers starting at once on a new database: one migrates, one waits
                db.execute("SELECT pg_advisory_xact_lock(7041312)")
            db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            row = db.execute("SELECT version FROM schema_version").fetchone()
            version = row[0] if row else 0
            if version > len(migrations):
                raise StoreError(f"store {self.label} has schema {version}; this extractor knows "
                                 f"{len(migrations)}: upgrade extractor")
            for number in range(version + 1, len(migrations) + 1):
                if self.postgres:
                    db.execute(migrations[number - 1])  # psycopg runs a script whole, in this transaction
                    continue
                for statement in _statements(migrations[number - 1]):
                    db.execute(statement)
            if version and version < 3 and not self.postgres:
                self._hide_targets()
            if not row:
                db.execute("INSERT INTO schema_version VALUES (?)", (len(migrations),))
            else:
                db.execute("UPDATE schema_version SET version = ?", (len(migrations),))
        if version and version < 3 and not self.postgres:
            # The old table's pages, URLs included, were zeroed (secure_delete); the WAL held copies.
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def _hide_targets(self) -> None:
        """Migration 3's second half: the URLs an older outbox held become keyed hashes and labels."""
        from extractor.monitor.targets import redacted, target_hash

        rows = self.db.execute("SELECT id, target_hash FROM outbox WHERE target_hash LIKE 'clear:%'").fetchall()
        for row_id, clear in rows:
            url = clear.removeprefix("clear:")
            self.db.execute("UPDATE outbox SET target_hash = ?, target_label = ? WHERE id = ?",
                            (target_hash(self.key, url), redacted(url), row_id))

    def schema_version(self) -> int:
        return int(self._one("SELECT version FROM schema_version")[0])

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """The rows of a read; a failure is the store's (StoreError), not SQLite's."""
        try:
            return self.db.execute(sql, params).fetchall()
        except self.errors as exc:
            raise StoreError(f"cannot read store {self.label}: {exc}") from None

    def _one(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        rows = self.query(sql, params)
        return rows[0] if rows else None

    # -- pages and checks ------------------------------------------------------------------

    def pages(self) -> list[str]:
        return [r[0] for r in self.query("SELECT key FROM pages ORDER BY key")]

    def page_rows(self) -> list[dict[str, Any]]:
        """Each page: key, name, snapshots, and its last check (outcome, time, error)."""
        rows = self.query(
            "SELECT p.key, p.name, (SELECT count(*) FROM snapshots s WHERE s.page_id = p.id), c.outcome, c.last_at, "
            "c.error FROM pages p LEFT JOIN checks c ON c.id = (SELECT max(id) FROM checks WHERE page_id = p.id) "
            "ORDER BY p.key")
        names = ("key", "name", "snapshots", "last_outcome", "last_checked", "last_error")
        return [dict(zip(names, r, strict=True)) for r in rows]

    def page_named(self, name: str) -> list[str]:
        """The keys of the pages a watch file calls `name`."""
        return [r[0] for r in self.query("SELECT key FROM pages WHERE name = ? ORDER BY key", (name,))]

    def page_name(self, page_key: str) -> str | None:
        """The page's name in the watch file, if it has one."""
        row = self._one("SELECT name FROM pages WHERE key = ?", (page_key,))
        return row[0] if row else None

    def has_page(self, page_key: str) -> bool:
        return self._one("SELECT 1 FROM pages WHERE key = ?", (page_key,)) is not None

    def validators(self, page_key: str) -> tuple[str | None, str | None] | None:
        """(ETag, Last-Modified) of the page's last successful fetch, for a conditional request."""
        row = self._one("SELECT etag, last_modified FROM pages WHERE key = ?", (page_key,))
        return (row[0], row[1]) if row and (row[0] or row[1]) else None

    def latest_sha(self, page_key: str) -> str | None:
        row = self._one("SELECT s.sha256 FROM snapshots s JOIN pages p ON p.id = s.page_id "
                        "WHERE p.key = ? ORDER BY s.number DESC LIMIT 1", (page_key,))
        return row[0] if row else None

    def consecutive_failures(self, page_key: str) -> int:
        row = self._one("SELECT id FROM pages WHERE key = ?", (page_key,))
        try:
            return self._streak(int(row[0])).count if row else 0
        except self.errors as exc:
            raise StoreError(f"cannot read store {self.label}: {exc}") from None

    def _streak(self, page_id: int) -> Streak:
        # Every row after the last success is a failure; walking checks_page backwards to that
        # success reads only the streak, however long the page's history.
        row = self.db.execute(
            "SELECT COALESCE(SUM(count), 0), MIN(id) FROM checks WHERE page_id = ? AND id > COALESCE("
            "(SELECT id FROM checks WHERE page_id = ? AND outcome != 'failed' ORDER BY id DESC LIMIT 1), 0)",
            (page_id, page_id)).fetchone()
        if not row[1]:
            return Streak()
        first_at = self.db.execute("SELECT first_at FROM checks WHERE id = ?", (row[1],)).fetchone()[0]
        return Streak(int(row[0]), (int(row[1]), str(first_at)))

    def checks(self, page_key: str) -> list[dict[str, Any]]:
        rows = self.query("SELECT c.outcome, c.first_at, c.last_at, c.count, s.number, c.error FROM checks c "
                          "JOIN pages p ON p.id = c.page_id LEFT JOIN snapshots s ON s.id = c.snapshot_id "
                          "WHERE p.key = ? ORDER BY c.id", (page_key,))
        names = ("outcome", "first_at", "last_at", "count", "snapshot", "error")
        return [dict(zip(names, r, strict=True)) for r in rows]

    @contextmanager
    def check(self, page_key: str, now: datetime | None = None) -> Iterator[CheckTx]:
        """One check of a page, as one transaction: committed when the block ends, rolled back if it raises."""
        with self.transaction():
            yield CheckTx(self, page_key, timestamp(now))

    # -- snapshots and events --------------------------------------------------------------

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
        bound = f"LIMIT {int(limit)}" if limit >= 0 else ""  # PostgreSQL has no LIMIT -1
        rows = self.query(f"SELECT {_SNAPSHOT_COLUMNS} FROM snapshots s JOIN pages p ON p.id = s.page_id "
                          f"WHERE p.key = ? ORDER BY s.number {order} {bound}", (page_key,))
        return [_snapshot_info(r) for r in rows]

    def snapshot(self, page_key: str, number: int) -> SnapshotInfo | None:
        row = self._one(f"SELECT {_SNAPSHOT_COLUMNS} FROM snapshots s JOIN pages p ON p.id = s.page_id "
                        "WHERE p.key = ? AND s.number = ?", (page_key, number))
        return _snapshot_info(row) if row else None

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


class CheckTx:
    """What one check reads and writes, inside its transaction (Store.check); the caller decides."""

    def __init__(self, store: Store, page_key: str, stamp: str) -> None:
        self.store = store
        self.page = page_key
        self.stamp = stamp
        store.db.execute("INSERT INTO pages (key, created_at) VALUES (?, ?) ON CONFLICT(key) DO NOTHING",
                         (page_key, stamp))
        lock = " FOR UPDATE" if store.postgres else ""  # SQLite's BEGIN IMMEDIATE locked the whole file
        self.page_id = int(store.db.execute(f"SELECT id FROM pages WHERE key = ?{lock}", (page_key,)).fetchone()[0])
        # As of this transaction: another check may have stored one since this check fetched the page.
        self.previous = store.latest(page_key)
        # The snapshot this check stored or found current: the outbox rows it queues refer to it.
        self.snapshot: SnapshotInfo | None = None

    def streak(self) -> Streak:
        """The failures so far; before a success is recorded, the streak it ends."""
        return self.store._streak(self.page_id)

    def add_snapshot(self, raw: RawPage, programme: Programme, parser_version: str,
                     events: list[ChangeEvent]) -> SnapshotInfo:
        """Store a fetched page, its records and the events since the previous snapshot."""
        sha = hashlib.sha256(raw.data).hexdigest()
        http = raw.http or HttpInfo()
        self._keep_validators(http)
        cursor = self.store.db.execute(
            "INSERT INTO snapshots (page_id, number, retrieved_at, sha256, raw, raw_size, location, "
            "charset, http, parsed, parser_version, parsed_at, etag, last_modified) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (self.page_id, self.previous.number + 1 if self.previous else 1, timestamp(raw.retrieved_at), sha,
             zlib.compress(raw.data, 6), len(raw.data), raw.location, raw.charset,
             raw.http.model_dump_json() if raw.http else None, programme.model_dump_json(),
             parser_version, self.stamp, http.etag, http.last_modified))
        snapshot_id = int(cursor.fetchone()[0])
        self.store._insert_events(snapshot_id, events)
        self._record("snapshot", snapshot_id)
        self.snapshot = self.store.latest(self.page)
        assert self.snapshot is not None
        return self.snapshot

    def name_page(self, name: str | None) -> None:
        """The page's name in the watch file, for `pages` and `history NAME`."""
        if name:
            self.store.db.execute("UPDATE pages SET name = ? WHERE id = ? AND (name IS NULL OR name != ?)",
                                  (name, self.page_id, name))

    def hold(self, removals: int) -> None:
        """This check's snapshot is suspect: its removals wait for the next check."""
        assert self.snapshot is not None
        self._set_hold(self.snapshot.id, Hold(removals))

    def settle(self, suspect: SnapshotInfo, confirmed: int, dropped: int) -> None:
        """The next check settled a suspect snapshot's held removals."""
        assert suspect.hold is not None
        self._set_hold(suspect.id, Hold(suspect.hold.removals, "confirmed" if confirmed else "dropped",
                                        confirmed, dropped, self.stamp))

    def _set_hold(self, snapshot_id: int, hold: Hold) -> None:
        self.store.db.execute("UPDATE snapshots SET hold = ? WHERE id = ?", (json.dumps(asdict(hold)), snapshot_id))
        if self.snapshot is not None and self.snapshot.id == snapshot_id:
            self.snapshot = replace(self.snapshot, hold=hold)

    def record_unchanged(self, raw: RawPage) -> SnapshotInfo | None:
        """The stored copy is current (same bytes, or HTTP 304): no snapshot, only a checked-at time."""
        self.snapshot = self.previous
        self._record("not_modified" if raw.not_modified else "unchanged", self.previous.id if self.previous else None)
        self._keep_validators(raw.http or HttpInfo())
        return self.previous

    def record_failure(self, error: str) -> int:
        """Record a failed check; returns the consecutive failures, this one included."""
        self._record("failed", None, error)
        return self.streak().count

    def queue(self, alerts: Iterable[NewAlert]) -> list[NewAlert]:
        """Queue outbox rows; a row already queued (same key and target) stays as it is, sent or not.
        Returns the rows this call queued: what the user is told about."""
        snapshot_id = self.snapshot.id if self.snapshot else None
        queued = []
        for a in alerts:
            cursor = self.store.db.execute(
                "INSERT INTO outbox (idem_key, target_hash, target_label, page_id, snapshot_id, kind, session_id, "
                "uid, language, subject, body, payload, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (idem_key, target_hash) DO NOTHING",
                (a.idem_key, a.target_hash, a.target_label, self.page_id, snapshot_id, a.kind, a.session_id, a.uid,
                 a.language, a.subject, a.body, a.payload, self.stamp))
            if cursor.rowcount == 1:
                queued.append(a)
        return queued

    def _keep_validators(self, http: HttpInfo) -> None:
        if http.etag or http.last_modified:
            self.store.db.execute("UPDATE pages SET etag = ?, last_modified = ? WHERE id = ?",
                                  (http.etag, http.last_modified, self.page_id))

    def _record(self, outcome: Outcome, snapshot_id: int | None, error: str | None = None) -> None:
        # A run of identical outcomes is one row (100 unchanged checks update one); a snapshot is its own.
        db = self.store.db
        last = db.execute("SELECT id, outcome, snapshot_id, error FROM checks WHERE page_id = ? "
                          "ORDER BY id DESC LIMIT 1", (self.page_id,)).fetchone()
        if outcome != "snapshot" and last and tuple(last[1:]) == (outcome, snapshot_id, error):
            db.execute("UPDATE checks SET last_at = ?, count = count + 1 WHERE id = ?", (self.stamp, last[0]))
        else:
            db.execute("INSERT INTO checks (page_id, outcome, first_at, last_at, snapshot_id, error) "
                       "VALUES (?, ?, ?, ?, ?, ?)", (self.page_id, outcome, self.stamp, self.stamp, snapshot_id, error))
