"""The tables `extractor sync` writes, and their migrations (SQLAlchemy Core, one definition for every database).

Migration N brings a target from version N-1 to N; the version is kept in `extractor_sync`. Never edit a
released migration: add one at the end.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Connection,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)

from extractor.errors import SyncError

metadata = MetaData()

pages = Table(
    "pages", metadata,
    Column("key", String(2048), primary_key=True),  # the store's page key: URL, absolute path or --page KEY
    Column("url", Text),  # where the latest snapshot was read
    Column("name", Text),
    Column("language", String(8)),
    Column("title", Text),
    Column("timezone", String(64)),
    Column("last_checked", String(32)),  # ISO 8601, UTC, as in the snapshot store
    Column("last_changed", String(32)),
    Column("status", String(16)),  # the last check: snapshot, unchanged, not_modified, failed
    Column("synced_snapshot", Integer, nullable=False, default=0),  # PAGE@N written last
)

sessions = Table(
    "sessions", metadata,
    Column("page", String(2048), nullable=False),
    Column("uid", String(512), nullable=False),  # changes.keys.session_key: the uid (the id if it has none)
    Column("id", String(512), nullable=False),
    Column("day", String(10)),
    Column("start", String(5)),
    Column("end", String(5)),
    Column("format", Text),
    Column("title", Text, nullable=False),
    Column("room_name", Text),
    Column("room_provisional", Boolean),
    Column("description", Text),
    Column("description_provisional", Boolean),
    Column("confidence", Float),
    Column("first_seen", String(32), nullable=False),
    Column("last_changed", String(32), nullable=False),
    Column("removed_at", String(32)),  # set when the session leaves the page; rows are never deleted
    UniqueConstraint("page", "uid", name="sessions_page_uid"),
)

speakers = Table(
    "speakers", metadata,
    Column("page", String(2048), nullable=False),
    Column("session_uid", String(512), nullable=False),
    Column("position", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("credentials", JSON, nullable=False),
    Column("titles", JSON, nullable=False),
    Column("affiliation", Text),
    Column("role", Text),
    UniqueConstraint("page", "session_uid", "position", name="speakers_page_session_position"),
)

changes = Table(
    "changes", metadata,
    Column("page", String(2048), nullable=False),
    Column("snapshot", Integer, nullable=False),  # PAGE@N that brought the change
    Column("position", Integer, nullable=False),
    Column("uid", String(512), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("old", JSON),
    Column("new", JSON),
    Column("cosmetic", Boolean, nullable=False),
    Column("detected_at", String(32), nullable=False),
    UniqueConstraint("page", "snapshot", "position", name="changes_page_snapshot_position"),
)

version_table = Table("extractor_sync", MetaData(), Column("version", Integer, nullable=False))


def _v1(connection: Connection) -> None:
    metadata.create_all(connection, tables=[pages, sessions, speakers, changes])


MIGRATIONS: list[Callable[[Connection], None]] = [_v1]


def migrate(connection: Connection) -> None:
    """Bring the target to the latest version, inside the caller's transaction."""
    if connection.dialect.name == "postgresql":
        # Two first syncs at once would both create the tables: the second waits for the first instead.
        connection.execute(text("SELECT pg_advisory_xact_lock(727001)"))
    version_table.create(connection, checkfirst=True)
    found = connection.execute(version_table.select()).scalar()
    version = int(found or 0)
    if version > len(MIGRATIONS):
        raise SyncError(f"the sync target has schema {version}; this extractor knows {len(MIGRATIONS)}: "
                         "upgrade extractor")
    for step in MIGRATIONS[version:]:
        step(connection)
    if found is None:
        connection.execute(version_table.insert().values(version=len(MIGRATIONS)))
    elif version < len(MIGRATIONS):
        connection.execute(version_table.update().values(version=len(MIGRATIONS)))
