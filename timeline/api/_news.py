"""New events for the live streams: one thread per process waits on the log for all of them."""

from __future__ import annotations

import asyncio
import logging
import threading

from timeline.store import EventStore

__all__ = ["News"]

_log = logging.getLogger("timeline.api")


class News:
    """Wakes every waiting stream when the log's head moves.

    One thread blocks in the store's `wait_for_events` (LISTEN/NOTIFY on PostgreSQL, a poll
    on SQLite) for the whole process, rather than each open stream polling the database.
    """

    def __init__(self, store: EventStore) -> None:
        self._store = store
        self._head = -1  # not known until the thread has looked
        # Each waiting stream: its loop and future, and the position it waits to see passed.
        self._waiters: dict[tuple[asyncio.AbstractEventLoop, asyncio.Future[None]], int] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    async def wait(self, after: int, timeout: float) -> None:
        """Return once the log's head is past `after`, or when `timeout` seconds have gone."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[None] = loop.create_future()
        waiter = (loop, future)
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="timeline-news", daemon=True)
                self._thread.start()
            if self._head > after:
                return
            self._waiters[waiter] = after
        try:
            await asyncio.wait_for(future, max(timeout, 0.0))
        except TimeoutError:
            pass
        finally:
            with self._lock:
                self._waiters.pop(waiter, None)

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _run(self) -> None:
        head = -1
        while not self._stop.is_set():
            try:
                head = self._store.wait_for_events(head, 1.0) if head >= 0 else self._store.head()
            except Exception:
                _log.exception("live streams cannot see the log; trying again in 1 s")
                self._stop.wait(1.0)
                continue
            self._publish(head)

    def _publish(self, head: int) -> None:
        with self._lock:
            if head <= self._head:
                return
            self._head = head
            waiters = [waiter for waiter, after in self._waiters.items() if after < head]
            for waiter in waiters:
                del self._waiters[waiter]
        for loop, future in waiters:
            loop.call_soon_threadsafe(_settle, future)


def _settle(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)
