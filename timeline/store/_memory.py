"""An event store in memory: the real thing for tests and one-off runs, not a mock."""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from collections.abc import Callable, Collection, Iterator, Sequence

from timeline.store._codec import Codec
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
    ExpectedVersion,
    NewEvent,
    RecordedEvent,
)

__all__ = ["InMemoryEventStore"]


class InMemoryEventStore:
    def __init__(self, codec: Codec | None = None, clock: Callable[[], dt.datetime] = utc_now):
        self._codec = codec or Codec()
        self._clock = clock
        self._rows: list[StoredRow] = []
        self._by_id: dict[uuid.UUID, StoredRow] = {}
        self._streams: dict[str, list[StoredRow]] = {}
        self._changed = threading.Condition()

    def append(
        self, stream_id: str, events: Sequence[NewEvent], expected_version: ExpectedVersion
    ) -> AppendResult:
        check_stream_id(stream_id)
        codec = self._codec
        with self._changed:
            stored = [self._by_id.get(e.event_id) for e in events]
            if events and all(stored):
                return duplicate_result(stream_id, events, stored, codec)
            if any(stored):
                raise DuplicateEventError(
                    f"batch for {stream_id!r} is partly stored already: append it whole or not"
                )
            stream = self._streams.get(stream_id)
            actual = stream[-1].stream_version if stream else None
            check_expected(stream_id, expected_version, actual)
            if len({e.event_id for e in events}) != len(events):
                raise DuplicateEventError("the batch holds the same event id twice")
            now = self._clock()
            version = actual or 0
            rows = []
            for offset, new in enumerate(events, start=1):
                rows.append(
                    StoredRow(
                        position=len(self._rows) + offset,
                        stream_id=stream_id,
                        stream_version=version + offset,
                        event_id=new.event_id,
                        type=codec.type_name(new.event),
                        schema_version=type(new.event).schema_version,
                        data=codec.encode(new.event),
                        metadata=codec.encode_metadata(new.metadata),
                        occurred_at=new.occurred_at or now,
                        recorded_at=now,
                    )
                )
            self._rows.extend(rows)
            self._streams.setdefault(stream_id, []).extend(rows)
            self._by_id.update((row.event_id, row) for row in rows)
            if rows:
                self._changed.notify_all()
            return AppendResult(
                stream_id=stream_id,
                positions=tuple(r.position for r in rows),
                stream_version=version + len(rows),
            )

    def insert_row(self, row: StoredRow) -> None:
        """Place a row as stored by other code, e.g. an old schema version; keeps order."""
        with self._changed:
            if row.position != len(self._rows) + 1:
                raise ValueError(f"row position must be {len(self._rows) + 1}")
            self._rows.append(row)
            self._streams.setdefault(row.stream_id, []).append(row)
            self._by_id[row.event_id] = row
            self._changed.notify_all()

    def read_all(
        self, after_position: int = 0, limit: int = 1000, types: Collection[str] | None = None
    ) -> list[RecordedEvent]:
        with self._changed:
            rows = self._rows[max(after_position, 0) :]
        if types is not None:
            wanted = set(types)
            rows = [r for r in rows if r.type in wanted]
        return [self._decode(r) for r in rows[: max(limit, 0)]]

    def iter_all(
        self, after_position: int = 0, page_size: int = 10_000, types: Collection[str] | None = None
    ) -> Iterator[list[RecordedEvent]]:
        while page := self.read_all(after_position, page_size, types):
            yield page
            after_position = page[-1].position

    def read_stream(self, stream_id: str, from_version: int = 1) -> list[RecordedEvent]:
        with self._changed:
            rows = list(self._streams.get(stream_id, ()))
        return [self._decode(r) for r in rows[max(from_version, 1) - 1 :]]

    def find_event(self, event_id: uuid.UUID) -> RecordedEvent | None:
        with self._changed:
            row = self._by_id.get(event_id)
        return None if row is None else self._decode(row)

    def stream_version(self, stream_id: str) -> int | None:
        with self._changed:
            stream = self._streams.get(stream_id)
            return stream[-1].stream_version if stream else None

    def head(self) -> int:
        with self._changed:
            return len(self._rows)

    def wait_for_events(self, after_position: int, timeout: float) -> int:
        with self._changed:
            self._changed.wait_for(lambda: len(self._rows) > after_position, timeout)
            return len(self._rows)

    def close(self) -> None:
        pass

    def _decode(self, row: StoredRow) -> RecordedEvent:
        return RecordedEvent(
            position=row.position,
            stream_id=row.stream_id,
            stream_version=row.stream_version,
            event_id=row.event_id,
            event=self._codec.decode(row.type, row.schema_version, row.data),
            metadata=self._codec.decode_metadata(row.metadata),
            occurred_at=row.occurred_at,
            recorded_at=row.recorded_at,
        )
