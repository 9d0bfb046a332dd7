"""Bringing projections up to the head of the log, each page and its checkpoints at once."""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterator, Sequence

import sqlalchemy as sa

from timeline.projections._articles import ArticleIndexProjection
from timeline.projections._base import Projection
from timeline.projections._directory import DirectoryProjection
from timeline.projections._tables import checkpoints
from timeline.projections._threads import DealThreadsProjection
from timeline.projections._timeline import TimelineProjection
from timeline.store import EventStore

__all__ = [
    "Projector",
    "ReplayNeeded",
    "default_projections",
    "locked_checkpoints",
    "mark",
    "writing",
]

_log = logging.getLogger(__name__)


class ReplayNeeded(Exception):
    """A projection's code changed what its tables hold: they must be rebuilt."""


def default_projections() -> tuple[Projection, ...]:
    return (
        TimelineProjection(),
        ArticleIndexProjection(),
        DealThreadsProjection(),
        DirectoryProjection(),
    )


class Projector:
    def __init__(
        self,
        engine: sa.Engine,
        store: EventStore,
        projections: Sequence[Projection] | None = None,
        batch_size: int = 2_000,
    ) -> None:
        self._engine = engine
        self._store = store
        self._projections = tuple(projections or default_projections())
        self._batch = batch_size
        self._lock = threading.Lock()  # one catch-up at a time in this process

    @property
    def projections(self) -> tuple[Projection, ...]:
        return self._projections

    @property
    def engine(self) -> sa.Engine:
        return self._engine

    def checkpoints(self) -> dict[str, tuple[int, int]]:
        """Each projection's (position, version) as stored; new ones are at (0, code version)."""
        with self._engine.connect() as conn:
            stored = {
                row.name: (row.position, row.version)
                for row in conn.execute(sa.select(checkpoints))
            }
        return {p.name: stored.get(p.name, (0, p.version)) for p in self._projections}

    def stale(self) -> list[str]:
        """Projections whose stored version is not their code's: a replay is needed."""
        marks = self.checkpoints()
        return [p.name for p in self._projections if marks[p.name][1] != p.version]

    def catch_up(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Apply every event after the checkpoints; the number of events read.

        When the server cuts the connection midway it starts again once on a fresh one: each
        page and its checkpoints commit together, so nothing is applied twice.
        """
        try:
            return self._catch_up(progress)
        except sa.exc.DBAPIError as error:
            if not error.connection_invalidated:
                raise
            _log.warning("the database connection was lost, catching up again: %s", error.orig)
            return self._catch_up(progress)

    def _catch_up(self, progress: Callable[[int, int], None] | None) -> int:
        stale = self.stale()
        if stale:
            raise ReplayNeeded(
                f"projection {', '.join(stale)} changed since its tables were built:"
                " run `timeline replay`"
            )
        with self._lock:
            marks = {name: pos for name, (pos, _v) in self.checkpoints().items()}
            position = min(marks.values(), default=0)
            head = self._store.head()
            seen = 0
            for page in self._store.iter_all(position, self._batch):
                with writing(self._engine) as conn:
                    # Read again under the lock: a replay may have moved them meanwhile.
                    marks = locked_checkpoints(conn, self._projections)
                    for projection in self._projections:
                        todo = [r for r in page if r.position > marks[projection.name]]
                        if todo:
                            projection.apply(conn, todo)
                            mark(conn, projection.name, todo[-1].position, projection.version)
                seen += len(page)
                if progress is not None:
                    progress(page[-1].position, head)
            return seen

    def follow(self, stop: threading.Event, poll: float = 1.0, retry: float = 2.0) -> None:
        """Keep catching up as events arrive, until `stop` is set; a database error is logged
        and tried again after `retry` seconds, a projection whose code changed stops it."""
        position: int | None = None
        while not stop.is_set():
            try:
                if position is None:
                    position = self._store.head()
                else:
                    position = self._store.wait_for_events(position, poll)
                self.catch_up()
            except ReplayNeeded:
                raise
            except Exception:
                _log.exception("the read models could not follow the log; retrying in %s s", retry)
                stop.wait(retry)


@contextlib.contextmanager
def writing(engine: sa.Engine) -> Iterator[sa.Connection]:
    """A transaction that holds the write lock from its start (BEGIN IMMEDIATE on SQLite)."""
    with engine.connect().execution_options(writing=True) as conn, conn.begin():
        yield conn


def locked_checkpoints(conn: sa.Connection, projections: Sequence[Projection]) -> dict[str, int]:
    """The projections' positions, their rows locked until the transaction ends."""
    names = [p.name for p in projections]
    rows = conn.execute(
        sa.select(checkpoints.c.name, checkpoints.c.position)
        .where(checkpoints.c.name.in_(names))
        .order_by(checkpoints.c.name)  # always in one order, or two catch-ups can deadlock
        .with_for_update()
    )
    found = {name: int(position) for name, position in rows}
    return {name: found.get(name, 0) for name in names}


def mark(conn: sa.Connection, name: str, position: int, version: int) -> None:
    updated = conn.execute(
        sa.update(checkpoints)
        .where(checkpoints.c.name == name)
        .values(position=position, version=version)
    )
    if updated.rowcount == 0:
        conn.execute(sa.insert(checkpoints).values(name=name, position=position, version=version))
