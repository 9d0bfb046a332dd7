"""Rules every backend applies the same way: expected versions and idempotent re-appends."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Sequence

import msgspec

from timeline.store._codec import Codec
from timeline.store._types import (
    AppendResult,
    DuplicateEventError,
    ExpectedVersion,
    NewEvent,
    StreamState,
    WrongExpectedVersion,
)

__all__ = ["StoredRow", "check_expected", "check_stream_id", "duplicate_result", "utc_now"]

_STREAM_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:@-]{0,199}$")


def check_stream_id(stream_id: str) -> None:
    """Stream ids are plain names, so they never need quoting anywhere."""
    if not _STREAM_ID.match(stream_id):
        raise ValueError(
            f"bad stream id {stream_id!r}: use up to 200 letters, digits and . _ : @ -"
        )


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class StoredRow(msgspec.Struct, frozen=True, gc=False):
    """One row of the log exactly as a SQL backend would hold it."""

    position: int
    stream_id: str
    stream_version: int
    event_id: uuid.UUID
    type: str
    schema_version: int
    data: bytes
    metadata: bytes
    occurred_at: dt.datetime
    recorded_at: dt.datetime


def check_expected(stream_id: str, expected: ExpectedVersion, actual: int | None) -> None:
    """Raise WrongExpectedVersion unless a stream at `actual` meets `expected`."""
    if expected is StreamState.ANY:
        return
    if expected is StreamState.NO_STREAM:
        if actual is None:
            return
    elif actual == expected or (actual is None and expected == 0):
        return
    raise WrongExpectedVersion(stream_id, expected, actual)


def duplicate_result(
    stream_id: str, events: Sequence[NewEvent], stored: Sequence[StoredRow | None], codec: Codec
) -> AppendResult:
    rows = [r for r in stored if r is not None]
    for new, row in zip(events, rows, strict=True):
        same = (
            row.stream_id == stream_id
            and row.type == codec.type_name(new.event)
            and msgspec.json.decode(row.data) == msgspec.json.decode(codec.encode(new.event))
        )
        if not same:
            raise DuplicateEventError(
                f"event {new.event_id} is already stored with other content"
                f" (in stream {row.stream_id!r} as {row.type})"
            )
    return AppendResult(
        stream_id=stream_id,
        positions=tuple(r.position for r in rows),
        stream_version=max(r.stream_version for r in rows),
        duplicate=True,
    )
