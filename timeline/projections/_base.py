"""What every projection offers, and the rule they share: newer extractions supersede."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Protocol

import sqlalchemy as sa

from timeline.domain.events import (
    ArticleIngested,
    ArticleReextracted,
    ArticleRevised,
    EventRetracted,
)
from timeline.projections._bulk import bulk_insert
from timeline.projections._future import Closures
from timeline.store import RecordedEvent

__all__ = ["ARTICLE_HEADS", "Projection", "TableProjection", "ValidityTable"]

# Events that start a new extraction of their article: what came before it is superseded.
ARTICLE_HEADS = (ArticleIngested, ArticleRevised, ArticleReextracted)


class Projection(Protocol):
    name: str
    version: int  # bump when the code changes what the tables hold: a replay is then due

    @property
    def tables(self) -> tuple[sa.Table, ...]: ...

    def on(self, tables: Mapping[str, sa.Table], future: Closures | None = None) -> Projection:
        """The same projection writing to other tables (by the usual tables' names).

        With `future`, rows are written already closed by what the log holds later.
        """
        ...

    def apply(self, conn: sa.Connection, records: Sequence[RecordedEvent]) -> None:
        """Fold `records` (in log order) into the tables, inside the caller's transaction."""
        ...


class TableProjection:
    """A projection over a fixed set of tables, which replay can swap for fresh ones."""

    name = ""
    version = 1
    default_tables: tuple[sa.Table, ...] = ()

    def __init__(
        self, tables: Mapping[str, sa.Table] | None = None, future: Closures | None = None
    ) -> None:
        chosen = dict(tables or {})
        self.t = {table.name: chosen.get(table.name, table) for table in self.default_tables}
        self.future = future

    @property
    def tables(self) -> tuple[sa.Table, ...]:
        return tuple(self.t.values())

    def on(self, tables: Mapping[str, sa.Table], future: Closures | None = None) -> Projection:
        return type(self)(tables, future)  # type: ignore[return-value]

    def validity(self, name: str) -> ValidityTable:
        return ValidityTable(self.t[name], self.future)


class ValidityTable:
    """Rows that stay, with `valid_to` set when their event is superseded or retracted.

    New rows wait in memory until `flush`; a supersession or retraction closes the waiting
    ones there and the stored ones with one UPDATE, so a batch is written in one go. A replay
    passes the `future` closures: rows are then born closed and stored ones need no UPDATE.
    """

    def __init__(self, table: sa.Table, future: Closures | None = None) -> None:
        self.table = table
        self.future = future
        self._pending: list[dict[str, Any]] = []

    def add(self, row: dict[str, Any]) -> None:
        if self.future is not None:
            row["valid_to"] = self.future.valid_to(row)
        self._pending.append(row)

    def stored_rows_know(self, position: int) -> bool:
        """Whether the stored rows already reflect the closing event at `position`."""
        return self.future is not None and self.future.stored_rows_know(position)

    def flush(self, conn: sa.Connection) -> None:
        if self._pending:
            bulk_insert(conn, self.table, self._pending)
            self._pending = []

    def close(
        self, conn: sa.Connection, column: str, value: object, position: int
    ) -> list[dict[str, Any]]:
        """End the rows whose `column` is `value` at `position`; the waiting ones it ended."""
        if self.stored_rows_know(position):
            return []  # the waiting rows were born knowing it too: `future` told them
        ended = []
        for row in self._pending:
            if row[column] == value and row["valid_to"] is None:
                row["valid_to"] = position
                ended.append(row)
        t = self.table
        conn.execute(
            sa.update(t)
            .where(t.c[column] == value, t.c.valid_to.is_(None))
            .values(valid_to=position)
        )
        return ended

    def handle(self, conn: sa.Connection, record: RecordedEvent) -> bool:
        """Apply `record` if it supersedes or retracts rows; whether it did."""
        event = record.event
        if isinstance(event, ARTICLE_HEADS):
            # An article's first event has nothing before it to supersede. (Ingests append
            # to a new stream only, so later heads are revisions or re-extractions.)
            if record.stream_version > 1:
                self.close(conn, "article_id", event.article_id, record.position)
            return True
        if isinstance(event, EventRetracted):
            self.close(conn, "event_id", event.event_id, record.position)
            return True
        return False
