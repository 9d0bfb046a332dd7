"""schemathesis against /schema: no 5xx, and every answer matches the documented schema."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from apiclient import TOKEN, auth, seeded
from hypothesis import HealthCheck, given, settings
from litestar.testing import TestClient
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)
from schemathesis.specs.openapi.schemas import OpenApiSchema

from timeline.api import create_app
from timeline.extraction.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OpenApiSchema]:
    url = f"sqlite:///{tmp_path_factory.mktemp('schema') / 'timeline.db'}"
    gazetteer = Gazetteer.load()
    app = seeded(url, gazetteer, api_token=TOKEN, api_write_rate=0)
    api = create_app(app, gazetteer=gazetteer)
    yield schemathesis.openapi.from_asgi("/schema/openapi.json", api)
    app.close()


_CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def test_api_matches_its_schema(api_schema: OpenApiSchema) -> None:
    """Every operation but the endless event stream, with generated parameters and bodies."""
    checked = 0
    for result in api_schema.get_all_operations():
        operation = result.ok()
        if operation.path == "/events/stream":
            continue

        @given(case=operation.as_strategy())
        @settings(
            max_examples=15,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case: schemathesis.Case) -> None:
            response = case.call(headers=auth())
            assert response.status_code < 500, (case.method, case.path, response.text)
            case.validate_response(response, checks=_CHECKS)

        check()
        checked += 1
    assert checked >= 15


def test_schema_documents_every_endpoint(tmp_path: Path) -> None:
    gazetteer = Gazetteer.load()
    app = seeded(f"sqlite:///{tmp_path / 't.db'}", gazetteer)
    try:
        with TestClient(create_app(app, gazetteer=gazetteer)) as client:
            paths = client.get("/schema/openapi.json").json()["paths"]
    finally:
        app.close()
    assert set(paths) >= {
        "/companies",
        "/companies/{slug}",
        "/companies/{slug}/timeline",
        "/companies/{slug}/timeline.atom",
        "/deals",
        "/deals/{deal_id}",
        "/events",
        "/events/stream",
        "/events/{event_id}/retractions",
        "/articles",
        "/articles/{article_id}",
        "/admin/replay",
        "/admin/projections",
        "/health",
        "/ready",
        "/metrics",
    }
    for path, operations in paths.items():
        for method, operation in operations.items():
            assert "500" in operation["responses"] or path in {"/health"}, (method, path)
