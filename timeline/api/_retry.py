"""Reads cut off by a lost database connection are answered again, once, on a new one."""

from __future__ import annotations

from typing import Any

from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["RETRY_HEADER", "retry_reads"]

# Set by the error handler on a 503 for a connection lost mid-request (a database restart,
# a failover, pg_terminate_backend): the pool has dropped it, so a second try gets a new one.
RETRY_HEADER = "x-timeline-retry"
_MARK = RETRY_HEADER.encode()
_IDEMPOTENT = frozenset({"GET", "HEAD"})


def retry_reads(app: ASGIApp) -> ASGIApp:
    """Middleware: a GET whose answer is such a 503 is run once more; the mark never leaves."""

    async def retried(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP or scope.get("method") not in _IDEMPOTENT:
            await app(scope, receive, send)
            return
        dropped = False

        async def first(message: Message) -> None:
            nonlocal dropped
            if message["type"] == "http.response.start" and _marked(message):
                dropped = True
            if not dropped:
                await send(message)

        await app(scope, receive, first)
        if dropped:
            await app(scope, receive, _unmarked(send))

    return retried


def _marked(message: Message) -> bool:
    headers: Any = message.get("headers", [])
    return any(name.lower() == _MARK for name, _ in headers)


def _unmarked(send: Send) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            given: Any = message.get("headers", [])
            message = {**message, "headers": [(k, v) for k, v in given if k.lower() != _MARK]}
        await send(message)

    return sending
