"""The snapshot store's schema on PostgreSQL, as an append-only list of migrations (see store_schema).

Version 1 holds the tables of SQLite's version 5 in one step (not version 4's views, which read the
records with SQLite's JSON functions): a PostgreSQL store has no older files to upgrade. A migration
added to one list wants its counterpart in the other: tests/test_store_backends.py compares the columns.
Times stay ISO-8601 UTC text, as on SQLite, so that every query compares them the same way on
both; the raw page is bytea. `store_key` holds the outbox's target key (monitor.targets): the
watchers of several machines must hash a notification URL alike, and the database is what they share.
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    """
    CREATE TABLE pages (
        id            BIGSERIAL PRIMARY KEY,
        key           TEXT NOT NULL UNIQUE,
        created_at    TEXT NOT NULL,
        etag          TEXT,
        last_modified TEXT,
        name          TEXT,
        url           TEXT,
        host          TEXT,
        interval_s    DOUBLE PRECISION,
        next_due_at   TEXT,
        leased_by     TEXT,
        leased_until  TEXT
    );
    CREATE INDEX pages_due ON pages (next_due_at);
    CREATE TABLE hosts (
        host            TEXT PRIMARY KEY,
        next_allowed_at TEXT NOT NULL
    );
    CREATE TABLE snapshots (
        id             BIGSERIAL PRIMARY KEY,
        page_id        BIGINT NOT NULL REFERENCES pages(id),
        number         INTEGER NOT NULL,
        retrieved_at   TEXT NOT NULL,
        sha256         TEXT NOT NULL,
        raw            BYTEA NOT NULL,
        raw_size       INTEGER NOT NULL,
        location       TEXT NOT NULL,
        charset        TEXT,
        http           TEXT,
        parsed         TEXT NOT NULL,
        parser_version TEXT NOT NULL,
        parsed_at      TEXT NOT NULL,
        etag           TEXT,
        last_modified  TEXT,
        hold           TEXT,
        UNIQUE (page_id, number)
    );
    CREATE TABLE checks (
        id          BIGSERIAL PRIMARY KEY,
        page_id     BIGINT NOT NULL REFERENCES pages(id),
        outcome     TEXT NOT NULL CHECK (outcome IN ('snapshot', 'unchanged', 'not_modified', 'failed')),
        first_at    TEXT NOT NULL,
        last_at     TEXT NOT NULL,
        count       INTEGER NOT NULL DEFAULT 1,
        snapshot_id BIGINT REFERENCES snapshots(id),
        error       TEXT
    );
    CREATE INDEX checks_page ON checks (page_id, id);
    CREATE TABLE events (
        id          BIGSERIAL PRIMARY KEY,
        snapshot_id BIGINT NOT NULL REFERENCES snapshots(id),
        position    INTEGER NOT NULL,
        session_id  TEXT NOT NULL,
        kind        TEXT NOT NULL,
        cosmetic    INTEGER NOT NULL,
        data        TEXT NOT NULL
    );
    CREATE INDEX events_snapshot ON events (snapshot_id, position);
    CREATE TABLE outbox (
        id            BIGSERIAL PRIMARY KEY,
        idem_key      TEXT NOT NULL,
        target_hash   TEXT NOT NULL,
        target_label  TEXT NOT NULL,
        page_id       BIGINT NOT NULL REFERENCES pages(id),
        snapshot_id   BIGINT REFERENCES snapshots(id),
        kind          TEXT NOT NULL,
        session_id    TEXT NOT NULL,
        uid           TEXT,
        language      TEXT NOT NULL,
        subject       TEXT NOT NULL,
        body          TEXT NOT NULL,
        payload       TEXT,
        created_at    TEXT NOT NULL,
        attempts      INTEGER NOT NULL DEFAULT 0,
        next_try_at   TEXT,
        last_error    TEXT,
        claimed_by    TEXT,
        claimed_until TEXT,
        delivered_at  TEXT,
        dropped_at    TEXT,
        UNIQUE (idem_key, target_hash)
    );
    CREATE INDEX outbox_pending ON outbox (delivered_at, next_try_at);
    CREATE TABLE store_key (
        id  INTEGER PRIMARY KEY CHECK (id = 1),
        key TEXT NOT NULL                            -- hex, 32 random bytes
    );
    """,
]
