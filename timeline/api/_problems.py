"""RFC 9457 problem details: every 4xx and 5xx answer, and how handlers raise them."""

from __future__ import annotations

import http
import logging
from collections.abc import Mapping
from typing import Any

import msgspec
import sqlalchemy as sa
from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.openapi import ResponseSpec
from litestar.types import ExceptionHandlersMap

from timeline.api._retry import RETRY_HEADER

__all__ = [
    "PROBLEM_JSON",
    "InvalidParam",
    "Problem",
    "ProblemError",
    "Suggestion",
    "bad_param",
    "exception_handlers",
    "problems",
]

PROBLEM_JSON = "application/problem+json"
_log = logging.getLogger("timeline.api")


class InvalidParam(msgspec.Struct, frozen=True, kw_only=True):
    """One bad input: its name (a query or path parameter, a header or a body field)."""

    name: str
    reason: str
    source: str | None = None


class Suggestion(msgspec.Struct, frozen=True, kw_only=True):
    slug: str
    name: str


class Problem(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """What went wrong, as RFC 9457 says; `invalid_params` and `suggestions` extend it."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str | None = None
    instance: str | None = None
    invalid_params: list[InvalidParam] = []
    suggestions: list[Suggestion] = []


class ProblemError(Exception):
    """Raised by a handler: answered as a problem with this status."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        invalid_params: list[InvalidParam] | None = None,
        suggestions: list[Suggestion] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.invalid_params = invalid_params or []
        self.suggestions = suggestions or []
        self.headers = dict(headers or {})


def bad_param(name: str, reason: str, source: str = "query") -> ProblemError:
    """A 400 naming the parameter."""
    return ProblemError(
        400,
        f"{name}: {reason}",
        invalid_params=[InvalidParam(name=name, reason=reason, source=source)],
    )


def _title(status: int) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def _answer(
    request: Request[Any, Any, Any],
    status: int,
    detail: str | None,
    headers: Mapping[str, str] | None = None,
    **extra: Any,
) -> Response[Problem]:
    problem = Problem(
        title=_title(status), status=status, detail=detail, instance=request.url.path, **extra
    )
    return Response(problem, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def _from_problem(request: Request[Any, Any, Any], error: ProblemError) -> Response[Problem]:
    return _answer(
        request,
        error.status,
        error.detail,
        error.headers,
        invalid_params=error.invalid_params,
        suggestions=error.suggestions,
    )


def _from_validation(
    request: Request[Any, Any, Any], error: ValidationException
) -> Response[Problem]:
    found = error.extra if isinstance(error.extra, list) else []
    params = [
        InvalidParam(
            name=str(item.get("key") or "body"),
            reason=str(item.get("message") or "invalid"),
            source=str(getattr(item["source"], "value", item["source"]))
            if item.get("source")
            else None,
        )
        for item in found
        if isinstance(item, dict)
    ]
    detail = "; ".join(f"{p.name}: {p.reason}" for p in params) or error.detail
    return _answer(request, 400, detail, invalid_params=params)


def _from_http(request: Request[Any, Any, Any], error: HTTPException) -> Response[Problem]:
    headers = dict(error.headers or {})
    detail = error.detail if error.detail != _title(error.status_code) else None
    return _answer(request, error.status_code, detail, headers)


def _from_crash(request: Request[Any, Any, Any], error: Exception) -> Response[Problem]:
    if isinstance(error, sa.exc.DBAPIError) and error.connection_invalidated:
        # The connection was cut under the request; reads are tried again (`_retry`).
        _log.warning("database connection lost on %s %s", request.method, request.url.path)
        return _answer(
            request,
            503,
            "the database connection was lost; try again",
            headers={"Retry-After": "1", RETRY_HEADER: "1"},
        )
    _log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=error)
    return _answer(request, 500, "the server failed to answer; the error is logged")


def exception_handlers() -> ExceptionHandlersMap:
    return {
        ProblemError: _from_problem,
        ValidationException: _from_validation,
        HTTPException: _from_http,
        Exception: _from_crash,
    }


_DESCRIPTIONS = {
    400: "A parameter or body field is invalid; `invalid_params` names it.",
    401: "A bearer token is needed and was not given, or is wrong.",
    403: "This endpoint is disabled: no API token is configured.",
    404: "Not found; an unknown company comes with close `suggestions`.",
    409: "The request conflicts with the log's state.",
    413: "The body is over the size limit.",
    415: "The body's content type is not accepted here.",
    422: "The body is well formed but cannot be used (an article with no text, ...).",
    429: "Too many writes from this client; retry later.",
    503: "Not ready: the database is unreachable or the read models lag behind.",
}


def problems(*codes: int) -> dict[int, ResponseSpec]:
    """OpenAPI entries for the problems a handler can answer with (500 always)."""
    return {
        code: ResponseSpec(
            data_container=Problem,
            description=_DESCRIPTIONS.get(code, _title(code)),
            media_type=PROBLEM_JSON,
            generate_examples=False,
        )
        for code in (*codes, 500)
    }
