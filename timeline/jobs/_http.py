"""Fetching URLs: the port, an httpx implementation that is polite and bounded, a fake."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from typing import Protocol
from urllib.parse import urlsplit

import httpx
import msgspec

__all__ = ["FetchError", "Fetched", "Fetcher", "HttpFetcher", "InMemoryFetcher", "Limits"]


class FetchError(Exception):
    """A URL gave nothing usable; the message says why in one line."""


class Fetched(msgspec.Struct, frozen=True, kw_only=True):
    """A server's answer; `not_modified` means the validators matched and `body` is empty."""

    url: str
    status: int = 200
    body: bytes = b""
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class Limits(msgspec.Struct, frozen=True, kw_only=True):
    """Bounds on one fetch, and the least time between two requests to one host."""

    timeout: float = 20.0
    max_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    per_host_interval: float = 1.0
    user_agent: str = "deal-timeline/0.1 (+https://example.invalid/deal-timeline)"


class Fetcher(Protocol):
    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Fetched:
        """The answer at `url` (following redirects); raises FetchError."""
        ...


class HttpFetcher:
    """httpx with a deadline per fetch, a size limit while reading, and a pause per host."""

    def __init__(
        self,
        limits: Limits | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.limits = limits or Limits()
        self._clock = clock
        self._sleep = sleep
        self._hosts: dict[str, float] = {}
        self._lock = threading.Lock()
        self._client = httpx.Client(
            follow_redirects=True,
            max_redirects=self.limits.max_redirects,
            timeout=httpx.Timeout(self.limits.timeout),
            headers={"User-Agent": self.limits.user_agent},
            transport=transport,
        )

    def close(self) -> None:
        self._client.close()

    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Fetched:
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        self._wait_turn(url)
        # httpx's timeout bounds each read; a server trickling bytes would evade it, hence
        # a deadline for the whole fetch too.
        deadline = self._clock() + self.limits.timeout
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                if response.status_code == 304:
                    return _answer(url, response, b"")
                if response.status_code >= 400:
                    raise FetchError(f"{url}: HTTP {response.status_code}")
                body = self._read(url, response, deadline)
                return _answer(url, response, body)
        except httpx.TooManyRedirects:
            raise FetchError(f"{url}: too many redirects") from None
        except httpx.TimeoutException:
            raise FetchError(f"{url}: timed out after {self.limits.timeout:g}s") from None
        except (httpx.HTTPError, httpx.InvalidURL) as error:
            raise FetchError(f"{url}: {type(error).__name__}: {error}") from None

    def _read(self, url: str, response: httpx.Response, deadline: float) -> bytes:
        limit = self.limits.max_bytes
        declared = response.headers.get("Content-Length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(f"{url}: too large: {int(declared):,} bytes over {limit:,}")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > limit:
                raise FetchError(f"{url}: too large: over the limit of {limit:,} bytes")
            if self._clock() > deadline:
                raise FetchError(f"{url}: timed out after {self.limits.timeout:g}s")
            chunks.append(chunk)
        return b"".join(chunks)

    def _wait_turn(self, url: str) -> None:
        """Sleep until this host's last request is `per_host_interval` ago; book the slot."""
        host = urlsplit(url).netloc.lower()
        with self._lock:
            now = self._clock()
            last = self._hosts.get(host)
            start = now if last is None else max(now, last + self.limits.per_host_interval)
            self._hosts[host] = start
        if start > now:
            self._sleep(start - now)


def _answer(url: str, response: httpx.Response, body: bytes) -> Fetched:
    return Fetched(
        url=str(response.url) or url,
        status=response.status_code,
        body=body,
        content_type=response.headers.get("Content-Type"),
        etag=response.headers.get("ETag"),
        last_modified=response.headers.get("Last-Modified"),
    )


class InMemoryFetcher:
    """Answers from a table of URLs (a Fetched, or an exception to raise); records requests.

    Honours validators like a server would: a matching ETag or Last-Modified gives a 304.
    """

    def __init__(self, pages: Mapping[str, Fetched | Exception] | None = None) -> None:
        self.pages: dict[str, Fetched | Exception] = dict(pages or {})
        self.requests: list[tuple[str, str | None, str | None]] = []

    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Fetched:
        self.requests.append((url, etag, last_modified))
        page = self.pages.get(url)
        if page is None:
            raise FetchError(f"{url}: HTTP 404")
        if isinstance(page, Exception):
            raise page
        if (etag and etag == page.etag) or (last_modified and last_modified == page.last_modified):
            return Fetched(url=url, status=304, etag=page.etag, last_modified=page.last_modified)
        return page
