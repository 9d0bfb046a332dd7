"""The app factory: routes, guards, errors, limits, metrics and docs from one App."""

from __future__ import annotations

from litestar import Litestar
from litestar.di import Provide
from litestar.middleware import DefineMiddleware

from timeline.api import _activity, _admin, _articles, _companies, _events, _sources
from timeline.api._background import following, scheduling
from timeline.api._cache import (
    STORE_NAME,
    BoundedStore,
    DataState,
    cache_bytes,
    response_cache_config,
)
from timeline.api._context import Context
from timeline.api._docs import openapi_config, swagger_assets
from timeline.api._metrics import Metrics
from timeline.api._problems import exception_handlers
from timeline.api._retry import retry_reads
from timeline.api._security import access_state, cors_config, rate_limit_config, read_guards
from timeline.bootstrap import App
from timeline.extraction.gazetteer import Gazetteer
from timeline.jobs import Fetcher, configured_specs
from timeline.web import web_handlers

__all__ = ["create_app"]


def create_app(
    app: App,
    *,
    gazetteer: Gazetteer | None = None,
    follow: bool = False,
    schedule: bool = False,
    fetcher: Fetcher | None = None,
    debug: bool = False,
) -> Litestar:
    """The API over `app`'s store and read models.

    Every write through it brings the read models up to date before it answers; with
    `follow`, a thread also applies events other processes append; with `schedule`, a
    thread runs the sources on their schedules while this process leads (`timeline.jobs`).
    The settings file's sources are checked here: a bad one raises BadSource.
    """
    settings = app.settings
    specs = configured_specs(settings) if schedule else []
    context = Context(app, gazetteer or Gazetteer.load(), Metrics(), fetcher)
    lifespan = [following(context)] if follow else []
    if schedule:
        lifespan.append(scheduling(context, specs, follow=not follow))
    middleware: list[DefineMiddleware] = [
        DefineMiddleware(context.metrics.middleware()),
        DefineMiddleware(retry_reads),
    ]
    cache_size = cache_bytes(settings.api_cache_mb, context.engine.dialect.name)
    state = DataState(context.engine) if cache_size else None
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
            *_sources.reads,
            *_sources.writes,
            *_admin.admin,
            swagger_assets(),
            *web_handlers(),
        ],
        guards=read_guards(settings),
        state=access_state(settings),
        dependencies={"api": Provide(lambda: context, use_cache=True, sync_to_thread=False)},
        exception_handlers=exception_handlers(),
        middleware=middleware,
        cors_config=cors_config(settings),
        response_cache_config=response_cache_config(state),
        stores={STORE_NAME: BoundedStore(cache_size)},
        request_max_body_size=settings.api_max_body_bytes,
        openapi_config=openapi_config(),
        lifespan=lifespan,
        on_shutdown=[context.close, *([state.close] if state else [])],
        debug=debug,
    )
