"""The snapshot store's SQL schema, as an append-only list of migrations.

Migration N (1-based) brings a store from schema version N-1 to N. Never edit a released
migration: users' files were built by it. Add a new one at the end instead.
"""

from __future__ import annotations

MIGRATIONS: list[str] = [
    # 1: pages, snapshots, checks, change events, alert outbox.
    """
    CREATE TABLE pages (
        id            INTEGER PRIMARY KEY,
        key           TEXT NOT NULL UNIQUE,          -- URL, absolute path, or --page KEY
        created_at    TEXT NOT NULL,
        etag          TEXT,                          -- validators of the last successful fetch
        last_modified TEXT
    );
    CREATE TABLE snapshots (
        id             INTEGER PRIMARY KEY,
        page_id        INTEGER NOT NULL REFERENCES pages(id),
        number         INTEGER NOT NULL,             -- 1, 2, ... per page: PAGE@N
        retrieved_at   TEXT NOT NULL,
        sha256         TEXT NOT NULL,
        raw            BLOB NOT NULL,                -- zlib-compressed page bytes, kept for reparse
        raw_size       INTEGER NOT NULL,
        location       TEXT NOT NULL,
        charset        TEXT,
        http           TEXT,                         -- JSON of HttpInfo, or NULL
        parsed         TEXT NOT NULL,                -- JSON of the Programme
        parser_version TEXT NOT NULL,
        parsed_at      TEXT NOT NULL,
        etag           TEXT,
        last_modified  TEXT,
        UNIQUE (page_id, number)
    );
    -- One row per run of identical outcomes: 100 unchanged checks update one row.
    CREATE TABLE checks (
        id          INTEGER PRIMARY KEY,
        page_id     INTEGER NOT NULL REFERENCES pages(id),
        outcome     TEXT NOT NULL CHECK (outcome IN ('snapshot', 'unchanged', 'not_modified', 'failed')),
        first_at    TEXT NOT NULL,
        last_at     TEXT NOT NULL,
        count       INTEGER NOT NULL DEFAULT 1,
        snapshot_id INTEGER REFERENCES snapshots(id),
        error       TEXT
    );
    CREATE INDEX checks_page ON checks (page_id, id);
    CREATE TABLE events (
        id          INTEGER PRIMARY KEY,
        snapshot_id INTEGER NOT NULL REFERENCES snapshots(id),
        position    INTEGER NOT NULL,
        session_id  TEXT NOT NULL,
        kind        TEXT NOT NULL,
        cosmetic    INTEGER NOT NULL,
        data        TEXT NOT NULL                    -- JSON of the ChangeEvent
    );
    CREATE INDEX events_snapshot ON events (snapshot_id, position);
    -- One row per (alert, target). idem_key = hash(page, session, kind, new value).
    CREATE TABLE outbox (
        id            INTEGER PRIMARY KEY,
        idem_key      TEXT NOT NULL,
        target        TEXT NOT NULL,                 -- Apprise URL
        page_id       INTEGER NOT NULL REFERENCES pages(id),
        snapshot_id   INTEGER NOT NULL REFERENCES snapshots(id),
        kind          TEXT NOT NULL,
        session_id    TEXT NOT NULL,
        language      TEXT NOT NULL,
        subject       TEXT NOT NULL,
        body          TEXT NOT NULL,
        created_at    TEXT NOT NULL,
        attempts      INTEGER NOT NULL DEFAULT 0,
        next_try_at   TEXT,
        last_error    TEXT,
        claimed_by    TEXT,                          -- set while sending; left set if the sender died
        claimed_until TEXT,
        delivered_at  TEXT,
        UNIQUE (idem_key, target)
    );
    CREATE INDEX outbox_pending ON outbox (delivered_at, next_try_at);
    """,
    # 2: outbox rows without a snapshot, for a page's own alerts ("failing", "recovered"), so they
    # go through the outbox like change alerts. SQLite cannot drop a NOT NULL, so the table is
    # rebuilt (its recommended 12-step way); _migrate runs this in the store's one transaction, so
    # a kill midway leaves the version-1 table. Ids are kept: nothing else refers to outbox rows.
    """
    CREATE TABLE outbox_v2 (
        id            INTEGER PRIMARY KEY,
        idem_key      TEXT NOT NULL,
        target        TEXT NOT NULL,
        page_id       INTEGER NOT NULL REFERENCES pages(id),
        snapshot_id   INTEGER REFERENCES snapshots(id),  -- NULL for a failing page's alert
        kind          TEXT NOT NULL,
        session_id    TEXT NOT NULL,                 -- '' for a page's own alerts
        language      TEXT NOT NULL,
        subject       TEXT NOT NULL,
        body          TEXT NOT NULL,
        created_at    TEXT NOT NULL,
        attempts      INTEGER NOT NULL DEFAULT 0,
        next_try_at   TEXT,
        last_error    TEXT,
        claimed_by    TEXT,
        claimed_until TEXT,
        delivered_at  TEXT,
        UNIQUE (idem_key, target)
    );
    INSERT INTO outbox_v2 (id, idem_key, target, page_id, snapshot_id, kind, session_id, language, subject,
                           body, created_at, attempts, next_try_at, last_error, claimed_by, claimed_until,
                           delivered_at)
        SELECT id, idem_key, target, page_id, snapshot_id, kind, session_id, language, subject, body,
               created_at, attempts, next_try_at, last_error, claimed_by, claimed_until, delivered_at
        FROM outbox;
    DROP TABLE outbox;
    ALTER TABLE outbox_v2 RENAME TO outbox;
    CREATE INDEX outbox_pending ON outbox (delivered_at, next_try_at);
    """,
    # 3: issue 11. Pages get the watch file's name; snapshots the removals they hold (the removal
    # guard, changes.guard); the outbox stops holding notification URLs: a keyed hash and a redacted
    # label instead (monitor.targets), filled in for old rows by Store._migrate right after this
    # script, which also has SQLite zero what the old table held. Rows gain the alert's uid, the data
    # machine endpoints receive, and a dropped state (`alerts --drop`).
    """
    ALTER TABLE pages ADD COLUMN name TEXT;
    ALTER TABLE snapshots ADD COLUMN hold TEXT;       -- JSON of monitor.store.Hold, or NULL
    CREATE TABLE outbox_v3 (
        id            INTEGER PRIMARY KEY,
        idem_key      TEXT NOT NULL,
        target_hash   TEXT NOT NULL,                 -- HMAC-SHA256 of the URL, keyed by STORE.key
        target_label  TEXT NOT NULL,                 -- the URL with its secrets masked
        page_id       INTEGER NOT NULL REFERENCES pages(id),
        snapshot_id   INTEGER REFERENCES snapshots(id),
        kind          TEXT NOT NULL,                 -- a change kind, 'digest', 'failing' or 'recovered'
        session_id    TEXT NOT NULL,
        uid           TEXT,
        language      TEXT NOT NULL,
        subject       TEXT NOT NULL,
        body          TEXT NOT NULL,
        payload       TEXT,                          -- JSON for machine endpoints (changes.payload)
        created_at    TEXT NOT NULL,
        attempts      INTEGER NOT NULL DEFAULT 0,
        next_try_at   TEXT,
        last_error    TEXT,
        claimed_by    TEXT,
        claimed_until TEXT,
        delivered_at  TEXT,
        dropped_at    TEXT,                          -- given up by the user: never sent
        UNIQUE (idem_key, target_hash)
    );
    INSERT INTO outbox_v3 (id, idem_key, target_hash, target_label, page_id, snapshot_id, kind, session_id,
                           language, subject, body, created_at, attempts, next_try_at, last_error, claimed_by,
                           claimed_until, delivered_at)
        SELECT id, idem_key, 'clear:' || target, '', page_id, snapshot_id, kind, session_id, language, subject,
               body, created_at, attempts, next_try_at, last_error, claimed_by, claimed_until, delivered_at
        FROM outbox;
    DROP TABLE outbox;
    ALTER TABLE outbox_v3 RENAME TO outbox;
    CREATE INDEX outbox_pending ON outbox (delivered_at, next_try_at);
    """,
    # 4: issue 12. Views, so that Datasette (or any SQLite client) shows rows, not JSON blobs: the records of
    # each page's latest snapshot and the change events, keyed like the sync tables (the session's uid, its
    # id when it has none). Read from the stored JSON each time, they never fall out of step with it; the
    # outbox is in none of them, and holds no URL anyway (monitor.targets).
    """
    CREATE VIEW current_sessions AS
    SELECT p.key AS page, p.name AS page_name, s.number AS snapshot, CAST(j.key AS INTEGER) AS position,
           COALESCE(json_extract(j.value, '$.uid'), json_extract(j.value, '$.id')) AS uid,
           json_extract(j.value, '$.id') AS id,
           json_extract(j.value, '$.slot.day') AS day,
           json_extract(j.value, '$.slot.start') AS start,
           json_extract(j.value, '$.slot.end') AS "end",
           json_extract(j.value, '$.format') AS format,
           json_extract(j.value, '$.title') AS title,
           json_extract(j.value, '$.room.name') AS room_name,
           json_extract(j.value, '$.room.provisional') AS room_provisional,
           json_extract(j.value, '$.room.raw') AS room_raw,
           json_extract(j.value, '$.description.text') AS description,
           json_extract(j.value, '$.description.provisional') AS description_provisional,
           json_array_length(j.value, '$.speakers') AS speakers,
           json_extract(j.value, '$.confidence') AS confidence,
           json_extract(s.parsed, '$.timezone') AS timezone,
           s.retrieved_at AS retrieved_at
    FROM pages p
    JOIN snapshots s ON s.page_id = p.id AND s.number = (SELECT max(number) FROM snapshots WHERE page_id = p.id)
    JOIN json_each(s.parsed, '$.sessions') j;
    CREATE VIEW current_speakers AS
    SELECT p.key AS page, s.number AS snapshot,
           COALESCE(json_extract(j.value, '$.uid'), json_extract(j.value, '$.id')) AS session_uid,
           json_extract(j.value, '$.title') AS session_title,
           CAST(k.key AS INTEGER) AS position,
           json_extract(k.value, '$.name') AS name,
           json_extract(k.value, '$.credentials') AS credentials,
           json_extract(k.value, '$.titles') AS titles,
           json_extract(k.value, '$.affiliation') AS affiliation,
           json_extract(k.value, '$.role') AS role
    FROM pages p
    JOIN snapshots s ON s.page_id = p.id AND s.number = (SELECT max(number) FROM snapshots WHERE page_id = p.id)
    JOIN json_each(s.parsed, '$.sessions') j
    JOIN json_each(j.value, '$.speakers') k;
    CREATE VIEW changes AS
    SELECT p.key AS page, s.number AS snapshot, e.position,
           COALESCE(json_extract(e.data, '$.uid'), e.session_id) AS uid,
           e.session_id, e.kind,
           json_extract(e.data, '$.title') AS title,
           json_extract(e.data, '$.field') AS field,
           json_extract(e.data, '$.detail') AS detail,
           json_extract(e.data, '$.old') AS old,
           json_extract(e.data, '$.new') AS new,
           e.cosmetic,
           s.retrieved_at AS detected_at
    FROM events e
    JOIN snapshots s ON s.id = e.snapshot_id
    JOIN pages p ON p.id = s.page_id;
    """,
    # 5: issue 13. Pages registered for watching (`pages add`, or a watch file on a PostgreSQL store)
    # carry their URL and interval, when they are next due, and the lease of the watcher checking
    # them; hosts carry the earliest time the next request may start (politeness across watchers).
    """
    ALTER TABLE pages ADD COLUMN url TEXT;           -- NULL: not watched (checked by hand, or removed)
    ALTER TABLE pages ADD COLUMN host TEXT;          -- scheme://host:port, what politeness is counted by
    ALTER TABLE pages ADD COLUMN interval_s REAL;
    ALTER TABLE pages ADD COLUMN next_due_at TEXT;
    ALTER TABLE pages ADD COLUMN leased_by TEXT;     -- the watcher checking it, until leased_until
    ALTER TABLE pages ADD COLUMN leased_until TEXT;
    CREATE INDEX pages_due ON pages (next_due_at);
    CREATE TABLE hosts (
        host            TEXT PRIMARY KEY,
        next_allowed_at TEXT NOT NULL
    );
    """,
]
