"""Prometheus metrics: requests, latency, appends, projection lag, sources; one registry per
app."""

from __future__ import annotations

import time
from collections.abc import Callable

from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send
from litestar.utils.scope.state import ScopeState
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

from timeline.jobs import SourcesHealth

__all__ = ["Metrics"]


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "timeline_http_requests",
            "HTTP requests answered, by method, route and status",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "timeline_http_request_duration_seconds",
            "Time to answer an HTTP request, by method and route",
            ["method", "route"],
            buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10),
            registry=self.registry,
        )
        self.cache_hits = Counter(
            "timeline_http_cache_hits",
            "Reads answered from the response cache, by route",
            ["route"],
            registry=self.registry,
        )
        self.appends = Counter(
            "timeline_events_appended", "Events appended through the API", registry=self.registry
        )
        self.lag = Gauge(
            "timeline_projection_lag_events",
            "Events in the log a projection has not applied yet",
            ["projection"],
            registry=self.registry,
        )
        self.head = Gauge("timeline_log_head", "The log's last position", registry=self.registry)
        self.sources = Gauge(
            "timeline_sources",
            "Sources by state: all, paused, unhealthy",
            ["state"],
            registry=self.registry,
        )
        self.unhealthy = Gauge(
            "timeline_source_unhealthy",
            "1 for each source that failed 3 runs in a row (and is not paused)",
            ["source"],
            registry=self.registry,
        )

    def render(self, head: int, positions: dict[str, int], health: SourcesHealth) -> bytes:
        self.head.set(head)
        self.sources.labels("all").set(health.sources)
        self.sources.labels("paused").set(health.paused)
        self.sources.labels("unhealthy").set(len(health.unhealthy))
        self.unhealthy.clear()  # a source that recovered or went away drops out
        for source_id in health.unhealthy:
            self.unhealthy.labels(source_id).set(1)
        for name, position in positions.items():
            self.lag.labels(name).set(max(head - position, 0))
        return generate_latest(self.registry)

    def middleware(self) -> Callable[[ASGIApp], ASGIApp]:
        """Counts and times every routed HTTP request under its route's template."""

        def wrap(app: ASGIApp) -> ASGIApp:
            async def measured(scope: Scope, receive: Receive, send: Send) -> None:
                if scope["type"] != ScopeType.HTTP:
                    await app(scope, receive, send)
                    return
                started = time.perf_counter()
                status = 500
                # Made now, so the route's copies of the scope share it and mark a cache hit.
                connection = ScopeState.from_scope(scope)

                async def sending(message: Message) -> None:
                    nonlocal status
                    if message["type"] == "http.response.start":
                        status = message["status"]
                    await send(message)

                try:
                    await app(scope, receive, sending)
                finally:
                    route = scope.get("path_template") or "unrouted"
                    method = str(scope.get("method", ""))
                    self.requests.labels(method, route, str(status)).inc()
                    self.latency.labels(method, route).observe(time.perf_counter() - started)
                    if connection.is_cached is True:
                        self.cache_hits.labels(route).inc()

            return measured

        return wrap
