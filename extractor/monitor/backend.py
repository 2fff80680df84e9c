"""Where a store lives: a SQLite file (a path) or a PostgreSQL database (a `postgresql://` URL).

The store's SQL is written once, in the dialect both engines share; the only differences are
the placeholder (`?` for sqlite3, `%s` for psycopg) and how a write transaction starts, so
PostgreSQL gets a connection that accepts the store's SQL as it is (PgConnection) rather than
a second copy of every query. psycopg is imported only for a PostgreSQL store (the `postgres` extra).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from extractor.errors import StoreError

_URL = re.compile(r"^postgres(?:ql)?(?:\+psycopg)?://", re.I)


def is_database_url(store: object) -> bool:
    """A PostgreSQL URL (postgresql://, postgres://, or SQLAlchemy's postgresql+psycopg://), not a path."""
    return isinstance(store, str) and bool(_URL.match(store))


def redacted_url(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", url)


def _translated(sql: str) -> str:
    """The store's SQL for psycopg: `?` outside string literals becomes `%s`, and `%` is escaped."""
    out: list[str] = []
    quoted = False
    for char in sql:
        if char == "'":
            quoted = not quoted
        if char == "%":
            out.append("%%")
        elif char == "?" and not quoted:
            out.append("%s")
        else:
            out.append(char)
    return "".join(out)


class PgConnection:
    """A psycopg connection in autocommit mode that runs the store's SQL like a sqlite3 connection:
    `execute` returns a cursor (fetchone, fetchall, rowcount), explicit BEGIN/COMMIT make transactions."""

    def __init__(self, url: str) -> None:
        try:
            import psycopg
        except ImportError:
            raise StoreError("a PostgreSQL store needs the postgres extra: pip install 'extractor[postgres]'") from None
        self.error: type[Exception] = psycopg.Error
        self.url = url
        self.conn = self._connect()

    def _connect(self) -> Any:
        import psycopg

        dsn = re.sub(r"^postgres(?:ql)?\+psycopg://", "postgresql://", self.url, flags=re.I)
        try:
            return psycopg.connect(dsn, autocommit=True, connect_timeout=30)
        except psycopg.Error as exc:
            raise StoreError(f"cannot open store {redacted_url(self.url)}: {' '.join(str(exc).split())}") from None

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        if self.conn.broken:  # the server restarted, or the network dropped: the statement that saw it failed
            self.conn = self._connect()
        if not params:  # no placeholders: sent as it is (a migration's script of several statements too)
            return self.conn.execute(sql)
        return self.conn.execute(_translated(sql), tuple(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        params = [tuple(r) for r in rows]
        if params:
            with self.conn.cursor() as cursor:
                cursor.executemany(_translated(sql), params)

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        return self.conn.info.transaction_status != TransactionStatus.IDLE

    def close(self) -> None:
        self.conn.close()
