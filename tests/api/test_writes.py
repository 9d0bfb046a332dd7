"""Writes end to end: ingest, retract, record by hand, replay; each shows in the reads."""

from __future__ import annotations

from apiclient import auth
from litestar import Litestar
from litestar.testing import TestClient

Client = TestClient[Litestar]

ARTICLE = (
    "Lenovo may buy BlackBerry\n\n"
    "Lenovo plans to acquire BlackBerry, according to Reuters, which cited people familiar"
    " with the matter."
)


def blackberry(client: Client) -> list[dict[str, object]]:
    answer = client.get("/companies/blackberry/timeline")
    events: list[dict[str, object]] = answer.json().get("events", [])
    return events


def test_ingest_plain_text_then_its_duplicate(client: Client) -> None:
    assert blackberry(client) == []
    params = {"published": "2013-10", "publisher": "Example News"}
    made = client.post(
        "/articles",
        content=ARTICLE.encode(),
        params=params,
        headers={**auth(), "Content-Type": "text/plain"},
    )
    assert made.status_code == 201, made.text
    body = made.json()
    assert body["outcome"] == "new" and body["article"]["published"] == "2013-10"
    assert [e["type"] for e in body["article"]["events"]] == ["rumor"]
    assert made.headers["location"] == f"/articles/{body['article']['article_id']}"
    # The read models follow the append before the answer.
    assert [(e["type"], e["deal_kind"]) for e in blackberry(client)] == [("rumor", "acquisition")]
    again = client.post(
        "/articles",
        content=ARTICLE.encode(),
        params=params,
        headers={**auth(), "Content-Type": "text/plain"},
    )
    assert again.status_code == 200 and again.json()["outcome"] == "duplicate"
    assert again.json()["article"] == body["article"]


def test_ingest_json_and_html(client: Client) -> None:
    made = client.post(
        "/articles",
        json={"title": "Lenovo may buy BlackBerry", "text": ARTICLE.split("\n\n")[1]},
        headers=auth(),
    )
    assert made.status_code == 201 and made.json()["article"]["events"]
    html = f"<html><body><h1>Deal talk</h1><p>{ARTICLE.split(chr(10))[2]}</p></body></html>"
    page = client.post(
        "/articles",
        content=html.replace("Lenovo", "Huawei").encode(),
        params={"url": "https://example.com/huawei-blackberry"},
        headers={**auth(), "Content-Type": "text/html; charset=utf-8"},
    )
    assert page.status_code == 201, page.text
    assert page.json()["article"]["url"] == "https://example.com/huawei-blackberry"


def test_bad_article_bodies(client: Client) -> None:
    field = client.post("/articles", json={"text": "x", "title": 3}, headers=auth())
    assert field.status_code == 400
    assert field.json()["invalid_params"][0]["name"] == "title"
    empty = client.post(
        "/articles", content=b"   ", headers={**auth(), "Content-Type": "text/plain"}
    )
    assert empty.status_code == 422 and "rejected" in empty.json()["detail"]
    xml = client.post(
        "/articles", content=b"<a/>", headers={**auth(), "Content-Type": "application/xml"}
    )
    assert xml.status_code == 415
    assert xml.headers["content-type"] == "application/problem+json"


def test_retract_then_read_as_of_before(client: Client) -> None:
    events = client.get("/companies/xiaomi/timeline").json()["events"]
    target = events[-1]["event_id"]
    done = client.post(
        f"/events/{target}/retractions", json={"reason": "misread", "by": "ann"}, headers=auth()
    )
    assert done.status_code == 201, done.text
    position = done.json()["position"]
    now = client.get("/companies/xiaomi/timeline").json()["events"]
    assert target not in [e["event_id"] for e in now] and len(now) == 5
    before = client.get("/companies/xiaomi/timeline", params={"as_of_position": position - 1})
    assert target in [e["event_id"] for e in before.json()["events"]]
    twice = client.post(f"/events/{target}/retractions", json={"reason": "again"}, headers=auth())
    assert twice.status_code == 409
    missing = client.post(
        "/events/00000000-0000-0000-0000-000000000000/retractions",
        json={"reason": "x"},
        headers=auth(),
    )
    assert missing.status_code == 404


def test_record_by_hand(client: Client) -> None:
    made = client.post(
        "/events",
        json={
            "type": "partnership",
            "deal_kind": "investment",
            "companies": ["Alibaba", "Xiaomi"],
            "evidence": "Alibaba invested in Xiaomi.",
            "reason": "known from a filing",
            "date": "2015-01",
        },
        headers=auth(),
    )
    assert made.status_code == 201, made.text
    last = client.get("/companies/xiaomi/timeline").json()["events"][-1]
    assert (last["type"], last["date"], last["event_id"]) == (
        "partnership",
        "2015-01",
        made.json()["event_id"],
    )
    unknown = client.post(
        "/events",
        json={
            "type": "rumor",
            "deal_kind": "merger",
            "companies": ["Nowhere Widgets Incorporated"],
            "evidence": "x",
            "reason": "y",
        },
        headers=auth(),
    )
    assert unknown.status_code == 422
    assert unknown.json()["invalid_params"][0]["name"] == "company"
    text = client.post("/events", content=b"{}", headers={**auth(), "Content-Type": "text/plain"})
    assert text.status_code == 415


def test_admin_projections_and_replay(client: Client) -> None:
    status = client.get("/admin/projections", headers=auth()).json()
    assert status["head"] == 11
    assert {p["name"] for p in status["projections"]} >= {"company_timeline", "article_index"}
    assert all(p["lag"] == 0 and p["version"] == p["code_version"] for p in status["projections"])
    before = client.get("/companies/xiaomi/timeline").json()
    replayed = client.post("/admin/replay", headers=auth())
    assert replayed.status_code == 200, replayed.text
    assert replayed.json()["position"] == 11
    assert client.get("/companies/xiaomi/timeline").json() == before
