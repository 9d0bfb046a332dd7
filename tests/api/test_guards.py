"""Tokens, private reads, body limits, rate limits, CORS, probes and metrics."""

from __future__ import annotations

import pytest
from apiclient import TOKEN, MakeClient, auth

from timeline.api._cursor import encode_cursor


def test_writes_need_the_token(make_client: MakeClient) -> None:
    client = make_client()
    none = client.post("/events/00000000-0000-0000-0000-000000000000/retractions", json={})
    assert none.status_code == 401
    assert none.headers["www-authenticate"].startswith("Bearer")
    assert none.headers["content-type"] == "application/problem+json"
    wrong = client.get("/admin/projections", headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401 and "wrong" in wrong.json()["detail"]
    assert client.get("/admin/projections", headers=auth()).status_code == 200
    assert client.get("/companies/xiaomi").status_code == 200  # reads are open


def test_without_a_token_writes_are_disabled(make_client: MakeClient) -> None:
    client = make_client(api_token=None)
    answer = client.post("/admin/replay", headers={"Authorization": "Bearer anything"})
    assert answer.status_code == 403
    assert "TIMELINE_API_TOKEN" in answer.json()["detail"]
    assert client.get("/companies/xiaomi/timeline").status_code == 200


def test_private_reads(make_client: MakeClient) -> None:
    client = make_client(api_private_reads=True)
    assert client.get("/companies/xiaomi").status_code == 401
    assert client.get("/companies/xiaomi", headers=auth()).status_code == 200
    assert client.get("/health").status_code == 200  # probes stay open
    assert client.get("/ready").status_code == 200


def test_body_over_the_limit(make_client: MakeClient) -> None:
    client = make_client(api_max_body_bytes=1000)
    answer = client.post(
        "/articles",
        content=b"Title\n\n" + b"word " * 400,
        headers={**auth(), "Content-Type": "text/plain"},
    )
    assert answer.status_code == 413
    assert answer.headers["content-type"] == "application/problem+json"


def test_writes_are_rate_limited(make_client: MakeClient) -> None:
    client = make_client(api_write_rate=2)
    codes = [client.post("/events", json={}, headers=auth()).status_code for _ in range(3)]
    assert codes[:2] == [400, 400] and codes[2] == 429
    assert client.get("/companies/xiaomi").status_code == 200  # reads are not limited


@pytest.mark.parametrize("origins", [(), ("https://app.example",)])
def test_cors_is_off_unless_configured(make_client: MakeClient, origins: tuple[str, ...]) -> None:
    client = make_client(api_cors_origins=origins)
    answer = client.get("/companies", headers={"Origin": "https://app.example"})
    allowed = answer.headers.get("access-control-allow-origin")
    assert allowed == ("https://app.example" if origins else None)


def test_bad_parameters_are_named(make_client: MakeClient) -> None:
    client = make_client()
    for path, params, name in [
        ("/companies/xiaomi/timeline", {"limit": "0"}, "limit"),
        ("/companies/xiaomi/timeline", {"type": "gossip"}, "type"),
        ("/companies/xiaomi/timeline", {"as_of": "yesterday"}, "as_of"),
        ("/companies/xiaomi/timeline", {"cursor": "!!"}, "cursor"),
        ("/companies/xiaomi/timeline", {"counterparty": "nobody at all"}, "counterparty"),
        ("/events", {"type": "Nothing"}, "type"),
        # One past the largest 64-bit position: the databases cannot take it (found by
        # schemathesis as a 500).
        ("/events", {"after": str(2**63)}, "after"),
        ("/companies/xiaomi/timeline", {"as_of_position": str(2**63)}, "as_of_position"),
        ("/companies/xiaomi/timeline", {"cursor": encode_cursor([None, 2**63])}, "cursor"),
    ]:
        answer = client.get(path, params=params)
        assert answer.status_code == 400, (path, params, answer.text)
        problem = answer.json()
        assert problem["status"] == 400 and problem["title"] == "Bad Request"
        assert [p["name"] for p in problem["invalid_params"]] == [name]


def test_a_last_event_id_past_any_position_is_a_problem(make_client: MakeClient) -> None:
    answer = make_client().get("/events/stream", headers={"Last-Event-ID": str(2**63)})
    assert answer.status_code == 400
    assert [p["name"] for p in answer.json()["invalid_params"]] == ["Last-Event-ID"]


def test_unknown_company_suggests_close_names(make_client: MakeClient) -> None:
    answer = make_client().get("/companies/Xioami/timeline")
    assert answer.status_code == 404
    assert "xiaomi" in [s["slug"] for s in answer.json()["suggestions"]]


def test_probes_metrics_and_docs(make_client: MakeClient) -> None:
    client = make_client()
    assert client.get("/health").json() == {"status": "ok"}
    sources = {"ok": True, "count": 0, "paused": 0, "unhealthy": []}
    ready = {"status": "ready", "head": 11, "lag": 0, "sources": sources}
    assert client.get("/ready").json() == ready
    client.get("/companies/xiaomi")
    metrics = client.get("/metrics").text
    assert 'timeline_http_requests_total{method="GET",route="/companies/{slug}"' in metrics
    assert 'timeline_projection_lag_events{projection="company_timeline"} 0.0' in metrics
    page = client.get("/schema")
    assert page.status_code == 200 and "https://" not in page.text.split("<script>")[0]
    assert client.get("/schema/assets/swagger-ui-bundle.js").status_code == 200
    schema = client.get("/schema/openapi.json").json()
    assert "/companies/{slug}/timeline" in schema["paths"]
    assert TOKEN not in client.get("/schema/openapi.json").text
