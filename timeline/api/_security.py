"""Bearer tokens for writes (and reads, when private), CORS and the write rate limit."""

from __future__ import annotations

import hmac
from typing import Any

from litestar.config.cors import CORSConfig
from litestar.connection import ASGIConnection
from litestar.handlers import BaseRouteHandler
from litestar.middleware.rate_limit import RateLimitConfig
from litestar.types import Guard

from timeline.api._problems import ProblemError
from timeline.settings import Settings

__all__ = ["OPEN", "WRITE", "access_guard", "cors_config", "rate_limit_config"]

_SAFE = frozenset({"GET", "HEAD", "OPTIONS"})

# Handler options: `opt=WRITE` on a write or admin handler, `opt=OPEN` on a probe.
WRITE = {"access": "write"}
OPEN = {"access": "open"}


def _token_guard(token: str | None, what: str) -> Guard:
    def guard(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
        if token is None:
            raise ProblemError(
                403, f"{what} are disabled: the server has no TIMELINE_API_TOKEN set"
            )
        given = connection.headers.get("authorization", "")
        scheme, _sep, value = given.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(
            value.strip().encode(), token.encode()
        ):
            reason = "a bearer token is needed" if not given else "the bearer token is wrong"
            raise ProblemError(
                401, f"{what}: {reason}", headers={"WWW-Authenticate": 'Bearer realm="timeline"'}
            )

    return guard


def access_guard(settings: Settings) -> Guard:
    """One guard for every handler, by its `access` opt: "write" needs the token, "read" (the
    default) needs it when reads are private, "open" never does."""
    writes = _token_guard(settings.api_token, "write and admin endpoints")
    reads = _token_guard(settings.api_token, "reads (private on this server)")

    def guard(connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler) -> None:
        access = handler.opt.get("access", "read")
        if access == "write" and settings.read_only:
            raise ProblemError(
                403, "this server is a read-only replica: send writes to the primary's API"
            )
        if access == "write":
            writes(connection, handler)
        elif access == "read" and settings.api_private_reads:
            reads(connection, handler)

    return guard


def cors_config(settings: Settings) -> CORSConfig | None:
    if not settings.api_cors_origins:
        return None
    return CORSConfig(
        allow_origins=list(settings.api_cors_origins),
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=["Authorization", "Content-Type", "Last-Event-ID"],
        expose_headers=["Location", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"],
    )


def _is_write(request: Any) -> bool:
    return str(request.method) not in _SAFE


def rate_limit_config(settings: Settings) -> RateLimitConfig | None:
    """Writes per minute per client address; reads are not limited."""
    if settings.api_write_rate <= 0:
        return None
    return RateLimitConfig(
        rate_limit=("minute", settings.api_write_rate),
        check_throttle_handler=_is_write,
    )
