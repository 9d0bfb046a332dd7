"""Reading the log fast: pages built as one JSON text by the database, decoded in one call."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import itertools
import queue
import re
import threading
import uuid
from collections.abc import Collection, Iterator, Sequence
from typing import Any, Protocol

import msgspec

from timeline.store._codec import Codec
from timeline.store._types import Metadata, RecordedEvent

__all__ = ["PageReader", "PageSource"]

_NAME = re.compile(r"^\w+$")


class PageSource(Protocol):
    """What a backend offers the reader."""

    def placeholder(self) -> str: ...

    def envelope_expr(self) -> str:
        """SQL for one row as a JSON array in RecordedEvent's field order."""
        ...

    def aggregate_expr(self, column: str) -> str:
        """SQL joining `column` over the page with commas, in order of position."""
        ...

    def query(self, sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]: ...


class _Query(msgspec.Struct, frozen=True):
    rows: str  # one row per event
    page: str  # the same rows folded into one text
    params: list[Any]


class _Envelope(msgspec.Struct, array_like=True, gc=False):
    """A stored row whose event is still raw, for rows that need upcasting."""

    position: int
    stream_id: str
    stream_version: int
    event_id: uuid.UUID
    metadata: Metadata
    occurred_at: dt.datetime
    recorded_at: dt.datetime
    event: dict[str, Any]


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Decoding allocates many acyclic objects; collecting between them only costs time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


class PageReader:
    def __init__(self, source: PageSource, codec: Codec) -> None:
        self._source = source
        self._codec = codec
        self._batch = msgspec.json.Decoder(list[RecordedEvent])
        self._raw = msgspec.json.Decoder(_Envelope)
        current = " OR ".join(
            f"(type = '{name}' AND schema_version = {version})"
            for name, version in codec.versions().items()
            if _NAME.match(name)
        )
        self._current = current or "FALSE"
        self._stale_expr = f"sum(CASE WHEN {self._current} THEN 0 ELSE 1 END)"

    def all_current(self, after: int, up_to: int) -> bool:
        """Whether every event in (`after`, `up_to`] is stored at its type's current version."""
        p = self._source.placeholder()
        sql = (
            f"SELECT count(*) FROM (SELECT 1 FROM events WHERE position > {p}"
            f" AND position <= {p} AND NOT ({self._current}) LIMIT 1) AS stale"
        )
        return int(self._source.query(sql, [after, up_to])[0][0]) == 0

    def after(
        self, position: int, limit: int, types: Collection[str] | None = None
    ) -> list[RecordedEvent]:
        query = self._after_query(position, limit, types)
        return self._decode_page(query, self._source.query(query.page, query.params)[0])

    def pages(
        self, position: int, size: int, types: Collection[str] | None = None
    ) -> Iterator[list[RecordedEvent]]:
        """Every page after `position`; the next is fetched while the caller decodes one."""
        ready: queue.Queue[tuple[_Query, tuple[Any, ...]] | BaseException | None]
        ready = queue.Queue(2)
        stop = threading.Event()

        def fetch() -> None:
            after = position
            try:
                while not stop.is_set():
                    query = self._after_query(after, size, types)
                    page = self._source.query(query.page, query.params)[0]
                    if page[0] is None:
                        break
                    ready.put((query, page))
                    after = int(page[0])
            except BaseException as error:
                ready.put(error)
            ready.put(None)

        worker = threading.Thread(target=fetch, name="timeline-read-ahead", daemon=True)
        worker.start()
        try:
            while (item := ready.get()) is not None:
                if isinstance(item, BaseException):
                    raise item
                yield self._decode_page(*item)
        finally:
            stop.set()
            with contextlib.suppress(queue.Empty):
                while True:
                    ready.get_nowait()
            worker.join(timeout=5)

    def stream(self, stream_id: str, from_version: int) -> list[RecordedEvent]:
        p = self._source.placeholder()
        where = f"stream_id = {p} AND stream_version >= {p}"
        query = self._query(where, "stream_version", [stream_id, from_version], limit=None)
        return self._decode_page(query, self._source.query(query.page, query.params)[0])

    def event(self, event_id: object) -> list[RecordedEvent]:
        p = self._source.placeholder()
        query = self._query(f"event_id = {p}", "position", [event_id], limit=None)
        return self._decode_page(query, self._source.query(query.page, query.params)[0])

    def _after_query(self, position: int, limit: int, types: Collection[str] | None) -> _Query:
        p = self._source.placeholder()
        where = f"position > {p}"
        params: list[Any] = [position]
        if types is not None:
            names = sorted(set(types))
            where += f" AND type IN ({', '.join([p] * len(names))})" if names else " AND 1 = 0"
            params.extend(names)
        return self._query(where, "position", params, limit=max(limit, 0))

    def _query(self, where: str, order: str, params: list[Any], limit: int | None) -> _Query:
        p = self._source.placeholder()
        rows = (
            f"SELECT position, type, schema_version, {self._source.envelope_expr()} AS envelope"
            f" FROM events WHERE {where} ORDER BY {order}{'' if limit is None else f' LIMIT {p}'}"
        )
        joined = self._source.aggregate_expr("envelope")
        page = f"SELECT max(position), {self._stale_expr}, {joined} FROM ({rows}) AS page"
        return _Query(rows, page, params if limit is None else [*params, limit])

    def _decode_page(self, query: _Query, page: tuple[Any, ...]) -> list[RecordedEvent]:
        last, stale, joined = page
        if last is None:
            return []
        if stale:
            return self._decode_rows(query)
        with _gc_paused():
            decoded = self._batch.decode(f"[{joined}]")
        # SQLite does not promise to aggregate in the subquery's order; check, cheaply.
        if any(a.position > b.position for a, b in itertools.pairwise(decoded)):
            decoded.sort(key=lambda r: r.position)
        return decoded

    def _decode_rows(self, query: _Query) -> list[RecordedEvent]:
        """The slow path, one row at a time, for pages holding old schema versions."""
        decoded = []
        for _, type_name, version, envelope in self._source.query(query.rows, query.params):
            if self._codec.is_current(type_name, int(version)):
                decoded.append(self._batch.decode(f"[{envelope}]")[0])
                continue
            raw = self._raw.decode(envelope)
            decoded.append(
                RecordedEvent(
                    position=raw.position,
                    stream_id=raw.stream_id,
                    stream_version=raw.stream_version,
                    event_id=raw.event_id,
                    event=self._codec.upcast(type_name, int(version), raw.event),
                    metadata=raw.metadata,
                    occurred_at=raw.occurred_at,
                    recorded_at=raw.recorded_at,
                )
            )
        return decoded
