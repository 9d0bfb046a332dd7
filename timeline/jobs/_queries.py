"""Reading the sources read model: the list, one source's runs, the health of them all."""

from __future__ import annotations

import datetime as dt

import msgspec
import sqlalchemy as sa

from timeline.jobs._state import UNHEALTHY_AFTER
from timeline.jobs._tables import source_runs, sources

__all__ = [
    "RunView",
    "SourceView",
    "SourcesHealth",
    "list_sources",
    "run_history",
    "sources_health",
]


class SourceView(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    kind: str
    location: str
    schedule: str
    interval: float | None
    cron: str | None
    origin: str
    paused: bool
    healthy: bool
    failures: int
    runs: int
    articles: int
    running: bool
    last_ok: dt.datetime | None
    last_error: str | None


class RunView(msgspec.Struct, frozen=True, kw_only=True):
    run_id: str
    source_id: str
    trigger: str
    started_at: dt.datetime
    finished_at: dt.datetime | None
    ok: bool | None  # None: still going, or its worker died (a later run says which)
    new: int
    duplicate: int
    revised: int
    rejected: int
    errors: tuple[str, ...]


class SourcesHealth(msgspec.Struct, frozen=True, kw_only=True):
    """For /ready and /metrics: `ok` unless a source failed UNHEALTHY_AFTER runs in a row."""

    ok: bool
    sources: int
    paused: int
    unhealthy: tuple[str, ...]


def list_sources(engine: sa.Engine, *, removed: bool = False) -> list[SourceView]:
    t = sources
    query = sa.select(t).order_by(t.c.source_id)
    if not removed:
        query = query.where(t.c.removed.is_(False))
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return [
        SourceView(
            id=row.source_id,
            kind=row.kind,
            location=row.location,
            schedule=f"cron {row.cron}" if row.cron is not None else f"every {row.interval:g}s",
            interval=row.interval,
            cron=row.cron,
            origin=row.origin,
            paused=row.paused,
            healthy=row.failures < UNHEALTHY_AFTER,
            failures=row.failures,
            runs=row.runs,
            articles=row.articles,
            running=row.running is not None,
            last_ok=_utc(row.last_ok),
            last_error=row.last_error,
        )
        for row in rows
    ]


def run_history(engine: sa.Engine, source_id: str | None = None, limit: int = 20) -> list[RunView]:
    """The latest runs first, of one source or of all."""
    r = source_runs
    query = sa.select(r).order_by(r.c.position.desc()).limit(limit)
    if source_id is not None:
        query = query.where(r.c.source_id == source_id)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return [
        RunView(
            run_id=row.run_id,
            source_id=row.source_id,
            trigger=row.trigger,
            started_at=_utc(row.started_at) or row.started_at,
            finished_at=_utc(row.finished_at),
            ok=row.ok,
            new=row.new,
            duplicate=row.duplicate,
            revised=row.revised,
            rejected=row.rejected,
            errors=tuple(row.errors),
        )
        for row in rows
    ]


def sources_health(engine: sa.Engine) -> SourcesHealth:
    views = list_sources(engine)
    unhealthy = tuple(v.id for v in views if not v.healthy and not v.paused)
    return SourcesHealth(
        ok=not unhealthy,
        sources=len(views),
        paused=sum(v.paused for v in views),
        unhealthy=unhealthy,
    )


def _utc(value: dt.datetime | None) -> dt.datetime | None:
    # SQLite hands back naive datetimes; they were stored in UTC.
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value
