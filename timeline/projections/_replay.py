"""Rebuilding projections from position 0 into fresh tables, swapped in at the end.

Readers keep the old tables until the swap, which is one transaction. A replay writes its own
checkpoint as it goes, so an interrupted one resumes where it stopped, and holds a lease, so
two never run at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

import msgspec
import sqlalchemy as sa

from timeline.projections._base import Projection
from timeline.projections._future import Closures
from timeline.projections._lease import ReplayLease
from timeline.projections._runner import locked_checkpoints, mark, writing
from timeline.projections._sql_replay import SqlReplay
from timeline.projections._tables import checkpoints
from timeline.store import EventStore, RecordedEvent

__all__ = ["ReplayReport", "Replayer", "shadow_tables"]

SUFFIX = "__replay"
SETTLED = "__replay_settled"  # checkpoint row: the horizon the shadow rows were built with


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
    """Empty copies of `tables` under their own names, without secondary indexes.

    Tables of rows that are only appended (those with `valid_to`) get no primary key either:
    millions of inserts in key order would land all over the tree. They are copied into
    their keyed table in key order at the swap, and indexed once, there.
    """
    metadata = sa.MetaData()
    copies: dict[str, sa.Table] = {}
    for table in tables:
        heap = "valid_to" in table.c
        columns = []
        for column in table.columns:
            copied = column._copy()
            copied.primary_key = copied.primary_key and not heap
            columns.append(copied)
        copy = sa.Table(table.name + SUFFIX, metadata, *columns)
        if not heap:
            copy.primary_key.name = f"pk_{table.name}{SUFFIX}"
        copies[table.name] = copy
    return copies


class Replayer:
    def __init__(
        self,
        engine: sa.Engine,
        store: EventStore,
        projections: Sequence[Projection],
        batch_size: int = 20_000,
        lease_seconds: float = 60.0,
        *,
        chunk_size: int = 150_000,
        set_based: bool = True,
    ) -> None:
        """`batch_size` events make a page of the Python fold, `chunk_size` a transaction of
        the set-based build (SQLite); `set_based=False` folds everything in Python."""
        self._engine = engine
        self._store = store
        self._projections = tuple(projections)
        self._batch = batch_size
        self._chunk = chunk_size
        self._set_based = set_based
        self._lease = ReplayLease(engine, [p.name for p in self._projections], lease_seconds)

    def run(self, progress: Callable[[int, int], None] | None = None) -> ReplayReport:
        names = [p.name for p in self._projections]
        started = time.perf_counter()
        self._lease.take()
        try:
            shadows = {p.name: shadow_tables(p.tables) for p in self._projections}
            with self._engine.begin() as conn:
                for tables in shadows.values():
                    for table in tables.values():
                        table.create(conn, checkfirst=True)
            marks = self._shadow_marks(names)
            resumed = min(marks.values(), default=0)
            horizon = self._store.head()
            settled = self._settled(names, horizon, resumed=any(marks.values()))
            if self._set_based:
                # Only up to `settled`: the shadow rows know no closing event after it, which
                # the fold below applies to them as it goes.
                sql = SqlReplay(
                    self._engine, self._store, self._projections, shadows, marks, settled
                )

                def committing(conn: sa.Connection, moved: list[str], position: int) -> None:
                    for name in moved:
                        mark(conn, name + SUFFIX, position, 0)
                    self._lease.renew(conn)

                shown = None if progress is None else lambda at, _: progress(at, horizon)
                sql.run(marks, self._chunk, committing, shown)
            for group, types in self._python_groups(marks, horizon):
                self._fold_pages(group, types, shadows, marks, horizon, settled, progress)
            position, more = self._swap(names, shadows, marks)
        finally:
            self._lease.release()
        return ReplayReport(
            projections=tuple(names),
            events=horizon - resumed + more,
            seconds=time.perf_counter() - started,
            position=position,
            resumed_from=resumed,
        )

    def _python_groups(
        self, marks: dict[str, int], horizon: int
    ) -> list[tuple[list[Projection], frozenset[str] | None]]:
        """The projections still behind the horizon: those that declare the event types they
        fold, read through pages of those types only, and the others, over every event."""
        behind = [p for p in self._projections if marks[p.name] < horizon]
        declared = [p for p in behind if _event_types(p) is not None]
        others = [p for p in behind if _event_types(p) is None]
        types = frozenset().union(*(_event_types(p) or () for p in declared))
        groups: list[tuple[list[Projection], frozenset[str] | None]] = []
        if declared:
            groups.append((declared, types))
        if others:
            groups.append((others, None))
        return groups

    def _fold_pages(
        self,
        group: list[Projection],
        types: frozenset[str] | None,
        shadows: dict[str, dict[str, sa.Table]],
        marks: dict[str, int],
        horizon: int,
        settled: int,
        progress: Callable[[int, int], None] | None,
    ) -> None:
        """Fold the log in Python, page by page, into the shadow tables of `group`."""
        chosen = [p.name for p in group]
        future = Closures.read(self._store, horizon, settled) if types is None else None
        builders = [p.on(shadows[p.name], future) for p in group]
        for page in self._store.iter_all(min(marks[n] for n in chosen), self._batch, types):
            page = [r for r in page if r.position <= horizon]
            if not page:
                break
            with writing(self._engine) as conn:
                for name in _fold(conn, builders, chosen, page, marks):
                    mark(conn, name + SUFFIX, marks[name], 0)
                self._lease.renew(conn)
            if progress is not None:
                progress(page[-1].position, horizon)
        if types is not None:
            # Every event of their types up to the horizon is folded; the rest are not theirs.
            with writing(self._engine) as conn:
                for name in chosen:
                    marks[name] = horizon
                    mark(conn, name + SUFFIX, horizon, 0)

    def _swap(
        self, names: list[str], shadows: dict[str, dict[str, sa.Table]], marks: dict[str, int]
    ) -> tuple[int, int]:
        """Put the fresh tables in place and catch them up to the head, in one transaction.

        The old tables go, the fresh ones take their names and get their indexes, and what
        was appended during the replay is applied as any catch-up would.
        """
        with writing(self._engine) as conn:
            locked_checkpoints(conn, self._projections)  # ingests wait until we are done
            for projection in self._projections:
                for table in projection.tables:
                    fresh = shadows[projection.name][table.name]
                    table.drop(conn)
                    if fresh.primary_key.columns:
                        _rename(conn, fresh, table)
                    else:
                        _copy_in_key_order(conn, fresh, table)
                    for index in table.indexes:
                        index.create(conn)
            last, more = max(marks.values(), default=0), 0
            for page in self._store.iter_all(min(marks.values(), default=0), self._batch):
                _fold(conn, self._projections, names, page, marks)
                last, more = page[-1].position, more + len(page)
            for projection in self._projections:
                mark(conn, projection.name, max(marks[projection.name], last), projection.version)
            conn.execute(
                sa.delete(checkpoints).where(
                    checkpoints.c.name.in_([n + s for n in names for s in (SUFFIX, SETTLED)])
                )
            )
        return last, more

    def _settled(self, names: list[str], horizon: int, resumed: bool) -> int:
        """Up to where the shadow tables' rows know the closures; noted on the first run."""
        with writing(self._engine) as conn:
            rows = conn.execute(
                sa.select(checkpoints.c.position).where(
                    checkpoints.c.name.in_([n + SETTLED for n in names])
                )
            ).scalars()
            known = [int(p) for p in rows]
            if known or resumed:
                # Rows stored by an earlier run, whose note is lost, know nothing for sure.
                return min(known, default=0)
            for name in names:
                mark(conn, name + SETTLED, horizon, 0)
            return horizon

    def _shadow_marks(self, names: list[str]) -> dict[str, int]:
        with self._engine.connect() as conn:
            rows = conn.execute(
                sa.select(checkpoints.c.name, checkpoints.c.position).where(
                    checkpoints.c.name.in_([n + SUFFIX for n in names])
                )
            )
            found = {name.removesuffix(SUFFIX): int(pos) for name, pos in rows}
        return {name: found.get(name, 0) for name in names}


def _fold(
    conn: sa.Connection,
    projections: Sequence[Projection],
    names: list[str],
    page: list[RecordedEvent],
    marks: dict[str, int],
) -> list[str]:
    """Apply `page` to each projection past its mark, moving the marks; the names moved."""
    moved = []
    for projection, name in zip(projections, names, strict=True):
        todo = [r for r in page if r.position > marks[name]]
        if todo:
            projection.apply(conn, todo)
            marks[name] = todo[-1].position
            moved.append(name)
    return moved


def _event_types(projection: Projection) -> frozenset[str] | None:
    """The only event types `projection` folds, when it says so (`event_types`)."""
    types = getattr(projection, "event_types", None)
    return None if types is None else frozenset(types)


def _rename(conn: sa.Connection, fresh: sa.Table, table: sa.Table) -> None:
    quote = conn.dialect.identifier_preparer.quote
    conn.exec_driver_sql(f"ALTER TABLE {quote(fresh.name)} RENAME TO {quote(table.name)}")
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql(
            f"ALTER TABLE {quote(table.name)} RENAME CONSTRAINT"
            f" {quote(str(fresh.primary_key.name))} TO {quote('pk_' + table.name)}"
        )


def _copy_in_key_order(conn: sa.Connection, fresh: sa.Table, table: sa.Table) -> None:
    conn.execute(sa.schema.CreateTable(table))
    key = [fresh.c[column.name] for column in table.primary_key.columns]
    rows = sa.select(*fresh.c).order_by(*key)
    conn.execute(sa.insert(table).from_select(list(table.c.keys()), rows))
    fresh.drop(conn)
