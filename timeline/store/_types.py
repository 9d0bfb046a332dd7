"""What goes into the event store and what comes back out, and how appends fail."""

from __future__ import annotations

import datetime as dt
import enum
import uuid

import msgspec

from timeline.domain.events import DomainEvent, Event, type_name

__all__ = [
    "MAX_POSITION",
    "AppendResult",
    "DuplicateEventError",
    "EventStoreError",
    "ExpectedVersion",
    "Metadata",
    "NewEvent",
    "RecordedEvent",
    "StreamState",
    "WrongExpectedVersion",
]


# Log positions are 64-bit integers in both databases; no position is larger.
MAX_POSITION = 2**63 - 1


class StreamState(enum.Enum):
    """Expected versions that are not a number."""

    NO_STREAM = "no_stream"
    ANY = "any"


ExpectedVersion = int | StreamState


class Metadata(msgspec.Struct, frozen=True, kw_only=True, gc=False, omit_defaults=True):
    causation_id: uuid.UUID | None = None
    correlation_id: uuid.UUID | None = None
    extractor_version: str | None = None
    actor: str | None = None
    reason: str | None = None  # why an analyst retracted or recorded an event by hand


class NewEvent(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """An event on its way into the log; `event_id` makes a retried append harmless."""

    event: Event
    event_id: uuid.UUID = msgspec.field(default_factory=uuid.uuid4)
    metadata: Metadata = Metadata()
    occurred_at: dt.datetime | None = None


class RecordedEvent(msgspec.Struct, frozen=True, kw_only=True, gc=False, array_like=True):
    """An event as the log holds it. Encoded as an array: the SQL stores build pages in it."""

    position: int
    stream_id: str
    stream_version: int
    event_id: uuid.UUID
    metadata: Metadata
    occurred_at: dt.datetime
    recorded_at: dt.datetime
    event: DomainEvent  # last, so a database can append the stored JSON as it is

    @property
    def type(self) -> str:
        return type_name(type(self.event))


class AppendResult(msgspec.Struct, frozen=True, kw_only=True):
    """Where a batch landed; `duplicate` means it was already stored and nothing was written."""

    stream_id: str
    positions: tuple[int, ...]
    stream_version: int
    duplicate: bool = False


class EventStoreError(Exception):
    """Base of the errors an append can raise."""


class WrongExpectedVersion(EventStoreError):
    def __init__(self, stream_id: str, expected: ExpectedVersion, actual: int | None) -> None:
        shown = expected.value if isinstance(expected, StreamState) else expected
        found = "does not exist" if actual is None else f"is at version {actual}"
        super().__init__(f"stream {stream_id!r} {found}, but the append expected {shown}")
        self.stream_id = stream_id
        self.expected = expected
        self.actual = actual


class DuplicateEventError(EventStoreError):
    """An event id is already stored with other content, or a batch is only partly stored."""
