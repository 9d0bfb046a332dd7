"""What API tests share beyond fixtures: the token, its header, a seeded App.

A module of its own, not `conftest`: several `conftest` modules share that name, so
`from conftest import ...` finds whichever pytest loaded last when folders run together.
"""

from __future__ import annotations

from collections.abc import Callable

from litestar import Litestar
from litestar.testing import TestClient

from timeline._resources import shipped_dir
from timeline.bootstrap import App, bootstrap
from timeline.extraction import Extractor
from timeline.extraction.gazetteer import Gazetteer
from timeline.extraction.loading import load_folder
from timeline.services import ingest_loaded
from timeline.settings import Settings

__all__ = ["TOKEN", "MakeClient", "auth", "seeded"]

TOKEN = "test-token"

MakeClient = Callable[..., TestClient[Litestar]]


def seeded(url: str, gazetteer: Gazetteer, **settings: object) -> App:
    app = bootstrap(Settings(database_url=url, **settings), migrate=True)  # type: ignore[arg-type]
    extractor = Extractor(gazetteer)
    list(ingest_loaded(app.store, extractor, load_folder(shipped_dir("seeds")), actor="test"))
    app.refresh()
    return app


def auth() -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKEN}"}
