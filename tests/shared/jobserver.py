"""A small HTTP server on 127.0.0.1 that the tests script: routes to answers or behaviours."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

__all__ = ["ARTICLES", "Page", "Server", "article_html", "serve"]

# Three short articles, one deal each, that sources serve in the tests.
ARTICLES = [
    (
        "Tencent weighs stake in Xiaomi",
        "Tencent is planning to invest in Xiaomi, according to people familiar with the"
        " matter, Bloomberg reported on Monday.\n\nThe talks are at an early stage.",
    ),
    (
        "Xiaomi denies Alibaba tie-up",
        "Xiaomi said reports that it would tie up with Alibaba were all just rumors.\n\n"
        "The company declined to say more.",
    ),
    (
        "ZTE partners with Orange",
        "ZTE and Orange signed a partnership agreement to distribute smartphones in"
        " Europe.\n\nThe deal covers five countries.",
    ),
]


Behaviour = Callable[[BaseHTTPRequestHandler], None]


class Page:
    """A fixed answer; with `etag`, a matching If-None-Match gets a 304."""

    def __init__(
        self,
        body: bytes | str,
        content_type: str = "text/html; charset=utf-8",
        *,
        etag: str | None = None,
        delay: float = 0.0,
    ) -> None:
        self.body = body.encode() if isinstance(body, str) else body
        self.content_type = content_type
        self.etag = etag
        self.delay = delay

    def __call__(self, handler: BaseHTTPRequestHandler) -> None:
        if self.delay:
            time.sleep(self.delay)
        if self.etag and handler.headers.get("If-None-Match") == self.etag:
            handler.send_response(304)
            handler.send_header("ETag", self.etag)
            handler.end_headers()
            return
        handler.send_response(200)
        handler.send_header("Content-Type", self.content_type)
        handler.send_header("Content-Length", str(len(self.body)))
        if self.etag:
            handler.send_header("ETag", self.etag)
        handler.end_headers()
        handler.wfile.write(self.body)


class Server:
    def __init__(self, httpd: ThreadingHTTPServer) -> None:
        self.httpd = httpd
        self.routes: dict[str, Behaviour] = {}
        self.hits: list[tuple[str, str | None]] = []  # path, If-None-Match
        self.stop = threading.Event()  # set at teardown: endless answers end

    def url(self, path: str) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}{path}"


def serve() -> Iterator[Server]:
    """A fixture body: the server runs in a thread until the test ends."""
    server: Server

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            server.hits.append((self.path, self.headers.get("If-None-Match")))
            behaviour = server.routes.get(self.path)
            if behaviour is None:
                self.send_error(404)
                return
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                behaviour(self)

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    server = Server(httpd)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stop.set()
        httpd.shutdown()
        httpd.server_close()


def article_html(title: str, body: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (
        f"<!doctype html><html lang='en'><head><title>{title}</title></head><body>"
        f"<nav>Home | World | Business</nav><article><h1>{title}</h1>{paragraphs}</article>"
        "<footer>Copyright</footer></body></html>"
    )
