"""Rebuilding projections from position 0 into fresh tables, swapped in at the end.

Readers keep the old tables until the swap, which is one transaction. A replay writes its own
checkpoint as it goes, so an interrupted one resumes where it stopped, and holds a lease, so
two never run at once.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import time
from collections.abc import Callable, Sequence

import msgspec
import sqlalchemy as sa

from timeline.projections._base import Projection
from timeline.projections._runner import locked_checkpoints, mark, writing
from timeline.projections._tables import checkpoints, replay_leases
from timeline.store import EventStore

__all__ = ["ReplayReport", "ReplayRunning", "Replayer", "shadow_tables"]

SUFFIX = "__replay"


class ReplayRunning(Exception):
    """Another replay of the same projection holds the lease."""


class ReplayReport(msgspec.Struct, frozen=True, kw_only=True):
    projections: tuple[str, ...]
    events: int
    seconds: float
    position: int
    resumed_from: int

    @property
    def rate(self) -> float:
        return self.events / self.seconds if self.seconds else 0.0


def shadow_tables(tables: Sequence[sa.Table]) -> dict[str, sa.Table]:
    """Empty copies of `tables`, with their own names for the tables, keys and indexes."""
    metadata = sa.MetaData()
    copies: dict[str, sa.Table] = {}
    for table in tables:
        copy = sa.Table(
            table.name + SUFFIX,
            metadata,
            *(column._copy() for column in table.columns),
        )
        copy.primary_key.name = f"pk_{table.name}{SUFFIX}"
        for index in table.indexes:
            sa.Index(f"{index.name}{SUFFIX}", *(copy.c[c.name] for c in index.columns))
        copies[table.name] = copy
    return copies


class Replayer:
    def __init__(
        self,
        engine: sa.Engine,
        store: EventStore,
        projections: Sequence[Projection],
        batch_size: int = 5_000,
        lease_seconds: float = 60.0,
    ) -> None:
        self._engine = engine
        self._store = store
        self._projections = tuple(projections)
        self._batch = batch_size
        self._lease = lease_seconds
        self._owner = f"{socket.gethostname()}:{os.getpid()}:{id(self)}"

    def run(self, progress: Callable[[int, int], None] | None = None) -> ReplayReport:
        names = [p.name for p in self._projections]
        started = time.perf_counter()
        self._take_lease(names)
        try:
            shadows = {p.name: shadow_tables(p.tables) for p in self._projections}
            with self._engine.begin() as conn:
                for tables in shadows.values():
                    for table in tables.values():
                        table.create(conn, checkfirst=True)
            builders = [p.on(shadows[p.name]) for p in self._projections]
            marks = self._shadow_marks(names)
            resumed = min(marks.values(), default=0)
            position, events = resumed, 0
            head = self._store.head()
            for page in self._store.iter_all(resumed, self._batch):
                with writing(self._engine) as conn:
                    for builder, name in zip(builders, names, strict=True):
                        todo = [r for r in page if r.position > marks[name]]
                        if todo:
                            builder.apply(conn, todo)
                            marks[name] = todo[-1].position
                            mark(conn, name + SUFFIX, marks[name], 0)
                    self._renew(conn, names)
                position, events = page[-1].position, events + len(page)
                if progress is not None:
                    progress(position, max(head, position))
            position = self._swap(names, builders, shadows, marks)
        finally:
            self._release(names)
        return ReplayReport(
            projections=tuple(names),
            events=events,
            seconds=time.perf_counter() - started,
            position=position,
            resumed_from=resumed,
        )

    def _swap(
        self,
        names: list[str],
        builders: Sequence[Projection],
        shadows: dict[str, dict[str, sa.Table]],
        marks: dict[str, int],
    ) -> int:
        """Catch the fresh tables up to the head and put them in place, in one transaction."""
        with writing(self._engine) as conn:
            locked_checkpoints(conn, self._projections)  # ingests wait until we are done
            last = max(marks.values(), default=0)
            for page in self._store.iter_all(min(marks.values(), default=0), self._batch):
                for builder, name in zip(builders, names, strict=True):
                    todo = [r for r in page if r.position > marks[name]]
                    if todo:
                        builder.apply(conn, todo)
                        marks[name] = todo[-1].position
                last = page[-1].position
            for projection in self._projections:
                for table in projection.tables:
                    fresh = shadows[projection.name][table.name]
                    conn.execute(sa.delete(table))
                    conn.execute(
                        sa.insert(table).from_select(list(table.c.keys()), sa.select(fresh))
                    )
                mark(conn, projection.name, max(marks[projection.name], last), projection.version)
                conn.execute(
                    sa.delete(checkpoints).where(checkpoints.c.name == projection.name + SUFFIX)
                )
        with self._engine.begin() as conn:
            for tables in shadows.values():
                for table in tables.values():
                    table.drop(conn, checkfirst=True)
        return last

    def _shadow_marks(self, names: list[str]) -> dict[str, int]:
        with self._engine.connect() as conn:
            rows = conn.execute(
                sa.select(checkpoints.c.name, checkpoints.c.position).where(
                    checkpoints.c.name.in_([n + SUFFIX for n in names])
                )
            )
            found = {name.removesuffix(SUFFIX): int(pos) for name, pos in rows}
        return {name: found.get(name, 0) for name in names}

    def _take_lease(self, names: list[str]) -> None:
        now = dt.datetime.now(dt.UTC)
        with writing(self._engine) as conn:
            for name in names:
                held = conn.execute(
                    sa.select(replay_leases).where(replay_leases.c.name == name).with_for_update()
                ).first()
                if held is not None and held.owner != self._owner and _aware(held.expires_at) > now:
                    raise ReplayRunning(
                        f"a replay of {name} is running ({held.owner}); try again later"
                    )
                conn.execute(sa.delete(replay_leases).where(replay_leases.c.name == name))
                conn.execute(
                    sa.insert(replay_leases).values(
                        name=name,
                        owner=self._owner,
                        expires_at=now + dt.timedelta(seconds=self._lease),
                    )
                )

    def _renew(self, conn: sa.Connection, names: list[str]) -> None:
        until = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=self._lease)
        conn.execute(
            sa.update(replay_leases)
            .where(replay_leases.c.name.in_(names), replay_leases.c.owner == self._owner)
            .values(expires_at=until)
        )

    def _release(self, names: list[str]) -> None:
        with self._engine.begin() as conn:
            conn.execute(
                sa.delete(replay_leases).where(
                    replay_leases.c.name.in_(names), replay_leases.c.owner == self._owner
                )
            )


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
