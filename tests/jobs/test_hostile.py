"""Hostile sources give a recorded error and nothing else: no article, no crash, no hang."""

from __future__ import annotations

import time
from http.server import BaseHTTPRequestHandler

import pytest
from jobserver import Page, Server

from timeline.jobs import RunContext, SourceSpec, configure_source, run_source
from timeline.store import EventStore


def endless(server: Server) -> object:
    def behaviour(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        handler.wfile.write(b"<html><body><p>Never ")
        handler.wfile.flush()
        server.stop.wait(10)  # never finishes while the test runs

    return behaviour


def huge(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")  # no length: the limit bites while reading
    handler.end_headers()
    chunk = b"<p>" + b"x" * (1024 * 1024 - 3)
    for _ in range(50):
        handler.wfile.write(chunk)


def loop(handler: BaseHTTPRequestHandler) -> None:
    handler.send_response(302)
    handler.send_header("Location", "/loop")
    handler.end_headers()


def routes(server: Server) -> dict[str, object]:
    return {
        "not-xml": Page(b"\x89PNG\r\n\x1a\n not a feed at all {]", "application/rss+xml"),
        "50mb": huge,
        "endless": endless(server),
        "loop": loop,
        "latin1": Page(
            "Caf\u00e9 deal: Tencent invests in Xiaomi. ".encode("latin-1") * 40, "text/plain"
        ),
    }


@pytest.mark.parametrize(
    ("name", "kind", "expected"),
    [
        ("not-xml", "feed", "not an RSS or Atom feed"),
        ("50mb", "page", "too large"),
        ("endless", "page", "timed out"),
        ("loop", "page", "too many redirects"),
        ("latin1", "page", "cannot decode as utf-8"),
    ],
)
def test_hostile_source_is_a_recorded_failure(
    context: RunContext, store: EventStore, server: Server, name: str, kind: str, expected: str
) -> None:
    server.routes[f"/{name}" if name != "loop" else "/loop"] = routes(server)[name]  # type: ignore[assignment]
    configure_source(store, SourceSpec(id=name, kind=kind, location=server.url(f"/{name}")))  # type: ignore[arg-type]
    started = time.monotonic()
    finished = run_source(context, name, "manual")
    assert time.monotonic() - started < 5
    assert not finished.ok and len(finished.errors) == 1 and expected in finished.errors[0]
    assert [r.type for r in store.read_all()] == [
        "SourceConfigured",
        "SourceRunStarted",
        "SourceRunFinished",
    ]


def test_hostile_entries_of_a_good_feed_are_errors_beside_the_good_ones(
    context: RunContext, store: EventStore, server: Server
) -> None:
    items = "".join(
        f"<item><title>{n}</title><link>{server.url('/' + n)}</link></item>"
        for n in ("50mb", "endless", "loop", "latin1", "missing", "good")
    )
    server.routes["/feed"] = Page(
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>F</title>{items}</channel></rss>",
        "application/rss+xml",
    )
    for name, behaviour in routes(server).items():
        server.routes[f"/{name}"] = behaviour  # type: ignore[assignment]
    server.routes["/good"] = Page(
        "<html><body><article><h1>Good</h1><p>ZTE and Orange signed a partnership"
        " agreement to sell phones in Europe.</p></article></body></html>"
    )
    configure_source(store, SourceSpec(id="f", kind="feed", location=server.url("/feed")))
    finished = run_source(context, "f", "manual")
    assert finished.ok and finished.new == 1 and len(finished.errors) == 5
    assert len(store.read_all(0, 100, ["ArticleIngested"])) == 1
    # The failed entries are tried again next time; the good one is not fetched again.
    server.hits.clear()
    for name in ("50mb", "endless", "loop", "latin1"):
        server.routes[f"/{name}"] = Page("<p>gone</p>", "text/plain")
    again = run_source(context, "f", "manual")
    assert "/good" not in [path for path, _ in server.hits]
    assert again.new == 4
