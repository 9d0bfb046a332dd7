"""An API over the seed articles, on SQLite and PostgreSQL, and clients for it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from apiclient import TOKEN, MakeClient, seeded
from litestar import Litestar
from litestar.testing import TestClient

from timeline.api import create_app
from timeline.bootstrap import App
from timeline.extraction.gazetteer import Gazetteer


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest) -> str:
    if request.param == "sqlite":
        return str(request.getfixturevalue("sqlite_url"))
    return str(request.getfixturevalue("postgres_schema_url"))


@pytest.fixture
def make_client(database_url: str, gazetteer: Gazetteer) -> Iterator[MakeClient]:
    """A client over the seeds with these settings (the token set unless told otherwise)."""
    opened: list[tuple[App, TestClient[Litestar]]] = []

    def make(*, options: dict[str, Any] | None = None, **settings: object) -> TestClient[Litestar]:
        """`options` go to `create_app` (follow, schedule, fetcher), `settings` to Settings."""
        settings.setdefault("api_token", TOKEN)
        app = seeded(database_url, gazetteer, **settings)
        client = TestClient(create_app(app, gazetteer=gazetteer, **(options or {})))
        client.__enter__()
        opened.append((app, client))
        return client

    yield make
    for app, client in opened:
        client.__exit__(None, None, None)
        app.close()


@pytest.fixture
def client(make_client: MakeClient) -> TestClient[Litestar]:
    return make_client()
