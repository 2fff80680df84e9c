"""A throwaway PostgreSQL cluster for the tests: initdb in a temporary directory, a free port, stopped
and removed afterwards, however the tests ended.

`initdb` refuses to run as root: as root the cluster is made and run by the `postgres` system user
(`runuser -u postgres --`), otherwise by the current user. The binaries are found with `pg_config
--bindir` (Debian: /usr/lib/postgresql/15/bin). Durability is off (fsync, synchronous_commit,
full_page_writes): the data is thrown away, and startup stays well under a second or two.
Tests get a SQLAlchemy URL, `postgresql+psycopg://…`; `fresh_database` gives each test its own database.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path


class Unavailable(Exception):
    """PostgreSQL cannot be started here; the message says why (the fixture skips with it)."""


def _bindir() -> Path:
    candidates = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            found = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, timeout=10)
            candidates.append(Path(found.stdout.strip()))
        except (OSError, subprocess.SubprocessError):
            pass
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    for folder in candidates:
        if (folder / "initdb").is_file() and (folder / "pg_ctl").is_file():
            return folder
    raise Unavailable("PostgreSQL server binaries (initdb, pg_ctl) not found: install the postgresql package")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Cluster:
    def __init__(self, max_connections: int = 30) -> None:
        self.max_connections = max_connections
        self.bindir = _bindir()
        self.as_root = os.geteuid() == 0
        if self.as_root and not shutil.which("runuser"):
            raise Unavailable("running as root, and runuser (needed to run initdb as postgres) is missing")
        self.base = Path(tempfile.mkdtemp(prefix="extractor-pg-"))
        self.data = self.base / "data"
        self.port = _free_port()
        self.user = "postgres" if self.as_root else (os.environ.get("USER") or "postgres")

    def _run(self, *argv: str, timeout: float = 60) -> None:
        command = ["runuser", "-u", "postgres", "--", *argv] if self.as_root else list(argv)
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        if done.returncode:
            raise Unavailable(f"{Path(argv[0]).name} failed: {(done.stderr or done.stdout).strip()[-500:]}")

    def start(self) -> None:
        if self.as_root:
            shutil.chown(self.base, "postgres", "postgres")
        self._run(str(self.bindir / "initdb"), "-D", str(self.data), "--auth=trust", "--username", self.user,
                  "--encoding=UTF8", "--locale=C", "--no-sync")
        options = (f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 -c fsync=off "
                   f"-c synchronous_commit=off -c full_page_writes=off -c max_connections={self.max_connections}")
        self._run(str(self.bindir / "pg_ctl"), "start", "-D", str(self.data), "-w", "-t", "60",
                  "-l", str(self.base / "server.log"), "-o", options)

    def stop(self) -> None:
        """Best effort, never raising: an immediate shutdown, then the directory goes."""
        try:
            if (self.data / "postmaster.pid").exists():
                self._run(str(self.bindir / "pg_ctl"), "stop", "-D", str(self.data), "-m", "immediate", "-w")
        except (Unavailable, OSError, subprocess.SubprocessError):
            pass
        finally:
            shutil.rmtree(self.base, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{database}"


def started_cluster(max_connections: int = 30) -> Cluster:
    """A running cluster (the caller stops it), or Unavailable with nothing left behind."""
    cluster = Cluster(max_connections)
    try:
        cluster.start()
    except BaseException:
        cluster.stop()
        raise
    return cluster


def create_database(cluster_url: str, name: str) -> str:
    """A new, empty database on the cluster; its URL."""
    import sqlalchemy

    engine = sqlalchemy.create_engine(cluster_url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            connection.execute(sqlalchemy.text(f'CREATE DATABASE "{name}"'))
    finally:
        engine.dispose()
    return cluster_url.rsplit("/", 1)[0] + f"/{name}"
