"""The event store port: every backend offers exactly this."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterator, Sequence
from typing import Protocol

from timeline.store._types import AppendResult, ExpectedVersion, NewEvent, RecordedEvent

__all__ = ["EventStore"]


class EventStore(Protocol):
    def append(
        self, stream_id: str, events: Sequence[NewEvent], expected_version: ExpectedVersion
    ) -> AppendResult:
        """Append all of `events` to the stream, or none of them.

        Raises WrongExpectedVersion when the stream is not at `expected_version`, and
        DuplicateEventError when an event id is stored with other content.
        """
        ...

    def read_all(
        self, after_position: int = 0, limit: int = 1000, types: Collection[str] | None = None
    ) -> list[RecordedEvent]:
        """Events with a position above `after_position`, in order, at most `limit`."""
        ...

    def iter_all(
        self, after_position: int = 0, page_size: int = 10_000, types: Collection[str] | None = None
    ) -> Iterator[list[RecordedEvent]]:
        """Every event after `after_position`, page by page, for replays and exports."""
        ...

    def read_stream(self, stream_id: str, from_version: int = 1) -> list[RecordedEvent]: ...

    def find_event(self, event_id: uuid.UUID) -> RecordedEvent | None:
        """The event stored with `event_id`, or None."""
        ...

    def stream_version(self, stream_id: str) -> int | None:
        """The version of the stream's last event, or None when it has none."""
        ...

    def head(self) -> int:
        """The position of the last event in the log (0 when empty)."""
        ...

    def wait_for_events(self, after_position: int, timeout: float) -> int:
        """Block until the head passes `after_position` or `timeout` seconds pass; the head."""
        ...

    def close(self) -> None: ...
