"""An API over the seed articles, on SQLite and PostgreSQL, and clients for it."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from litestar import Litestar
from litestar.testing import TestClient

from timeline._resources import shipped_dir
from timeline.api import create_app
from timeline.bootstrap import App, bootstrap
from timeline.extraction import Extractor
from timeline.extraction.gazetteer import Gazetteer
from timeline.extraction.loading import load_folder
from timeline.services import ingest_loaded
from timeline.settings import Settings

TOKEN = "test-token"


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest) -> str:
    if request.param == "sqlite":
        return str(request.getfixturevalue("sqlite_url"))
    return str(request.getfixturevalue("postgres_schema_url"))


def seeded(url: str, gazetteer: Gazetteer, **settings: object) -> App:
    app = bootstrap(Settings(database_url=url, **settings), migrate=True)  # type: ignore[arg-type]
    extractor = Extractor(gazetteer)
    list(ingest_loaded(app.store, extractor, load_folder(shipped_dir("seeds")), actor="test"))
    app.refresh()
    return app


MakeClient = Callable[..., TestClient[Litestar]]


@pytest.fixture
def make_client(database_url: str, gazetteer: Gazetteer) -> Iterator[MakeClient]:
    """A client over the seeds with these settings (the token set unless told otherwise)."""
    opened: list[tuple[App, TestClient[Litestar]]] = []

    def make(**settings: object) -> TestClient[Litestar]:
        settings.setdefault("api_token", TOKEN)
        app = seeded(database_url, gazetteer, **settings)
        client = TestClient(create_app(app, gazetteer=gazetteer))
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


def auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}
