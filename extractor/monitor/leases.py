"""Pages registered for watching, and the leases through which several watchers share them.

A registered page has a URL, an interval and the time it is next due. A watcher takes due pages
with a lease: on PostgreSQL `SELECT … FOR UPDATE SKIP LOCKED`, so that two watchers leasing at
once take different pages without waiting for each other; on SQLite the transaction's write lock
does the same for the watchers of one machine. A lease ends when the watcher releases the page
(next due one interval later) or when its time runs out: a page held by a watcher that died is
due again then, for any other.

Politeness holds across watchers through the `hosts` table, updated in the lease transaction:
a host's next request may not start before its `next_allowed_at` (one `min_host_delay` after the
previous lease, and after the previous check of that host ended), and no more than
`max_per_host` of its pages are leased at once. A host's row is locked while a watcher leases
its pages, so the count and the time are decided by one watcher at a time.

Times come from the database's clock on PostgreSQL, so that watchers on machines whose clocks
differ still agree on when a lease ran out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from extractor.monitor.store import Store, timestamp


def host_of(url: str) -> str:
    """Per-host politeness key: scheme://host:port for URLs; local pages are each their own."""
    parts = urlsplit(url)
    if parts.scheme.lower() in ("http", "https"):
        return f"{parts.scheme.lower()}://{parts.netloc.lower()}"
    return f"file:{url}"


@dataclass(frozen=True)
class Registration:
    key: str
    url: str
    name: str | None = None
    interval: float = 3600.0


@dataclass(frozen=True)
class Lease:
    key: str
    url: str
    name: str | None
    interval: float
    host: str
    worker: str
    until: str


def now_of(store: Store) -> datetime:
    """The time every watcher of this store agrees on: the database server's, on PostgreSQL. Read on the
    store's one connection, in the caller's transaction if it is in one: a read needs none of its own."""
    if store.postgres:
        moment: datetime = store.query("SELECT clock_timestamp()")[0][0]
        return moment.astimezone(UTC)
    return datetime.now(UTC)


def register(store: Store, pages: Iterable[Registration]) -> int:
    """Watch these pages (new ones are due at once); a page already registered keeps when it is due."""
    rows = list(pages)
    with store.transaction() as db:
        stamp = timestamp(now_of(store))
        db.executemany(
            "INSERT INTO pages (key, created_at, url, host, interval_s, next_due_at, name) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET url = excluded.url, host = excluded.host, "
            "interval_s = excluded.interval_s, name = COALESCE(excluded.name, pages.name), "
            "next_due_at = COALESCE(pages.next_due_at, excluded.next_due_at)",
            [(r.key, stamp, r.url, host_of(r.url), r.interval, stamp, r.name) for r in rows])
        db.executemany("INSERT INTO hosts (host, next_allowed_at) VALUES (?, '') ON CONFLICT (host) DO NOTHING",
                       [(h,) for h in sorted({host_of(r.url) for r in rows})])
    return len(rows)


def unregister(store: Store, key: str) -> bool:
    """Stop watching a page; its snapshots, checks and alerts stay. False if it was not watched."""
    with store.transaction() as db:
        cursor = db.execute("UPDATE pages SET url = NULL, next_due_at = NULL, leased_by = NULL, leased_until = NULL "
                            "WHERE key = ? AND url IS NOT NULL", (key,))
        return bool(cursor.rowcount)


def lease(store: Store, worker: str, *, limit: int, seconds: float, delay: float = 0.0, max_per_host: int = 1,
          due_by: str | None = None) -> list[Lease]:
    """Take up to `limit` due pages for `seconds`, as politeness allows; `due_by`: only pages due by then
    (a `watch --once` round), else by now.

    Hosts are served in turn (the one that waited longest first), so that a site with many pages
    due does not hold back the others while its own delay runs."""
    skip = " FOR UPDATE SKIP LOCKED" if store.postgres else ""
    available = "url IS NOT NULL AND next_due_at <= ? AND (leased_until IS NULL OR leased_until < ?)"
    with store.transaction() as db:
        now = now_of(store)
        stamp = timestamp(now)
        due = min(due_by or stamp, stamp)
        # A host another watcher is leasing from right now is skipped: its pages wait for the next call.
        leased = "(SELECT count(*) FROM pages q WHERE q.host = h.host AND q.leased_until >= ?)"
        hosts = db.execute(
            f"SELECT h.host, {leased} FROM hosts h WHERE h.next_allowed_at <= ? AND {leased} < ? AND EXISTS "
            "(SELECT 1 FROM pages p WHERE p.host = h.host AND p.url IS NOT NULL AND p.next_due_at <= ? "
            f"AND (p.leased_until IS NULL OR p.leased_until < ?)) ORDER BY h.next_allowed_at, h.host LIMIT ?{skip}",
            (stamp, stamp, stamp, max_per_host, due, stamp, limit)).fetchall()
        until = timestamp(now + timedelta(seconds=seconds))
        after = timestamp(now + timedelta(seconds=delay))
        taken: list[Lease] = []
        for host, busy in hosts:
            room = min(limit - len(taken), max_per_host - int(busy), 1 if delay > 0 else limit)
            if room <= 0:
                continue
            rows = db.execute(f"SELECT id, key, url, name, interval_s FROM pages WHERE host = ? AND {available} "
                              f"ORDER BY next_due_at, id LIMIT ?{skip}", (host, due, stamp, room)).fetchall()
            db.executemany("UPDATE pages SET leased_by = ?, leased_until = ? WHERE id = ?",
                           [(worker, until, r[0]) for r in rows])
            if rows:
                db.execute("UPDATE hosts SET next_allowed_at = ? WHERE host = ?", (after, host))
            taken += [Lease(key, url, name, float(interval_s), host, worker, until)
                      for _, key, url, name, interval_s in rows]
    return taken


def release(store: Store, held: Lease, *, next_in: float, delay: float = 0.0) -> bool:
    """The check is over: the page is due again in `next_in` seconds, its host not before `delay` from now.
    False if the lease had run out and another watcher holds the page now."""
    with store.transaction() as db:
        now = now_of(store)
        cursor = db.execute("UPDATE pages SET leased_by = NULL, leased_until = NULL, next_due_at = ? "
                            "WHERE key = ? AND leased_by = ?", (timestamp(now + timedelta(seconds=next_in)),
                                                               held.key, held.worker))
        after = timestamp(now + timedelta(seconds=delay))
        db.execute("UPDATE hosts SET next_allowed_at = ? WHERE host = ? AND next_allowed_at < ?",
                   (after, held.host, after))
        return bool(cursor.rowcount)


def watched(store: Store) -> int:
    """Pages registered for watching."""
    return int(store.query("SELECT count(*) FROM pages WHERE url IS NOT NULL")[0][0])


def round_left(store: Store, due_by: str) -> int:
    """Watched pages due by `due_by` that no watcher has finished since: leased ones included."""
    return int(store.query("SELECT count(*) FROM pages WHERE url IS NOT NULL AND next_due_at <= ?", (due_by,))[0][0])


def store_time(store: Store) -> str:
    return timestamp(now_of(store))
