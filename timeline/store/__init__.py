"""The event log: tables, the event store and the codec."""

from timeline.store._codec import Codec, UnknownEventType, Upcaster, default_upcasters
from timeline.store._engine import DatabaseError, check_connection, create_engine, open_sql_store
from timeline.store._memory import InMemoryEventStore
from timeline.store._protocol import EventStore
from timeline.store._rules import StoredRow
from timeline.store._sql import SqlEventStore
from timeline.store._tables import events, metadata
from timeline.store._types import (
    MAX_POSITION,
    AppendResult,
    DuplicateEventError,
    EventStoreError,
    ExpectedVersion,
    Metadata,
    NewEvent,
    RecordedEvent,
    StreamState,
    WrongExpectedVersion,
)

__all__ = [
    "MAX_POSITION",
    "AppendResult",
    "Codec",
    "DatabaseError",
    "DuplicateEventError",
    "EventStore",
    "EventStoreError",
    "ExpectedVersion",
    "InMemoryEventStore",
    "Metadata",
    "NewEvent",
    "RecordedEvent",
    "SqlEventStore",
    "StoredRow",
    "StreamState",
    "UnknownEventType",
    "Upcaster",
    "WrongExpectedVersion",
    "check_connection",
    "create_engine",
    "default_upcasters",
    "events",
    "metadata",
    "open_sql_store",
]
