"""A read whose database connection is cut under it is answered from a new one."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from litestar import Litestar
from litestar.testing import TestClient

from timeline.api import _activity

Client = TestClient[Litestar]


def cut(times: int, real: Any) -> Any:
    """`real`, failing the first `times` calls as a connection cut by the server does."""
    calls = 0

    def flaky(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls <= times:
            lost = Exception("server closed the connection unexpectedly")
            raise sa.exc.OperationalError("SELECT", {}, lost, connection_invalidated=True)
        return real(*args, **kwargs)

    return flaky


def test_a_read_cut_once_is_answered(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_activity, "recent_companies", cut(1, _activity.recent_companies))
    answer = client.get("/activity")
    assert answer.status_code == 200, answer.text
    assert answer.json()["companies"]
    assert "x-timeline-retry" not in answer.headers


def test_a_read_cut_twice_says_to_retry(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_activity, "recent_companies", cut(2, _activity.recent_companies))
    answer = client.get("/activity")
    assert answer.status_code == 503
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert answer.headers["retry-after"] == "1"
    assert "x-timeline-retry" not in answer.headers
    assert "connection was lost" in answer.json()["detail"]


def test_other_errors_are_not_retried(client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = 0

    def broken(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        raise RuntimeError("a bug")

    monkeypatch.setattr(_activity, "recent_companies", broken)
    answer = client.get("/activity")
    assert answer.status_code == 500
    assert calls == 1
