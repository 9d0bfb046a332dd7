"""The app factory: routes, guards, errors, limits, metrics and docs from one App."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from litestar import Litestar
from litestar.di import Provide
from litestar.middleware import DefineMiddleware

from timeline.api import _activity, _admin, _articles, _companies, _events
from timeline.api._context import Context
from timeline.api._docs import openapi_config, swagger_assets
from timeline.api._metrics import Metrics
from timeline.api._problems import exception_handlers
from timeline.api._security import access_guard, cors_config, rate_limit_config
from timeline.bootstrap import App
from timeline.extraction.gazetteer import Gazetteer
from timeline.web import web_handlers

__all__ = ["create_app"]

_log = logging.getLogger("timeline.api")


def create_app(
    app: App, *, gazetteer: Gazetteer | None = None, follow: bool = False, debug: bool = False
) -> Litestar:
    """The API over `app`'s store and read models.

    Every write through it brings the read models up to date before it answers; with
    `follow`, a thread also applies events other processes append.
    """
    settings = app.settings
    context = Context(app, gazetteer or Gazetteer.load(), Metrics())
    middleware: list[DefineMiddleware] = [DefineMiddleware(context.metrics.middleware())]
    limits = rate_limit_config(settings)
    if limits is not None:
        middleware.append(limits.middleware)
    return Litestar(
        route_handlers=[
            *_admin.probes,
            _admin.metrics,
            *_companies.handlers,
            *_activity.handlers,
            *_events.reads,
            *_events.writes,
            *_articles.reads,
            *_articles.writes,
            *_admin.admin,
            swagger_assets(),
            *web_handlers(),
        ],
        guards=[access_guard(settings)],
        dependencies={"api": Provide(lambda: context, use_cache=True, sync_to_thread=False)},
        exception_handlers=exception_handlers(),
        middleware=middleware,
        cors_config=cors_config(settings),
        request_max_body_size=settings.api_max_body_bytes,
        openapi_config=openapi_config(),
        lifespan=[_following(context)] if follow else [],
        debug=debug,
    )


def _following(context: Context):  # type: ignore[no-untyped-def]
    @asynccontextmanager
    async def lifespan(_: Litestar) -> AsyncIterator[None]:
        stop = threading.Event()
        thread = threading.Thread(
            target=_follow, args=(context, stop), name="timeline-projector", daemon=True
        )
        thread.start()
        try:
            yield
        finally:
            stop.set()
            thread.join(timeout=5)

    return lifespan


def _follow(context: Context, stop: threading.Event) -> None:
    """Apply the events other processes append, until `stop` is set; errors are logged."""
    while not stop.is_set():
        try:
            context.projector.follow(stop, poll=max(context.settings.poll_interval, 0.2))
        except Exception:
            _log.exception("the read models could not follow the log; retrying in 5 s")
            stop.wait(5)
