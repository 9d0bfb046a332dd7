"""/sources: folders, feeds and pages read on a schedule; their changes and runs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

from litestar import Response, delete, get, post
from litestar.di import NamedDependency
from litestar.params import JSONBody, PathParameter, QueryParameter, SkipValidation

from timeline.api._context import Context
from timeline.api._docs import json_only
from timeline.api._problems import InvalidParam, ProblemError, problems
from timeline.api._security import WRITE
from timeline.api._wire_sources import RunList, RunOut, SourceIn, SourceList, SourceOut
from timeline.jobs import (
    BadSource,
    Kind,
    NoSuchSource,
    SourceSpec,
    SourceView,
    configure_source,
    default_id,
    list_sources,
    parse_interval,
    pause_source,
    remove_source,
    resume_source,
    run_history,
    run_source,
)

__all__ = ["reads", "writes"]

Api = NamedDependency[SkipValidation[Context]]
SourceId = Annotated[str, PathParameter(max_length=64)]
_ACTOR = "api"
# What every write here shares: the token, the problems it can answer with, its tag.
_WRITE: dict[str, Any] = {
    "responses": problems(400, 401, 403, 404, 413, 415, 429),
    "tags": ["sources"],
    **WRITE,
    "sync_to_thread": True,
}


def _view(api: Context, source_id: str, *, removed: bool = False) -> SourceView:
    found = [v for v in list_sources(api.engine, removed=removed) if v.id == source_id]
    if not found:
        raise ProblemError(404, f"no source {source_id!r}")
    return found[0]


@contextmanager
def _explained(body: SourceIn | None = None) -> Iterator[None]:
    """The jobs' errors as problems: an unknown source 404, a bad one 400 naming the field."""
    try:
        yield
    except NoSuchSource as error:
        raise ProblemError(404, str(error)) from None
    except BadSource as error:
        field, _, reason = str(error).partition(": ")
        name = body.field(field) if body is not None else field
        bad = InvalidParam(name=name, reason=reason or str(error), source="body")
        raise ProblemError(400, f"{name}: {reason or error}", invalid_params=[bad]) from None


def _spec(data: SourceIn) -> SourceSpec:
    given = [(k, v) for k, v in (("folder", data.folder), ("feed", data.feed), ("page", data.page))]
    chosen = [(k, v) for k, v in given if v is not None]
    if len(chosen) != 1:
        raise BadSource("location: give exactly one of folder, feed, page")
    kind: Kind = chosen[0][0]  # type: ignore[assignment]
    location = chosen[0][1] or ""
    if kind == "folder":
        if not Path(location).is_dir():
            raise BadSource(f"location: {location!r} is not a folder on the server")
        location = str(Path(location).resolve())
    return SourceSpec(
        id=data.id or default_id(kind, location),
        kind=kind,
        location=location,
        interval=parse_interval(data.every) if data.every is not None else None,
        cron=data.cron,
    )


@get(
    "/sources",
    summary="Sources: each one's schedule, state and health",
    responses=problems(401, 403),
    tags=["sources"],
    sync_to_thread=True,
)
def sources(api: Api) -> SourceList:
    return SourceList(sources=[SourceOut.of(v) for v in list_sources(api.engine)])


@get(
    "/sources/{source_id:str}",
    summary="One source",
    responses=problems(401, 403, 404),
    tags=["sources"],
    sync_to_thread=True,
)
def source(api: Api, source_id: SourceId) -> SourceOut:
    return SourceOut.of(_view(api, source_id))


@get(
    "/sources/{source_id:str}/runs",
    summary="A source's latest runs, the newest first",
    description="A removed source's runs stay in the history.",
    responses=problems(400, 401, 403, 404),
    tags=["sources"],
    sync_to_thread=True,
)
def runs(
    api: Api, source_id: SourceId, limit: Annotated[int, QueryParameter(ge=1, le=500)] = 20
) -> RunList:
    _view(api, source_id, removed=True)
    return RunList(runs=[RunOut.of(r) for r in run_history(api.engine, source_id, limit)])


@post(
    "/sources",
    summary="Add a source, or change the one with this id",
    description="One of `folder` (a path on the server), `feed` or `page` (http(s) URLs);"
    " `every` (90, 30s, 15m, 2h, 1d; default 15m) or `cron` (a crontab line in UTC). 201 when"
    " the source is new, 200 when it existed (changed or not).",
    before_request=json_only,
    **_WRITE,
)
def add(api: Api, data: JSONBody[SourceIn]) -> Response[SourceOut]:
    with _explained(data):
        spec = _spec(data)
    existed = any(v.id == spec.id for v in list_sources(api.engine))
    api.appended(int(configure_source(api.app.store, spec, origin="api", actor=_ACTOR)))
    return Response(
        SourceOut.of(_view(api, spec.id)),
        status_code=200 if existed else 201,
        headers={"Location": f"/sources/{spec.id}"},
    )


def _changed(api: Context, source_id: str, change: Callable[..., bool]) -> SourceOut:
    with _explained():
        api.appended(int(change(api.app.store, source_id, _ACTOR)))
    return SourceOut.of(_view(api, source_id))


@post(
    "/sources/{source_id:str}/pause",
    summary="Stop running a source on its schedule (a manual run still works)",
    status_code=200,
    **_WRITE,
)
def pause(api: Api, source_id: SourceId) -> SourceOut:
    return _changed(api, source_id, pause_source)


@post(
    "/sources/{source_id:str}/resume",
    summary="Run a paused source on its schedule again",
    status_code=200,
    **_WRITE,
)
def resume(api: Api, source_id: SourceId) -> SourceOut:
    return _changed(api, source_id, resume_source)


@delete(
    "/sources/{source_id:str}",
    summary="Remove a source (its runs stay in the log and the history)",
    **_WRITE,
)
def remove(api: Api, source_id: SourceId) -> None:
    with _explained():
        api.appended(int(remove_source(api.app.store, source_id, _ACTOR)))


@post(
    "/sources/{source_id:str}/runs",
    summary="Run a source now, whatever its schedule or pause; answers when it has finished",
    description="201 with the run, failed or not: a failed run is a run, with its `errors`.",
    **_WRITE,
)
def run_now(api: Api, source_id: SourceId) -> Response[RunOut]:
    head = api.app.store.head()
    with _explained():
        finished = run_source(api.run_context(_ACTOR), source_id, "manual")
    api.appended(api.app.store.head() - head)
    [ran] = [r for r in run_history(api.engine, source_id, 50) if r.run_id == finished.run_id]
    return Response(
        RunOut.of(ran), status_code=201, headers={"Location": f"/sources/{source_id}/runs"}
    )


reads = [sources, source, runs]
writes = [add, pause, resume, remove, run_now]
