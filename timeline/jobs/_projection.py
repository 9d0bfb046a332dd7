"""The sources read model: each source's settings and health, and the history of its runs."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

import sqlalchemy as sa

from timeline.domain.events import (
    SourceConfigured,
    SourcePaused,
    SourceRemoved,
    SourceResumed,
    SourceRunFinished,
    SourceRunStarted,
    type_name,
)
from timeline.jobs._tables import source_runs, sources
from timeline.projections import Projection, default_projections
from timeline.store import RecordedEvent

__all__ = ["SourcesProjection", "read_models"]


def read_models() -> tuple[Projection, ...]:
    """Every read model there is: the CLI, the API and the worker all build from this list.

    It lives here, not in `default_projections`, because `timeline.projections` cannot
    import the jobs package (jobs imports projections).
    """
    return (*default_projections(), SourcesProjection())


class SourcesProjection:
    """Folds source events into `sources` and `source_runs`; every other event is ignored.

    It has its own checkpoint, beside the other read models' (`Projector` takes any list).
    """

    name = "sources"
    version = 1
    # All it folds: a replay reads only these (see Replayer).
    event_types: ClassVar[frozenset[str]] = frozenset(
        type_name(cls)
        for cls in (
            SourceConfigured,
            SourcePaused,
            SourceResumed,
            SourceRemoved,
            SourceRunStarted,
            SourceRunFinished,
        )
    )

    def __init__(self, tables: Mapping[str, sa.Table] | None = None) -> None:
        chosen = dict(tables or {})
        self.sources = chosen.get("sources", sources)
        self.runs = chosen.get("source_runs", source_runs)

    @property
    def tables(self) -> tuple[sa.Table, ...]:
        return (self.sources, self.runs)

    def on(self, tables: Mapping[str, sa.Table], future: object = None) -> SourcesProjection:
        return SourcesProjection(tables)

    def apply(self, conn: sa.Connection, records: Sequence[RecordedEvent]) -> None:
        # Source events are few (a handful per run): plain statements are fast enough.
        for record in records:
            event = record.event
            if isinstance(event, SourceConfigured):
                self._configure(conn, event, record.position)
            elif isinstance(event, SourcePaused | SourceResumed | SourceRemoved):
                self._set(
                    conn,
                    event.source_id,
                    paused=isinstance(event, SourcePaused),
                    **({"removed": True} if isinstance(event, SourceRemoved) else {}),
                )
            elif isinstance(event, SourceRunStarted):
                self._started(conn, event, record)
            elif isinstance(event, SourceRunFinished):
                self._finished(conn, event, record)

    def _configure(self, conn: sa.Connection, event: SourceConfigured, position: int) -> None:
        values: dict[str, Any] = {
            "kind": event.kind,
            "location": event.location,
            "interval": event.interval,
            "cron": event.cron,
            "origin": event.origin,
            "removed": False,
            "position": position,
        }
        t = self.sources
        found = conn.execute(sa.select(t.c.removed).where(t.c.source_id == event.source_id))
        removed = found.scalar()
        if removed is None:
            conn.execute(
                sa.insert(t).values(
                    source_id=event.source_id,
                    paused=False,
                    failures=0,
                    runs=0,
                    articles=0,
                    **values,
                )
            )
        else:
            if removed:  # added again: a fresh source, as the log's fold sees it
                values.update(paused=False, failures=0)
            conn.execute(sa.update(t).where(t.c.source_id == event.source_id).values(**values))

    def _set(self, conn: sa.Connection, source_id: str, **values: Any) -> None:
        t = self.sources
        conn.execute(sa.update(t).where(t.c.source_id == source_id).values(**values))

    def _started(self, conn: sa.Connection, event: SourceRunStarted, record: RecordedEvent) -> None:
        conn.execute(
            sa.insert(self.runs).values(
                run_id=event.run_id,
                source_id=event.source_id,
                trigger=event.trigger,
                started_at=record.recorded_at,
                new=0,
                duplicate=0,
                revised=0,
                rejected=0,
                errors=[],
                position=record.position,
            )
        )
        self._set(conn, event.source_id, running=event.run_id)

    def _finished(
        self, conn: sa.Connection, event: SourceRunFinished, record: RecordedEvent
    ) -> None:
        r = self.runs
        conn.execute(
            sa.update(r)
            .where(r.c.run_id == event.run_id)
            .values(
                finished_at=record.recorded_at,
                ok=event.ok,
                new=event.new,
                duplicate=event.duplicate,
                revised=event.revised,
                rejected=event.rejected,
                errors=list(event.errors),
            )
        )
        t = self.sources
        changes: dict[str, Any] = {
            "runs": t.c.runs + 1,
            "articles": t.c.articles + event.new + event.revised,
            "last_run": event.run_id,
            "failures": 0 if event.ok else t.c.failures + 1,
            "last_error": event.errors[-1] if event.errors else None,
        }
        if event.ok:
            changes["last_ok"] = record.recorded_at
        conn.execute(
            sa.update(t)
            .where(t.c.source_id == event.source_id)
            .values(
                running=sa.case((t.c.running == event.run_id, None), else_=t.c.running),
                **changes,
            )
        )
