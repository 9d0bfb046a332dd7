"""`/activity`: what moved lately, newest first, for the front page."""

from __future__ import annotations

from litestar import Litestar
from litestar.testing import TestClient

Client = TestClient[Litestar]

NOKIA = "Xiaomi signed a partnership with Nokia to share patents, the companies said."


def test_the_newest_companies_and_deals_come_first(client: Client) -> None:
    first = client.get("/activity", params={"limit": 3})
    assert first.status_code == 200, first.text
    assert len(first.json()["companies"]) == 3
    assert len(first.json()["deals"]) == 3
    answer = client.post(
        "/articles",
        json={"title": "Xiaomi and Nokia", "text": NOKIA, "published": "2018-07-05"},
        headers={"Authorization": "Bearer test-token"},
    )
    assert answer.status_code == 201, answer.text
    after = client.get("/activity", params={"limit": 3}).json()
    assert {c["slug"] for c in after["companies"][:2]} == {"xiaomi", "nokia"}
    newest = after["deals"][0]
    assert {c["slug"] for c in newest["companies"]} == {"xiaomi", "nokia"}
    assert newest["status"] == "confirmed"


def test_a_bad_limit_is_a_problem_naming_it(client: Client) -> None:
    answer = client.get("/activity", params={"limit": 0})
    assert answer.status_code == 400
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert "limit" in answer.text
