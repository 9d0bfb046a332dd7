"""The event store on SQL: one append-only table, shared logic over a per-database backend."""

from __future__ import annotations

import datetime as dt
import threading
import time
import uuid
from collections.abc import Callable, Collection, Iterator, Sequence
from typing import Any, Protocol

import msgspec

from timeline.store._codec import Codec
from timeline.store._reading import PageReader
from timeline.store._rules import (
    StoredRow,
    check_expected,
    check_stream_id,
    duplicate_result,
    utc_now,
)
from timeline.store._types import (
    AppendResult,
    DuplicateEventError,
    EventStoreError,
    ExpectedVersion,
    NewEvent,
    RecordedEvent,
)

__all__ = ["Backend", "Check", "SqlEventStore", "Waiter"]

# Given the log head and the stream's version under the append lock, checks the expected
# version (raising when it is wrong) and returns the version the batch builds on.
Check = Callable[[int, int | None], int]


class Backend(Protocol):
    """What differs between SQLite and PostgreSQL: locking, parameters, notification."""

    def uuid_param(self, value: uuid.UUID) -> Any: ...

    def time_param(self, value: dt.datetime) -> Any: ...

    def write(self, stream_id: str, rows: list[tuple[Any, ...]], check: Check) -> int:
        """Under the append lock, `check` the stream, then insert `rows`; the first position.

        Each row numbers its event 1, 2, ... in its position and stream version columns:
        the backend adds the log head and the stream's base version. Raises the driver's
        IntegrityError on a duplicate event id.
        """
        ...

    def query(self, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]: ...

    def envelope_expr(self) -> str: ...

    def aggregate_expr(self, column: str) -> str: ...

    def placeholder(self) -> str: ...

    def start_listening(self, wake: Callable[[], None]) -> None:
        """Call `wake` when another process appends; nothing when the database cannot say."""
        ...

    def is_integrity_error(self, error: Exception) -> bool: ...

    def close(self) -> None: ...


class Waiter:
    """Wakes readers after appends in this process, else polls the head."""

    def __init__(self, poll_interval: float) -> None:
        self._changed = threading.Condition()
        self._poll = poll_interval

    def wake(self) -> None:
        with self._changed:
            self._changed.notify_all()

    def wait(self, after_position: int, timeout: float, head: Callable[[], int]) -> int:
        deadline = time.monotonic() + max(timeout, 0.0)
        while True:
            current = head()
            remaining = deadline - time.monotonic()
            if current > after_position or remaining <= 0:
                return current
            with self._changed:
                self._changed.wait(min(self._poll, remaining))


class SqlEventStore:
    def __init__(
        self,
        backend: Backend,
        codec: Codec | None = None,
        clock: Callable[[], dt.datetime] = utc_now,
        poll_interval: float = 0.1,
    ) -> None:
        self._backend = backend
        self._codec = codec or Codec()
        self._clock = clock
        self._waiter = Waiter(poll_interval)
        self._listening = False
        self._listen_lock = threading.Lock()
        self._reader = PageReader(backend, self._codec)

    def append(
        self, stream_id: str, events: Sequence[NewEvent], expected_version: ExpectedVersion
    ) -> AppendResult:
        check_stream_id(stream_id)
        b = self._backend
        recorded = b.time_param(self._clock())
        # Everything is prepared before the append lock is taken; under it, the backend only
        # adds the head and the stream's version to the 1, 2, ... each row holds.
        rows = [
            (
                i,
                b.uuid_param(new.event_id),
                stream_id,
                i,
                type_name,
                version,
                data,
                meta,
                recorded if new.occurred_at is None else b.time_param(new.occurred_at),
                recorded,
            )
            for i, (new, (type_name, version, data, meta)) in enumerate(
                zip(events, self._codec.encode_rows(events), strict=True), start=1
            )
        ]
        base_version = 0

        def check(head: int, actual: int | None) -> int:
            nonlocal base_version
            check_expected(stream_id, expected_version, actual)
            base_version = actual or 0
            return base_version

        try:
            first = b.write(stream_id, rows, check) if events else 0
        except EventStoreError:
            # A retried append that already landed must succeed, not fail on the version.
            found = self._stored(events)
            if found:
                return self._duplicate(stream_id, events, found)
            raise
        except Exception as error:
            if not b.is_integrity_error(error):
                raise
            found = self._stored(events)
            if found:
                return self._duplicate(stream_id, events, found)
            if len({e.event_id for e in events}) != len(events):
                raise DuplicateEventError("the batch holds the same event id twice") from None
            raise EventStoreError(f"append to {stream_id!r} refused: {error}") from error
        if not rows:
            check_expected(stream_id, expected_version, self.stream_version(stream_id))
            return AppendResult(
                stream_id=stream_id,
                positions=(),
                stream_version=self.stream_version(stream_id) or 0,
            )
        self._waiter.wake()
        return AppendResult(
            stream_id=stream_id,
            positions=tuple(range(first, first + len(rows))),
            stream_version=base_version + len(rows),
        )

    def read_all(
        self, after_position: int = 0, limit: int = 1000, types: Collection[str] | None = None
    ) -> list[RecordedEvent]:
        return self._reader.after(after_position, limit, types)

    def iter_all(
        self, after_position: int = 0, page_size: int = 10_000, types: Collection[str] | None = None
    ) -> Iterator[list[RecordedEvent]]:
        return self._reader.pages(after_position, page_size, types)

    def read_stream(self, stream_id: str, from_version: int = 1) -> list[RecordedEvent]:
        return self._reader.stream(stream_id, from_version)

    def all_current(self, after_position: int, up_to: int) -> bool:
        """Whether every event in (`after_position`, `up_to`] is at its type's current schema
        version, so that SQL reading the stored JSON sees what the code would decode."""
        return self._reader.all_current(after_position, up_to)

    def find_event(self, event_id: uuid.UUID) -> RecordedEvent | None:
        found = self._reader.event(self._backend.uuid_param(event_id))
        return found[0] if found else None

    def stream_version(self, stream_id: str) -> int | None:
        p = self._backend.placeholder()
        sql = f"SELECT max(stream_version) FROM events WHERE stream_id = {p}"
        value = self._backend.query(sql, [stream_id])[0][0]
        return None if value is None else int(value)

    def head(self) -> int:
        return int(self._backend.query("SELECT coalesce(max(position), 0) FROM events", [])[0][0])

    def wait_for_events(self, after_position: int, timeout: float) -> int:
        with self._listen_lock:
            if not self._listening:
                self._backend.start_listening(self._waiter.wake)
                self._listening = True
        return self._waiter.wait(after_position, timeout, self.head)

    def close(self) -> None:
        self._backend.close()

    def _stored(self, events: Sequence[NewEvent]) -> list[StoredRow]:
        if not events:
            return []
        p = self._backend.placeholder()
        ids = [self._backend.uuid_param(e.event_id) for e in events]
        sql = (
            "SELECT position, stream_id, stream_version, event_id, type, schema_version,"
            " data, metadata, occurred_at, recorded_at FROM events"
            f" WHERE event_id IN ({', '.join([p] * len(ids))})"
        )
        by_id = {}
        for row in self._backend.query(sql, ids):
            stored = _as_stored(row)
            by_id[stored.event_id] = stored
        return [by_id[e.event_id] for e in events if e.event_id in by_id]

    def _duplicate(
        self, stream_id: str, events: Sequence[NewEvent], found: list[StoredRow]
    ) -> AppendResult:
        if len(found) != len(events):
            raise DuplicateEventError(
                f"batch for {stream_id!r} is partly stored already: append it whole or not"
            )
        return duplicate_result(stream_id, events, found, self._codec)


def _as_stored(row: tuple[Any, ...]) -> StoredRow:
    event_id = row[3] if isinstance(row[3], uuid.UUID) else uuid.UUID(str(row[3]))
    data, meta = (v if isinstance(v, str | bytes) else msgspec.json.encode(v) for v in row[6:8])
    return StoredRow(
        position=int(row[0]),
        stream_id=row[1],
        stream_version=int(row[2]),
        event_id=event_id,
        type=row[4],
        schema_version=int(row[5]),
        data=data.encode() if isinstance(data, str) else data,
        metadata=meta.encode() if isinstance(meta, str) else meta,
        occurred_at=_as_time(row[8]),
        recorded_at=_as_time(row[9]),
    )


def _as_time(value: Any) -> dt.datetime:
    parsed = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
