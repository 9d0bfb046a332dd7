"""The live streams' waiter: woken by an append at once, else by its timeout."""

from __future__ import annotations

import asyncio
import threading
import time

from contract import rumor

from timeline.api._news import News
from timeline.store import InMemoryEventStore, StreamState


def test_an_append_wakes_the_waiting_streams_at_once() -> None:
    store = InMemoryEventStore()
    news = News(store)

    async def wait_for_two() -> float:
        started = time.monotonic()
        await asyncio.gather(news.wait(0, 10.0), news.wait(0, 10.0))
        return time.monotonic() - started

    threading.Timer(0.2, lambda: store.append("s", [rumor(1)], StreamState.ANY)).start()
    try:
        assert asyncio.run(wait_for_two()) < 2.0  # not the 10 s timeout
    finally:
        news.close()


def test_a_quiet_log_lets_the_wait_time_out() -> None:
    store = InMemoryEventStore()
    store.append("s", [rumor(1)], StreamState.ANY)
    news = News(store)
    try:
        started = time.monotonic()
        asyncio.run(news.wait(1, 0.3))
        assert 0.25 < time.monotonic() - started < 2.0
        started = time.monotonic()
        asyncio.run(news.wait(0, 5.0))  # the head is already past 0
        assert time.monotonic() - started < 1.5
    finally:
        news.close()
