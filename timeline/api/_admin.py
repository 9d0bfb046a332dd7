"""GET /health, /ready, /metrics; GET /admin/projections and POST /admin/replay."""

from __future__ import annotations

import anyio
import sqlalchemy as sa
from litestar import Response, get, post
from litestar.di import NamedDependency
from litestar.params import SkipValidation

from timeline.api._context import Context
from timeline.api._problems import ProblemError, problems
from timeline.api._security import OPEN, WRITE
from timeline.api._writes import (
    HealthOut,
    ProjectionOut,
    ProjectionsOut,
    ReadyOut,
    ReplayOut,
    SourcesReady,
)
from timeline.jobs import sources_health
from timeline.projections import Replayer, ReplayRunning

__all__ = ["admin", "metrics", "probes"]

Api = NamedDependency[SkipValidation[Context]]
_PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8"


@get(
    "/health",
    summary="Liveness: the process answers",
    tags=["operations"],
    opt=OPEN,
    sync_to_thread=False,
)
def health() -> HealthOut:
    return HealthOut(status="ok")


def _positions(api: Context) -> dict[str, int]:
    return {name: pos for name, (pos, _v) in api.projector.checkpoints().items()}


@get(
    "/ready",
    summary="Readiness: the database answers and the read models are caught up",
    description="503 when the database does not answer or the read models lag behind. The"
    " sources' health is shown in `sources` (the ids of those that failed 3 runs in a row"
    " in `unhealthy`) but does not make the answer 503: a dead feed out on the internet"
    " leaves the API able to answer, and a load balancer that took every replica out for"
    ' it would stop the whole service. Alert on `timeline_sources{state="unhealthy"}`.',
    responses=problems(503),
    tags=["operations"],
    opt=OPEN,
    sync_to_thread=True,
)
def ready(api: Api) -> ReadyOut:
    try:
        with api.reading() as conn:
            conn.execute(sa.text("SELECT 1"))
        head = api.app.store.head()
        lag = max((head - p for p in _positions(api).values()), default=0)
        health = sources_health(api.engine)
    except sa.exc.SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        raise ProblemError(503, f"the database does not answer: {reason}") from None
    if lag > 0:
        raise ProblemError(503, f"the read models are {lag} events behind the log")
    sources = SourcesReady(
        ok=health.ok,
        count=health.sources,
        paused=health.paused,
        unhealthy=list(health.unhealthy),
    )
    return ReadyOut(status="ready", head=head, lag=lag, sources=sources)


@get(
    "/metrics",
    summary="Prometheus metrics",
    media_type=_PROMETHEUS,
    responses=problems(401, 403),
    tags=["operations"],
    sync_to_thread=True,
)
def metrics(api: Api) -> Response[bytes]:
    head, health = api.app.store.head(), sources_health(api.engine)
    body = api.metrics.render(head, _positions(api), health)
    return Response(body, media_type=_PROMETHEUS)


def _status(api: Context) -> ProjectionsOut:
    head = api.app.store.head()
    marks = api.projector.checkpoints()
    return ProjectionsOut(
        head=head,
        projections=[
            ProjectionOut(
                name=p.name,
                position=marks[p.name][0],
                lag=max(head - marks[p.name][0], 0),
                version=marks[p.name][1],
                code_version=p.version,
            )
            for p in api.projector.projections
        ],
    )


@get(
    "/admin/projections",
    summary="Each read model's position, lag and versions",
    responses=problems(401, 403),
    tags=["admin"],
    **WRITE,
    sync_to_thread=True,
)
def projections(api: Api) -> ProjectionsOut:
    return _status(api)


@post(
    "/admin/replay",
    summary="Rebuild every read model from the whole log",
    description="Readers keep the old tables until the new ones are swapped in. 409 while"
    " another replay runs.",
    status_code=200,
    responses=problems(401, 403, 409, 429),
    tags=["admin"],
    **WRITE,
)
async def replay(api: Api) -> ReplayOut:
    def work() -> ReplayOut:
        replayer = Replayer(api.engine, api.app.store, api.projector.projections)
        try:
            report = replayer.run()
        except ReplayRunning as error:
            raise ProblemError(409, str(error)) from None
        api.projector.catch_up()
        return ReplayOut(
            projections=list(report.projections),
            events=report.events,
            seconds=report.seconds,
            position=report.position,
        )

    return await anyio.to_thread.run_sync(work)


probes = [health, ready]
admin = [projections, replay]
