"""PostgreSQL backend of the event store: a table lock per append, COPY, LISTEN/NOTIFY."""

from __future__ import annotations

import datetime as dt
import logging
import threading
import uuid
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import psycopg
import sqlalchemy as sa

from timeline.store._sql import Check

__all__ = ["CHANNEL", "PostgresBackend"]

CHANNEL = "timeline_events"
_log = logging.getLogger(__name__)

# EXCLUSIVE lets readers through but serialises appenders, so positions are handed out in
# commit order and a reader never sees N+1 before N. NOTIFY is only delivered on commit.
_LOCK = f"LOCK TABLE events IN EXCLUSIVE MODE; NOTIFY {CHANNEL}"
_HEADS = (
    "SELECT (SELECT max(position) FROM events),"
    " (SELECT max(stream_version) FROM events WHERE stream_id = %s)"
)
_COPY = (
    "COPY events (position, event_id, stream_id, stream_version, type, schema_version,"
    " data, metadata, occurred_at, recorded_at) FROM STDIN"
)
_ENVELOPE = (
    "json_build_array(position, stream_id, stream_version, event_id, metadata,"
    " occurred_at, recorded_at, data)::text"
)


_T = TypeVar("_T")


def _once_more(work: Callable[[], _T]) -> _T:
    """`work`, tried again once when the server cut its connection."""
    try:
        return work()
    except psycopg.OperationalError as error:
        _log.warning("the database connection was lost, trying again: %s", error)
        return work()


class PostgresBackend:
    def __init__(self, engine: sa.Engine) -> None:
        self._engine = engine
        self._stop = threading.Event()
        self._listener: threading.Thread | None = None

    def uuid_param(self, value: uuid.UUID) -> Any:
        return value

    def time_param(self, value: dt.datetime) -> Any:
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)

    def write(self, stream_id: str, rows: list[tuple[Any, ...]], check: Check) -> int:
        # A connection cut mid-append (server restart, pg_terminate_backend) is tried once
        # more on a fresh one: if the first try did commit, its event ids are found stored
        # and the append reports a duplicate rather than writing the events twice.
        return _once_more(lambda: self._write(stream_id, rows, check))

    def _write(self, stream_id: str, rows: list[tuple[Any, ...]], check: Check) -> int:
        conn = self._engine.raw_connection()
        try:
            pg: psycopg.Connection[Any] = conn.driver_connection  # type: ignore[assignment]
            try:
                with pg.cursor() as cursor:
                    cursor.execute(_LOCK)
                    cursor.execute(_HEADS, (stream_id,))
                    head, actual = cursor.fetchone() or (None, None)
                    head = int(head or 0)
                    base = check(head, actual)
                    with cursor.copy(_COPY) as copy:
                        for row in rows:
                            copy.write_row((head + row[0], *row[1:3], base + row[3], *row[4:]))
                pg.commit()
            except BaseException:
                if pg.closed:
                    conn.invalidate()
                else:
                    pg.rollback()
                raise
            return head + 1
        finally:
            conn.close()

    def query(self, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        return _once_more(lambda: self._query(sql, params))

    def _query(self, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
        conn = self._engine.raw_connection()
        try:
            pg: psycopg.Connection[Any] = conn.driver_connection  # type: ignore[assignment]
            try:
                with pg.cursor() as cursor:
                    cursor.execute(sql, tuple(params))
                    rows = cursor.fetchall()
                pg.rollback()
            except BaseException:
                if pg.closed:
                    conn.invalidate()
                raise
            return rows
        finally:
            conn.close()

    def envelope_expr(self) -> str:
        return _ENVELOPE

    def aggregate_expr(self, column: str) -> str:
        return f"string_agg({column}, ',' ORDER BY position)"

    def placeholder(self) -> str:
        return "%s"

    def start_listening(self, wake: Callable[[], None]) -> None:
        if self._listener is None:
            url = self._engine.url.set(drivername="postgresql").render_as_string(False)
            self._listener = threading.Thread(
                target=self._listen, args=(url, wake), name="timeline-listen", daemon=True
            )
            self._listener.start()

    def _listen(self, url: str, wake: Callable[[], None]) -> None:
        while not self._stop.is_set():
            try:
                with psycopg.connect(url, autocommit=True) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    wake()  # anything appended while we were not listening
                    while not self._stop.is_set():
                        for _ in conn.notifies(timeout=1.0):
                            wake()
            except psycopg.Error as error:
                _log.warning("event listener lost its connection, retrying: %s", error)
                self._stop.wait(1.0)

    def is_integrity_error(self, error: Exception) -> bool:
        return isinstance(error, psycopg.errors.IntegrityError)

    def close(self) -> None:
        self._stop.set()
        if self._listener is not None:
            self._listener.join(timeout=5)
        self._engine.dispose()
