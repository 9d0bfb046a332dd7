"""The bulk of a replay on SQLite, set-based: chunks of the log folded by INSERT ... SELECT.

Folding millions of events in Python costs far more than reading them; SQLite's C code builds
the rows from the stored JSON instead. Each chunk is one transaction that also moves the
shadow checkpoints, so an interrupted replay resumes where it stopped, by either path.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import sqlalchemy as sa

from timeline.projections._base import Projection
from timeline.projections._set_based import Builder, builder_for
from timeline.projections._staging import Staging
from timeline.store import EventStore, SqlEventStore

__all__ = ["SqlReplay"]

# Called in each chunk's transaction with the names of the projections it moved and the
# position they reached.
Committing = Callable[[sa.Connection, list[str], int], None]


class SqlReplay:
    """The projections that can be built in SQL from their marks up to `horizon`."""

    def __init__(
        self,
        engine: sa.Engine,
        store: EventStore,
        projections: Sequence[Projection],
        shadows: Mapping[str, Mapping[str, sa.Table]],
        marks: Mapping[str, int],
        horizon: int,
    ) -> None:
        self._engine = engine
        self.horizon = horizon
        self.builders: dict[str, tuple[Builder, Mapping[str, sa.Table]]] = {}
        if engine.dialect.name != "sqlite" or not isinstance(store, SqlEventStore):
            return
        for projection in projections:
            build = builder_for(projection)
            if build is not None and marks[projection.name] < horizon:
                self.builders[projection.name] = (build, shadows[projection.name])
        # Old schema versions are upcast in Python only: the SQL would misread them.
        start = min((marks[name] for name in self.builders), default=horizon)
        if self.builders and not store.all_current(start, horizon):
            self.builders = {}

    def run(
        self,
        marks: dict[str, int],
        chunk: int,
        committing: Committing,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        """Build every chunk from the lowest mark up to the horizon, moving `marks`."""
        if not self.builders:
            return
        with self._engine.connect().execution_options(writing=True) as conn:
            staging = Staging(conn, self.horizon)
            with conn.begin():
                staging.open()
            try:
                after = min(marks[name] for name in self.builders)
                while after < self.horizon:
                    upto = min(after + max(chunk, 1), self.horizon)
                    with conn.begin():
                        staging.load(after, upto)
                        moved = []
                        for name, (build, tables) in self.builders.items():
                            if marks[name] < upto:
                                build(conn, tables, max(after, marks[name]), upto)
                                marks[name] = upto
                                moved.append(name)
                        committing(conn, moved, upto)
                    after = upto
                    if progress is not None:
                        progress(upto, self.horizon)
            finally:
                if not conn.invalidated:
                    with conn.begin():
                        staging.close()
