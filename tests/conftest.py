from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import count
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true",
                     help="rewrite samples/*.expected.json from the parser's output (review the diff!)")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is absent (third-party corpus and seed are read from there)")
    return SHARED



@pytest.fixture(scope="session")
def pg_cluster_url() -> Iterator[str]:
    """A SQLAlchemy URL to the `postgres` database of a throwaway PostgreSQL cluster, one per test session
    (started by the first test that asks for it), stopped and removed at the end, whatever happened."""
    from tests.pg import Unavailable, started_cluster

    try:
        import psycopg  # noqa: F401
        import sqlalchemy  # noqa: F401
    except ImportError as exc:
        pytest.skip(f"PostgreSQL tests need the postgres extra ({exc.name} is not installed)")
    try:
        cluster = started_cluster()
    except Unavailable as exc:
        pytest.skip(f"no PostgreSQL for the tests: {exc}")
    try:
        yield cluster.url()
    finally:
        cluster.stop()


_DATABASES = count(1)


@pytest.fixture
def pg_url(pg_cluster_url: str, request: pytest.FixtureRequest) -> str:
    """A fresh, empty database of the test's own on the session's cluster."""
    from tests.pg import create_database

    name = re.sub(r"[^a-z0-9_]", "_", request.node.name.lower())[:40] + f"_{next(_DATABASES)}"
    return create_database(pg_cluster_url, name)


@pytest.fixture(scope="session")
def pg_store_database(pg_cluster_url: str) -> str:
    """One database for the session's PostgreSQL stores: a schema each is much quicker to make than a database."""
    from tests.pg import create_database

    return create_database(pg_cluster_url, "stores")


@pytest.fixture
def pg_store_url(pg_store_database: str) -> str:
    """A `--store` URL to an empty PostgreSQL store of the test's own (a schema on the search path)."""
    import psycopg

    schema = f"store_{next(_DATABASES)}"
    with psycopg.connect(pg_store_database.replace("+psycopg", ""), autocommit=True) as connection:
        connection.execute(f'CREATE SCHEMA "{schema}"')
    return f"{pg_store_database.replace('+psycopg', '')}?options=-csearch_path%3D{schema}"
