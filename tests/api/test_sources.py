"""/sources end to end: a feed served on 127.0.0.1 added, run, paused, removed through the
API; its articles in the timelines; errors, tokens; health in /ready and /metrics; the
scheduler embedded in the app."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import pytest
from apiclient import MakeClient, auth
from jobserver import Page, Server, article_html, serve
from litestar import Litestar
from litestar.testing import TestClient

from timeline.jobs import HttpFetcher, Limits

Client = TestClient[Litestar]
MakeApi = Callable[..., Client]

TITLE = "Lenovo may buy BlackBerry"
BODY = (
    "Lenovo plans to acquire BlackBerry, according to Reuters, which cited people familiar"
    " with the matter.\n\nThe talks are at an early stage."
)


@pytest.fixture
def server() -> Iterator[Server]:
    yield from serve()


@pytest.fixture
def fetcher() -> Iterator[HttpFetcher]:
    """Fetches without a pause per host: the server is ours."""
    http = HttpFetcher(Limits(timeout=2.0, per_host_interval=0.0))
    yield http
    http.close()


@pytest.fixture
def make_api(make_client: MakeClient, fetcher: HttpFetcher) -> MakeApi:
    def make(schedule: bool = False, follow: bool = False, **settings: object) -> Client:
        options = {"schedule": schedule, "follow": follow, "fetcher": fetcher}
        return make_client(options=options, **settings)

    return make


@pytest.fixture
def api(make_api: MakeApi) -> Client:
    return make_api()


def a_feed(server: Server) -> str:
    """A feed of one entry whose page holds the Lenovo article; its URL."""
    link = server.url("/a/lenovo")
    server.routes["/a/lenovo"] = Page(article_html(TITLE, BODY))
    server.routes["/feed.xml"] = Page(
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>Deal News</title><link>{server.url('/')}</link><description>news</description>"
        f"<item><title>{TITLE}</title><link>{link}</link><guid>{link}</guid>"
        "<pubDate>Mon, 01 Sep 2025 10:00:00 GMT</pubDate></item></channel></rss>",
        "application/rss+xml",
    )
    return server.url("/feed.xml")


def test_a_feed_added_and_run_through_the_api_reaches_the_timelines(
    api: Client, server: Server
) -> None:
    assert api.get("/companies/blackberry/timeline").json().get("events", []) == []
    added = api.post("/sources", json={"id": "news", "feed": a_feed(server)}, headers=auth())
    assert added.status_code == 201, added.text
    assert added.headers["location"] == "/sources/news"
    source = added.json()
    assert (source["kind"], source["status"], source["schedule"]) == (
        "feed",
        "active",
        "every 900s",
    )
    assert [s["id"] for s in api.get("/sources").json()["sources"]] == ["news"]
    again = api.post(
        "/sources", json={"id": "news", "feed": a_feed(server), "every": "1h"}, headers=auth()
    )
    assert (again.status_code, again.json()["schedule"]) == (200, "every 3600s")

    ran = api.post("/sources/news/runs", headers=auth())
    assert ran.status_code == 201, ran.text
    run = ran.json()
    assert (run["ok"], run["new"], run["trigger"], run["errors"]) == (True, 1, "manual", [])
    events = api.get("/companies/blackberry/timeline").json()["events"]
    assert [e["type"] for e in events] == ["rumor"]
    [history] = api.get("/sources/news/runs").json()["runs"]
    assert history["run_id"] == run["run_id"] and history["finished_at"] is not None
    shown = api.get("/sources/news").json()
    assert (shown["runs"], shown["articles"], shown["healthy"]) == (1, 1, True)

    assert api.post("/sources/news/pause", headers=auth()).json()["status"] == "paused"
    assert api.get("/sources/news").json()["paused"] is True
    assert api.post("/sources/news/resume", headers=auth()).json()["status"] == "active"
    assert api.delete("/sources/news", headers=auth()).status_code == 204
    assert api.get("/sources/news").status_code == 404
    assert api.get("/sources").json()["sources"] == []
    # The history stays: runs are events in the log.
    assert len(api.get("/sources/news/runs").json()["runs"]) == 1


def test_writes_need_the_token_reads_do_not(make_api: MakeApi, server: Server) -> None:
    api = make_api()
    body = {"feed": a_feed(server)}
    assert api.post("/sources", json=body).status_code == 401
    assert (
        api.post("/sources", json=body, headers={"Authorization": "Bearer no"}).status_code == 401
    )
    assert api.post("/sources/x/runs").status_code == 401
    assert api.delete("/sources/x").status_code == 401
    assert api.get("/sources").status_code == 200
    closed = make_api(api_token=None)
    refused = closed.post("/sources", json=body, headers=auth())
    assert refused.status_code == 403
    assert refused.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"feed": "ftp://example.com/rss"}, "feed"),
        ({"page": "https://example.com/", "cron": "every day"}, "cron"),
        ({"page": "https://example.com/", "every": "soon"}, "every"),
        ({"page": "https://example.com/", "every": "0.1s"}, "every"),
        ({"folder": "/no/such/folder"}, "folder"),
        ({"page": "https://example.com/", "id": "Not An Id"}, "id"),
        ({"feed": "https://example.com/rss", "page": "https://example.com/"}, "feed"),
    ],
)
def test_a_bad_source_is_a_400_naming_the_field(
    api: Client, body: dict[str, str], field: str
) -> None:
    answer = api.post("/sources", json=body, headers=auth())
    assert answer.status_code == 400, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert [p["name"] for p in answer.json()["invalid_params"]] == [field]
    assert api.get("/sources").json()["sources"] == []


def test_an_unknown_field_is_a_400_naming_it(api: Client) -> None:
    body = {"page": "https://example.com/", "color": "red"}
    answer = api.post("/sources", json=body, headers=auth())
    assert answer.status_code == 400
    assert "color" in answer.json()["detail"]


def test_an_unknown_source_is_a_404_problem(api: Client) -> None:
    for method, path in [
        ("GET", "/sources/nope"),
        ("GET", "/sources/nope/runs"),
        ("POST", "/sources/nope/runs"),
        ("POST", "/sources/nope/pause"),
        ("POST", "/sources/nope/resume"),
        ("DELETE", "/sources/nope"),
    ]:
        answer = api.request(method, path, headers=auth())
        assert answer.status_code == 404, (method, path, answer.text)
        assert answer.json()["detail"] == "no source 'nope'"


def test_ready_and_metrics_show_an_unhealthy_source(api: Client, server: Server) -> None:
    gone = server.url("/gone")  # the server answers 404: every run fails
    assert (
        api.post("/sources", json={"id": "gone", "page": gone}, headers=auth()).status_code == 201
    )
    for _ in range(3):
        assert api.post("/sources/gone/runs", headers=auth()).json()["ok"] is False
    shown = api.get("/sources/gone").json()
    assert (shown["status"], shown["failures"], shown["healthy"]) == ("unhealthy", 3, False)
    assert "404" in shown["last_error"]
    ready = api.get("/ready")
    assert ready.status_code == 200  # a dead feed does not take the API out of service
    sources = ready.json()["sources"]
    assert sources == {"ok": False, "count": 1, "paused": 0, "unhealthy": ["gone"]}
    metrics = api.get("/metrics").text
    assert 'timeline_sources{state="unhealthy"} 1.0' in metrics
    assert 'timeline_source_unhealthy{source="gone"} 1.0' in metrics
    api.post("/sources/gone/pause", headers=auth())
    assert api.get("/ready").json()["sources"]["unhealthy"] == []
    metrics = api.get("/metrics").text
    assert 'timeline_sources{state="paused"} 1.0' in metrics
    assert "timeline_source_unhealthy{" not in metrics


def test_the_app_runs_the_scheduler_and_stops_it_on_shutdown(
    make_api: MakeApi, server: Server
) -> None:
    api = make_api(schedule=True, follow=True)  # as `timeline serve` builds it
    added = api.post(
        "/sources", json={"id": "news", "feed": a_feed(server), "every": "1s"}, headers=auth()
    )
    assert added.status_code == 201
    deadline = time.monotonic() + 30
    while not api.get("/sources/news/runs").json()["runs"]:
        assert time.monotonic() < deadline, "the embedded scheduler never ran the source"
        time.sleep(0.2)
    [run, *_] = api.get("/sources/news/runs").json()["runs"]
    assert run["trigger"] == "schedule"
    started = time.monotonic()
    api.__exit__(None, None, None)
    assert time.monotonic() - started < 6
