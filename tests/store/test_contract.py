"""The event store contract run against the in-memory store, SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator
from typing import Any

import msgspec
import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from contract import EventStoreContract, article

from timeline.schema import schema
from timeline.store import (
    EventStore,
    InMemoryEventStore,
    SqlEventStore,
    StoredRow,
    StreamState,
    events,
    open_sql_store,
)
from timeline.store._engine import backend_for
from timeline.store._sql import Backend, Check


class _DelayedClock:
    """A clock whose next reading takes `delay` seconds, inside the in-memory append lock."""

    def __init__(self) -> None:
        self.delay = 0.0

    def __call__(self) -> dt.datetime:
        delay, self.delay = self.delay, 0.0
        time.sleep(delay)
        return dt.datetime.now(dt.UTC)


class TestInMemoryStore(EventStoreContract):
    @pytest.fixture(autouse=True)
    def _store(self) -> None:
        self.clock = _DelayedClock()
        self.store = InMemoryEventStore(clock=self.clock)

    def make_store(self) -> EventStore:
        return self.store

    def make_slow_store(self, delay: float) -> EventStore:
        self.clock.delay = delay
        return self.store

    def insert_raw(self, store: EventStore, row: StoredRow) -> None:
        assert isinstance(store, InMemoryEventStore)
        store.insert_row(row)

    def test_recorded_events_are_frozen(self) -> None:
        self.store.append("s", [article(1)], StreamState.NO_STREAM)
        record = self.store.read_all()[0]
        with pytest.raises(AttributeError):
            record.position = 5  # type: ignore[misc]


class _DelayingBackend:
    """Holds each append's transaction (and so its lock) open for a while before commit."""

    def __init__(self, inner: Backend, delay: float) -> None:
        self._inner = inner
        self._delay = delay

    def write(self, stream_id: str, rows: list[tuple[Any, ...]], check: Check) -> int:
        def slow_check(head: int, actual: int | None) -> int:
            base = check(head, actual)
            time.sleep(self._delay)
            return base

        return self._inner.write(stream_id, rows, slow_check)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


class SqlContract(EventStoreContract):
    engine: sa.Engine
    # How long a second store waits between looks at the head; PostgreSQL must not need it.
    other_poll_interval = 0.05

    def make_store(self) -> EventStore:
        return self.store

    def make_slow_store(self, delay: float) -> EventStore:
        inner = backend_for(self.engine)
        return SqlEventStore(_DelayingBackend(inner, delay))  # type: ignore[arg-type]

    def insert_raw(self, store: EventStore, row: StoredRow) -> None:
        values = msgspec.structs.asdict(row)
        values["data"] = msgspec.json.decode(row.data)
        values["metadata"] = msgspec.json.decode(row.metadata)
        with self.engine.begin() as conn:
            conn.execute(sa.insert(events).values(**values))

    def test_update_and_delete_are_refused_by_the_database(self) -> None:
        self.store.append("s", [article(1)], StreamState.NO_STREAM)
        for statement in (
            "UPDATE events SET type = 'Tampered'",
            "UPDATE events SET data = data",
            "DELETE FROM events",
        ):
            with pytest.raises(sa.exc.DBAPIError, match="append-only"), self.engine.begin() as c:
                c.exec_driver_sql(statement)
        assert self.store.read_all()[0].event == article(1).event

    def test_migrated_schema_matches_the_metadata(self) -> None:
        with self.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), schema())
        assert diff == []

    def test_stores_in_two_processes_share_the_log(self) -> None:
        """A second store on the same database (as another process would be) sees appends."""
        other = open_sql_store(self.engine, poll_interval=self.other_poll_interval)
        waited: list[int] = []
        waiter = threading.Thread(target=lambda: waited.append(other.wait_for_events(0, 60)))
        waiter.start()
        time.sleep(0.3)
        started = time.monotonic()
        self.store.append("s", [article(1)], StreamState.NO_STREAM)
        waiter.join()
        assert waited == [1]
        assert time.monotonic() - started < 5
        assert other.read_all()[0].event == article(1).event


class TestSqliteStore(SqlContract):
    @pytest.fixture(autouse=True)
    def _store(self, sqlite_engine: sa.Engine) -> Iterator[None]:
        self.engine = sqlite_engine
        self.store = open_sql_store(sqlite_engine, poll_interval=0.02)
        yield

    def test_uses_a_file_in_wal_mode(self) -> None:
        with self.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert self.engine.url.database not in (None, "", ":memory:")

    def test_does_not_zero_freed_pages_at_extra_cost(self) -> None:
        # Debian's SQLite zeroes every freed page by default; dropping a replaced read model
        # then cost more than building it.
        with self.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA secure_delete").scalar() == 2  # FAST


@pytest.mark.postgres
class TestPostgresStore(SqlContract):
    other_poll_interval = 30.0  # only LISTEN/NOTIFY can wake it in time

    @pytest.fixture(autouse=True)
    def _store(self, postgres_engine: sa.Engine) -> Iterator[None]:
        self.engine = postgres_engine
        self.store = open_sql_store(postgres_engine, poll_interval=5.0)
        yield
        self.store.close()

    def test_truncate_is_refused(self) -> None:
        self.store.append("s", [article(1)], StreamState.NO_STREAM)
        with pytest.raises(sa.exc.DBAPIError, match="append-only"), self.engine.begin() as c:
            c.exec_driver_sql("TRUNCATE events")
        assert self.store.head() == 1
