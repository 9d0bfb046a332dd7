"""What runs beside the API in its process: the read models' follower and the scheduler."""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

from litestar import Litestar

from timeline.api._context import Context, LazyExtractor
from timeline.jobs import SourceSpec, Worker, WorkerOptions

__all__ = ["following", "scheduling"]

_log = logging.getLogger("timeline.api")
_JOIN = 5.0  # seconds a thread gets to stop at shutdown; both wake at least every 2 s

Lifespan = Callable[[Litestar], AbstractAsyncContextManager[None]]
Step = Callable[[threading.Event], Any]


def _in_thread(name: str, target: Step) -> Lifespan:
    @asynccontextmanager
    async def lifespan(_: Litestar) -> AsyncIterator[None]:
        stop = threading.Event()
        thread = threading.Thread(target=target, args=(stop,), name=name, daemon=True)
        thread.start()
        try:
            yield
        finally:
            stop.set()
            thread.join(timeout=_JOIN)

    return lifespan


def _retried(what: str, step: Step) -> Step:
    """Run `step` until `stop` is set; an error is logged and retried in 5 s, not fatal."""

    def loop(stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                step(stop)
            except Exception:
                _log.exception("%s failed; retrying in 5 s", what)
                stop.wait(5)

    return loop


def following(context: Context) -> Lifespan:
    """A thread that applies the events other processes append to the read models."""
    poll = max(context.settings.poll_interval, 0.2)
    step = _retried(
        "the read models' follower", lambda stop: context.projector.follow(stop, poll=poll)
    )
    return _in_thread("timeline-projector", step)


def scheduling(context: Context, specs: list[SourceSpec], *, follow: bool) -> Lifespan:
    """The scheduler, in a thread: it schedules while this process holds the leader lock
    (other processes of the same database wait for it). With `follow`, the worker keeps the
    read models current itself; not when the API's follower does it already."""
    worker = Worker(
        context.engine,
        context.app.store,
        extractor=LazyExtractor(context),
        fetcher=context.fetcher,
        specs=specs,
        options=WorkerOptions(actor="timeline serve", follow=follow),
    )
    return _in_thread("timeline-scheduler", _retried("the scheduler", worker.run))
