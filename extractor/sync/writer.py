"""`sync`: write the current state of a store's pages into a relational database, incrementally.

Each page is one transaction: its row is locked (PostgreSQL: SELECT … FOR UPDATE; SQLite: BEGIN IMMEDIATE),
the snapshots after the one it last synced are replayed in order (sessions upserted on (page, uid), gone
ones given `removed_at`, never deleted; their change events appended), and its row records the snapshot
reached. A sync with nothing new writes nothing; a sync killed midway leaves the page as it was.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, Table, and_, create_engine, event, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from extractor.errors import InputError, SyncError
from extractor.models import Programme
from extractor.monitor.records import records, replay
from extractor.monitor.store import SnapshotInfo, Store
from extractor.sync.rows import change_row, session_row, speaker_rows
from extractor.sync.tables import changes, migrate, pages, sessions, speakers


@dataclass
class PageSync:
    page: str
    snapshots: int = 0  # snapshots replayed by this sync
    sessions: int = 0  # session rows inserted or updated
    removed: int = 0  # sessions given removed_at
    changes: int = 0  # change rows appended


class SyncTarget:
    """A database to sync into, opened once: `check --sync` syncs after its check, a watcher after each
    of its checks (from its worker threads: the engine's pool is thread-safe, the migration runs once)."""

    def __init__(self, target: str) -> None:
        self.engine = connect(target)
        self.where = self.engine.url.render_as_string(hide_password=True)
        self._migrated = False
        self._lock = threading.Lock()

    def sync(self, store: Store, page_keys: Iterable[str] = ()) -> list[PageSync]:
        """Sync the given pages (default: every page of the store), each in its own transaction."""
        try:
            with self._lock:
                if not self._migrated:
                    with self.engine.begin() as connection:
                        migrate(connection)
                    self._migrated = True
            return [_sync_page(self.engine, store, key) for key in (list(page_keys) or store.pages())]
        except SQLAlchemyError as exc:
            raise SyncError(f"cannot write the sync target {self.where}: {str(exc).splitlines()[0]}") from None

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> SyncTarget:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def sync(target: str, store: Store, page_keys: Iterable[str] = ()) -> list[PageSync]:
    """Sync the given pages (default: every page of the store) into `target`, a SQLAlchemy URL."""
    with SyncTarget(target) as opened:
        return opened.sync(store, page_keys)


def connect(target: str) -> Engine:
    try:
        url = make_url(target)
        backend = url.get_backend_name()
        # SQLite: how long to wait for another writer's lock. PostgreSQL: a server that does not answer
        # fails the sync in seconds (the next one catches up) instead of holding a check for minutes.
        connect_args: dict[str, Any] = {"timeout": 30} if backend == "sqlite" else \
            {"connect_timeout": 10} if backend == "postgresql" and "connect_timeout" not in url.query else {}
        engine = create_engine(url, connect_args=connect_args)
    except ArgumentError:
        raise InputError(f"not a database URL: {target!r} (e.g. sqlite:///programmes.db or "
                         "postgresql+psycopg://user@host/db)") from None
    except (NoSuchModuleError, ImportError) as exc:
        raise InputError(f"cannot use {target.split(':', 1)[0]}: {exc} (PostgreSQL needs the postgres extra: "
                         "pip install 'extractor[postgres]')") from None
    if engine.dialect.name == "sqlite":
        # SQLAlchemy's recipe for real SQLite transactions: BEGIN IMMEDIATE takes the write lock at once, so
        # two syncs of one file queue up instead of both replaying the same snapshots.
        @event.listens_for(engine, "connect")
        def _no_implicit_transactions(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None

        @event.listens_for(engine, "begin")
        def _begin_immediate(connection: Connection) -> None:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
    return engine


def _sync_page(engine: Engine, store: Store, page: str) -> PageSync:
    done = PageSync(page)
    newest = store.latest(page)  # the snapshots after the synced one: replay's to list
    checks = store.checks(page)
    with engine.begin() as connection:
        row = _locked_page(connection, page)
        state = _PageState(connection, page)
        if state.keyed_on_ids() and (reached := store.snapshot(page, row["synced_snapshot"])) is not None:
            # Rows an earlier sync keyed on the ids of version-1 records take the uids those records have now.
            state.rekey(records(store, reached), done)
        latest: tuple[SnapshotInfo, Programme] | None = None
        # Through monitor.records: snapshots stored before uids existed get the uids the later ones carry,
        # so a session keeps one row from its first snapshot to its last.
        for snapshot, programme, events in replay(store, page, after=row["synced_snapshot"]):
            state.apply(programme, snapshot.retrieved_at, done)
            for position, change in enumerate(events):
                connection.execute(_insert(connection, changes).on_conflict_do_nothing(),
                                   change_row(page, snapshot.number, position, change, snapshot.retrieved_at))
                done.changes += 1
            done.snapshots += 1
            latest = (snapshot, programme)
        if latest is None and newest is not None and newest.number == row["synced_snapshot"]:
            # Nothing new, but `extractor reparse` may have rebuilt the records of the snapshot the rows
            # follow: compared again, only what differs is written (usually nothing). The feed of changes
            # already written stays as it was sent.
            latest = (newest, records(store, newest))
            state.apply(latest[1], latest[0].retrieved_at, done)
        wanted = dict(row)
        if latest:
            snapshot, programme = latest
            wanted.update(url=programme.source.location, language=programme.language, title=programme.title,
                          timezone=programme.timezone, last_changed=snapshot.retrieved_at,
                          synced_snapshot=snapshot.number)
        if checks:
            wanted.update(last_checked=checks[-1]["last_at"], status=checks[-1]["outcome"])
        if name := store.page_name(page):
            wanted.update(name=name)  # the watch file's name for the page
        if wanted != row:
            connection.execute(pages.update().where(pages.c.key == page).values(wanted))
    return done


def _locked_page(connection: Connection, page: str) -> dict[str, Any]:
    query = select(pages).where(pages.c.key == page).with_for_update()
    found = connection.execute(query).mappings().first()
    if found is None:
        connection.execute(_insert(connection, pages).on_conflict_do_nothing(), {"key": page, "synced_snapshot": 0})
        found = connection.execute(query).mappings().one()
    return dict(found)


class _PageState:
    """The page's session rows as the target holds them, kept in step with what this sync writes."""

    def __init__(self, connection: Connection, page: str) -> None:
        self.connection = connection
        self.page = page
        self.rows = {r["uid"]: dict(r) for r in connection.execute(
            select(sessions).where(sessions.c.page == page)).mappings()}
        self.people: dict[str, list[dict[str, Any]]] = {}
        for r in connection.execute(select(speakers).where(speakers.c.page == page)
                                    .order_by(speakers.c.position)).mappings():
            self.people.setdefault(r["session_uid"], []).append(dict(r))

    def apply(self, programme: Programme, at: str, done: PageSync) -> None:
        present = set()
        for session in programme.sessions:
            row, people = session_row(self.page, session), speaker_rows(self.page, session)
            uid = row["uid"]
            present.add(uid)
            old = self.rows.get(uid)
            if old is None:
                row.update(first_seen=at, last_changed=at, removed_at=None)
                self.connection.execute(sessions.insert(), row)
            elif any(old[k] != v for k, v in row.items()) or old["removed_at"] or self.people.get(uid, []) != people:
                row.update(first_seen=old["first_seen"], last_changed=at, removed_at=None)
                self.connection.execute(sessions.update().where(self._session(uid)).values(row))
            else:
                continue
            if self.people.get(uid, []) != people:
                self.connection.execute(speakers.delete().where(
                    and_(speakers.c.page == self.page, speakers.c.session_uid == uid)))
                if people:
                    self.connection.execute(speakers.insert(), people)
                self.people[uid] = people
            self.rows[uid] = row
            done.sessions += 1
        for uid, old in self.rows.items():
            if uid not in present and old["removed_at"] is None:
                self.connection.execute(sessions.update().where(self._session(uid)).values(removed_at=at))
                old["removed_at"] = at
                done.removed += 1

    def keyed_on_ids(self) -> bool:
        """Whether some rows are keyed on a session's id (written from version-1 records by an older sync)."""
        return any(r["uid"] == r["id"] for r in self.rows.values())

    def rekey(self, programme: Programme, done: PageSync) -> None:
        """Each row keyed on the id of a session of `programme` (the records it was written from) takes its uid."""
        for session in programme.sessions:
            uid, old = session.uid, self.rows.get(session.id)
            if not uid or uid in self.rows or old is None or old["uid"] != old["id"]:
                continue
            self.connection.execute(sessions.update().where(self._session(session.id)).values(uid=uid))
            self.connection.execute(speakers.update().where(and_(
                speakers.c.page == self.page, speakers.c.session_uid == session.id)).values(session_uid=uid))
            self.rows[uid] = {**self.rows.pop(session.id), "uid": uid}
            for person in self.people.get(session.id, []):
                person["session_uid"] = uid
            if session.id in self.people:
                self.people[uid] = self.people.pop(session.id)
            done.sessions += 1

    def _session(self, uid: str) -> Any:
        return and_(sessions.c.page == self.page, sessions.c.uid == uid)


def _insert(connection: Connection, table: Table) -> Any:
    """INSERT with the target's ON CONFLICT clause (SQLite and PostgreSQL spell it alike)."""
    dialect = postgresql if connection.dialect.name == "postgresql" else sqlite
    return dialect.insert(table)
