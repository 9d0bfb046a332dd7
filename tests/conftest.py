"""Shared fixtures: databases to run the store against."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from timeline.store import DatabaseError, check_connection, create_engine
from timeline.store._migrate import upgrade

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'timeline.db'}"


@pytest.fixture
def sqlite_engine(sqlite_url: str) -> Iterator[sa.Engine]:
    engine = create_engine(sqlite_url)
    upgrade(engine)
    yield engine
    engine.dispose()


def _postgres_url() -> str:
    """The test server's URL, or a skip (a failure when TIMELINE_REQUIRE_POSTGRES=1)."""
    url = os.environ.get("TIMELINE_TEST_POSTGRES_URL")
    required = os.environ.get("TIMELINE_REQUIRE_POSTGRES") == "1"
    reason = None
    if not url:
        reason = "TIMELINE_TEST_POSTGRES_URL is not set"
    else:
        engine = create_engine(url)
        try:
            check_connection(engine, "TIMELINE_TEST_POSTGRES_URL")
        except DatabaseError as error:
            reason = str(error)
        finally:
            engine.dispose()
    if reason is None:
        assert url is not None
        return url
    if required:
        pytest.fail(f"PostgreSQL is required (TIMELINE_REQUIRE_POSTGRES=1): {reason}")
    pytest.skip(f"PostgreSQL tests skipped: {reason}")


@pytest.fixture
def postgres_url() -> str:
    return _postgres_url()


@pytest.fixture
def postgres_schema_url(postgres_url: str) -> Iterator[str]:
    """A URL whose connections work in a fresh schema, dropped afterwards."""
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(postgres_url)
    with admin.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    url = sa.make_url(postgres_url).update_query_dict({"options": f"-csearch_path={schema}"})
    yield url.render_as_string(hide_password=False)
    with admin.begin() as conn:
        conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
    admin.dispose()


@pytest.fixture
def postgres_engine(postgres_schema_url: str) -> Iterator[sa.Engine]:
    engine = create_engine(postgres_schema_url)
    upgrade(engine)
    yield engine
    engine.dispose()
