"""Fixtures of the jobs tests: databases, a scripted HTTP server, a run context."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from jobserver import Server, serve

from timeline.extraction import Extractor
from timeline.extraction.gazetteer import Gazetteer
from timeline.jobs import HttpFetcher, Limits, RunContext
from timeline.store import EventStore, open_sql_store


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    return Extractor(Gazetteer.load())


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest) -> Iterator[sa.Engine]:
    """A migrated database of each kind."""
    yield request.getfixturevalue(f"{request.param}_engine")


@pytest.fixture
def store(engine: sa.Engine) -> Iterator[EventStore]:
    opened = open_sql_store(engine, poll_interval=0.05)
    yield opened
    opened.close()


@pytest.fixture
def server() -> Iterator[Server]:
    yield from serve()


@pytest.fixture
def fetcher() -> Iterator[HttpFetcher]:
    # Short bounds keep hostile servers cheap; no pause per host, the server is local.
    http = HttpFetcher(Limits(timeout=1.0, max_bytes=1024 * 1024, per_host_interval=0.0))
    yield http
    http.close()


@pytest.fixture
def context(store: EventStore, extractor: Extractor, fetcher: HttpFetcher) -> RunContext:
    return RunContext(store=store, extractor=extractor, fetcher=fetcher, actor="test")
