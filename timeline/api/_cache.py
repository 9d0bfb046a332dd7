"""Answers to repeated reads, reused until the log or a read model moves on."""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from collections import OrderedDict
from typing import Any, cast
from urllib.parse import urlencode

import sqlalchemy as sa
from litestar import Request
from litestar.config.response_cache import ResponseCacheConfig
from litestar.stores.base import Store

__all__ = [
    "STORE_NAME",
    "BoundedStore",
    "DataState",
    "cache_bytes",
    "response_cache_config",
]

STORE_NAME = "timeline_responses"
_KEY = "timeline.cache_key"
# Where the data stands: the log's head and every projection's checkpoint. They move
# forward with every change a reader could see. A replay rebuilds the rows the checkpoint
# already stood for, unless the projection's version changed, which the key holds too.
_CHECKPOINT = "name || ':' || position || ':' || version"
_STATE = {
    "sqlite": f"SELECT (SELECT max(position) FROM events), (SELECT group_concat(c, ',') FROM"
    f" (SELECT {_CHECKPOINT} AS c FROM projection_checkpoints ORDER BY name))",
    "postgresql": "SELECT (SELECT max(position) FROM events),"
    f" (SELECT string_agg({_CHECKPOINT}, ',' ORDER BY name) FROM projection_checkpoints)",
}


def cache_bytes(setting: int | None, dialect: str) -> int:
    """The cache's size: the setting's megabytes, else 64 on SQLite and none on PostgreSQL.

    Litestar builds a cache key in the event loop, so the state query runs there: a few
    microseconds on a local SQLite file, but a network round trip on PostgreSQL, and a
    stall of every request while a lost server is reconnected to. There it is opt-in.
    """
    if setting is None:
        setting = 64 if dialect == "sqlite" else 0
    return setting * 1024 * 1024


class BoundedStore(Store):
    """The answers most recently used, up to `max_bytes` in all; the rest are dropped.

    Entries never expire by time: a key names the data's state, so a stale entry is one no
    request asks for any more, and it ages out of the LRU order.
    """

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[str, bytes] = OrderedDict()
        self._size = 0

    async def set(
        self, key: str, value: str | bytes, expires_in: int | dt.timedelta | None = None
    ) -> None:
        data = value.encode() if isinstance(value, str) else value
        if len(data) > self.max_bytes:
            return
        await self.delete(key)
        self._items[key] = data
        self._size += len(data)
        while self._size > self.max_bytes:
            _, dropped = self._items.popitem(last=False)
            self._size -= len(dropped)

    async def get(self, key: str, renew_for: int | dt.timedelta | None = None) -> bytes | None:
        data = self._items.get(key)
        if data is not None:
            self._items.move_to_end(key)
        return data

    async def delete(self, key: str) -> None:
        data = self._items.pop(key, None)
        if data is not None:
            self._size -= len(data)

    async def delete_all(self) -> None:
        self._items.clear()
        self._size = 0

    async def exists(self, key: str) -> bool:
        return key in self._items

    async def expires_in(self, key: str) -> int | None:
        return None


class DataState:
    """Reads where the data stands, on every cacheable request, so it must be cheap.

    On SQLite one connection is kept for it: it never opens a transaction, so each read sees
    the latest commit, and it spares the pool's checkout and reset. PostgreSQL's reads go
    through the pool and SQLAlchemy, which replace a connection a server restart cut and
    report it as such (the API answers that 503 and tries the read again, see `_retry`).
    """

    def __init__(self, engine: sa.Engine) -> None:
        self._engine = engine
        self._sql = _STATE[engine.dialect.name]
        self._keep = engine.dialect.name == "sqlite"
        self._held: Any = None
        self._lock = threading.Lock()

    def read(self) -> str:
        if not self._keep:
            with self._engine.connect() as conn:
                head, checkpoints = conn.exec_driver_sql(self._sql).one()
            return f"{head}|{checkpoints}"
        with self._lock:
            if self._held is None:
                self._held = self._engine.raw_connection()
            try:
                cursor = self._held.cursor()
                cursor.execute(self._sql)
                head, checkpoints = cursor.fetchone()
                cursor.close()
            except Exception:
                self._drop()
                raise
            return f"{head}|{checkpoints}"

    def close(self) -> None:
        with self._lock:
            self._drop()

    def _drop(self) -> None:
        held, self._held = self._held, None
        if held is not None:
            with contextlib.suppress(Exception):
                held.invalidate()


def response_cache_config(state: DataState | None) -> ResponseCacheConfig:
    """Keys of the request and the data's state, read once per request: the answer is
    stored under the state read before it was made, so it is never older than its key.

    With no `state` caching is off: every key is the same, in a store that keeps nothing.
    """
    if state is None:
        return ResponseCacheConfig(key_builder=lambda _: "", store=STORE_NAME)

    def key(request: Request[Any, Any, Any]) -> str:
        scope = cast(dict[str, Any], request.scope)
        found = scope.get(_KEY)
        if found is None:
            query = sorted(request.query_params.multi_items())
            found = scope[_KEY] = (
                f"{state.read()}|{request.method} {str(request.base_url).rstrip('/')}"
                f"{request.url.path}?{urlencode(query)}"
            )
        return str(found)

    return ResponseCacheConfig(key_builder=key, store=STORE_NAME)
