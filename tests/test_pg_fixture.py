"""The PostgreSQL fixture the sync and store tests share: a real server, one database per test."""

from __future__ import annotations

import pytest

sqlalchemy = pytest.importorskip("sqlalchemy")


def test_the_fixture_gives_a_real_postgresql_15_database_of_the_tests_own(pg_url: str) -> None:
    engine = sqlalchemy.create_engine(pg_url)
    try:
        with engine.begin() as connection:
            version = connection.execute(sqlalchemy.text("SHOW server_version_num")).scalar_one()
            connection.execute(sqlalchemy.text("CREATE TABLE t (k text PRIMARY KEY)"))
            connection.execute(sqlalchemy.text("INSERT INTO t VALUES ('a') ON CONFLICT (k) DO NOTHING"))
            tables = connection.execute(sqlalchemy.text(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")).scalar_one()
    finally:
        engine.dispose()
    assert int(version) >= 150000
    assert tables == 1  # a fresh database: only the table this test made


def test_each_test_gets_an_empty_database(pg_url: str) -> None:
    engine = sqlalchemy.create_engine(pg_url)
    try:
        with engine.connect() as connection:
            tables = connection.execute(sqlalchemy.text(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")).scalar_one()
    finally:
        engine.dispose()
    assert tables == 0
