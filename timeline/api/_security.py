"""Bearer tokens for writes (and reads, when private), CORS and the write rate limit."""

from __future__ import annotations

import hmac
from typing import Any

from litestar.config.cors import CORSConfig
from litestar.connection import ASGIConnection
from litestar.datastructures import State
from litestar.handlers import BaseRouteHandler
from litestar.middleware.rate_limit import RateLimitConfig
from litestar.types import Guard

from timeline.api._problems import ProblemError
from timeline.settings import Settings

__all__ = [
    "OPEN",
    "WRITE",
    "access_state",
    "cors_config",
    "rate_limit_config",
    "read_guards",
]

_SAFE = frozenset({"GET", "HEAD", "OPTIONS"})

# Handler options: `opt=OPEN` on a probe (never guarded); a write or admin handler takes
# `**WRITE`, defined below its guard.
OPEN = {"access": "open"}


_SETTINGS = "timeline_settings"


def access_state(settings: Settings) -> State:
    """The app's state, where the write guard finds the settings of the app it guards."""
    return State({_SETTINGS: settings})


# Guards are async, as every check here is: Litestar runs a sync guard in a worker thread.
async def _write_guard(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    """On each write and admin handler (see `WRITE`): the token, on a primary."""
    settings: Settings = connection.app.state[_SETTINGS]
    if settings.read_only:
        raise ProblemError(
            403, "this server is a read-only replica: send writes to the primary's API"
        )
    _check_token(connection, settings.api_token, "write and admin endpoints")


# What every write or admin handler declares: the bearer token in its docs, its kind for the
# app-level guard (which leaves it alone) and its own guard.
WRITE: dict[str, Any] = {
    "security": [{"bearer": []}],
    "opt": {"access": "write"},
    "guards": [_write_guard],
}


def read_guards(settings: Settings) -> list[Guard]:
    """The app's guards: the token on reads when they are private, else none.

    Litestar copies the handler for every guard it runs, which would cost an open read as
    much as the rest of its request path: so open reads run no guard at all.
    """
    if not settings.api_private_reads:
        return []

    async def guard(
        connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler
    ) -> None:
        if handler.opt.get("access", "read") == "read":
            _check_token(connection, settings.api_token, "reads (private on this server)")

    return [guard]


def _check_token(
    connection: ASGIConnection[Any, Any, Any, Any], token: str | None, what: str
) -> None:
    if token is None:
        raise ProblemError(403, f"{what} are disabled: the server has no TIMELINE_API_TOKEN set")
    given = connection.headers.get("authorization", "")
    scheme, _sep, value = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        value.strip().encode(), token.encode()
    ):
        reason = "a bearer token is needed" if not given else "the bearer token is wrong"
        raise ProblemError(
            401, f"{what}: {reason}", headers={"WWW-Authenticate": 'Bearer realm="timeline"'}
        )


def cors_config(settings: Settings) -> CORSConfig | None:
    if not settings.api_cors_origins:
        return None
    return CORSConfig(
        allow_origins=list(settings.api_cors_origins),
        allow_methods=["GET", "POST", "OPTIONS"],
        allow_headers=["Authorization", "Content-Type", "Last-Event-ID"],
        expose_headers=["Location", "RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset"],
    )


async def _is_write(request: Any) -> bool:  # async for the same reason as the guards
    return str(request.method) not in _SAFE


def rate_limit_config(settings: Settings) -> RateLimitConfig | None:
    """Writes per minute per client address; reads are not limited."""
    if settings.api_write_rate <= 0:
        return None
    return RateLimitConfig(
        rate_limit=("minute", settings.api_write_rate),
        check_throttle_handler=_is_write,
    )
