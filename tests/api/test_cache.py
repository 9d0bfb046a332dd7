"""The response cache: repeated reads are answered from it, and never outlive the data."""

from __future__ import annotations

import asyncio
import re
import uuid

from apiclient import MakeClient, auth
from litestar import Litestar
from litestar.testing import TestClient

from timeline.api._cache import BoundedStore
from timeline.bootstrap import bootstrap
from timeline.services import retract
from timeline.settings import Settings

Client = TestClient[Litestar]
ARTICLE = (
    "Lenovo may buy BlackBerry\n\n"
    "Lenovo plans to acquire BlackBerry, according to Reuters, which cited people familiar"
    " with the matter."
)


def hits(client: Client, route: str) -> float:
    text = client.get("/metrics").text
    pattern = rf'^timeline_http_cache_hits_total\{{route="{re.escape(route)}"\}} (\S+)$'
    found = re.search(pattern, text, re.MULTILINE)
    return float(found.group(1)) if found else 0.0


def test_a_repeated_read_is_answered_from_the_cache(make_client: MakeClient) -> None:
    client = make_client(api_cache_mb=64)
    route = "/companies/{slug}/timeline"
    first = client.get("/companies/xiaomi/timeline", params={"type": "rumor"})
    assert hits(client, route) == 0
    second = client.get("/companies/xiaomi/timeline", params={"type": "rumor"})
    assert second.status_code == 200 and second.content == first.content
    assert second.headers["content-type"] == first.headers["content-type"]
    assert hits(client, route) == 1
    other = client.get("/companies/xiaomi/timeline", params={"type": "denial"})
    assert other.json() != first.json() and hits(client, route) == 1
    # Unknown companies are not kept: errors are made afresh each time.
    assert client.get("/companies/nonesuch/timeline").status_code == 404
    assert client.get("/companies/nonesuch/timeline").status_code == 404
    assert hits(client, route) == 1


def test_a_write_through_the_api_is_seen_at_once(make_client: MakeClient) -> None:
    client = make_client(api_cache_mb=64)
    assert client.get("/companies/blackberry/timeline").json()["events"] == []
    assert client.get("/companies/blackberry/timeline").json()["events"] == []
    made = client.post(
        "/articles", content=ARTICLE.encode(), headers={**auth(), "Content-Type": "text/plain"}
    )
    assert made.status_code == 201, made.text
    events = client.get("/companies/blackberry/timeline").json()["events"]
    assert [(e["type"], e["deal_kind"]) for e in events] == [("rumor", "acquisition")]


def test_a_write_by_another_process_is_seen_too(make_client: MakeClient, database_url: str) -> None:
    """Another App on the same database stands for another process: the cache reads where
    the data stands on each request, so it cannot serve what that process changed."""
    client = make_client(api_cache_mb=64)
    before = client.get("/companies/xiaomi/timeline").json()["events"]
    assert client.get("/companies/xiaomi/timeline").json()["events"] == before
    target = before[-1]["event_id"]
    other = bootstrap(Settings(database_url=database_url), migrate=False)
    try:
        retract(other.store, uuid.UUID(target), reason="misread", by="ann")
        other.refresh()  # its read models follow, as its API or worker would make them
    finally:
        other.close()
    after = client.get("/companies/xiaomi/timeline").json()["events"]
    assert [e["event_id"] for e in after] == [e["event_id"] for e in before[:-1]]
    assert client.get(f"/events?after={0}&limit=1000").json()["events"][-1]["type"] == (
        "EventRetracted"
    )


def test_with_no_cache_memory_nothing_is_kept(make_client: MakeClient) -> None:
    client = make_client(api_cache_mb=0)
    first = client.get("/companies/xiaomi/timeline")
    assert client.get("/companies/xiaomi/timeline").content == first.content
    assert hits(client, "/companies/{slug}/timeline") == 0


def test_by_default_the_cache_is_on_for_sqlite_only(
    make_client: MakeClient, database_url: str
) -> None:
    client = make_client()
    for _ in range(2):
        assert client.get("/companies/xiaomi/timeline").status_code == 200
    on = database_url.startswith("sqlite")
    assert hits(client, "/companies/{slug}/timeline") == (1 if on else 0)


def test_the_store_keeps_the_most_recently_used_answers_within_its_bytes() -> None:
    async def scenario() -> None:
        store = BoundedStore(max_bytes=10)
        await store.set("a", b"1234")
        await store.set("b", b"5678")
        assert await store.get("a") == b"1234"  # now the most recently used
        await store.set("c", b"90ab")  # over 10 bytes: the least recently used goes
        assert await store.get("b") is None
        assert await store.get("a") == b"1234" and await store.get("c") == b"90ab"
        await store.set("a", b"12")  # replacing counts the new size only
        await store.set("d", b"cdef")
        assert await store.exists("a") and await store.exists("c") and await store.exists("d")
        await store.set("huge", b"x" * 11)  # larger than the whole store: never kept
        assert not await store.exists("huge") and await store.exists("d")
        await store.delete_all()
        assert not await store.exists("a") and await store.expires_in("a") is None

    asyncio.run(scenario())
