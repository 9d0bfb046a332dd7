"""The worker: the projection runner always, the scheduler while this process leads."""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence

import msgspec
import sqlalchemy as sa

from timeline.domain.events import SourceRunFinished
from timeline.jobs._commands import sync_config
from timeline.jobs._http import Fetcher
from timeline.jobs._leader import Leadership, leadership_for
from timeline.jobs._model import SourceSpec
from timeline.jobs._projection import read_models
from timeline.jobs._queries import list_sources
from timeline.jobs._runs import RunContext, run_source
from timeline.jobs._scheduler import SourceScheduler
from timeline.projections import Projector
from timeline.services import DealExtractor
from timeline.store import EventStore

__all__ = ["Worker", "WorkerOptions", "projector_with_sources"]

log = logging.getLogger(__name__)


class WorkerOptions(msgspec.Struct, frozen=True, kw_only=True):
    poll: float = 1.0  # how often the leader brings jobs in step with the sources
    lead_poll: float = 2.0  # how often a follower tries to take the lead
    retry_base: float = 30.0
    retry_max: float = 3600.0
    workers: int = 4
    actor: str = "timeline worker"
    # Run a thread that keeps the read models up with the log. Off when embedded in the API,
    # whose own follower does it already.
    follow: bool = True


def projector_with_sources(engine: sa.Engine, store: EventStore) -> Projector:
    """The usual read models and the sources one, brought up to date together."""
    return Projector(engine, store, read_models())


class Worker:
    """Runs until `stop` is set. Sources declared in the settings file are written to the
    log when the worker takes the lead, so the leader's file is the one that counts."""

    def __init__(
        self,
        engine: sa.Engine,
        store: EventStore,
        *,
        extractor: DealExtractor,
        fetcher: Fetcher,
        specs: Sequence[SourceSpec] = (),
        options: WorkerOptions | None = None,
        leadership: Leadership | None = None,
    ) -> None:
        self.engine = engine
        self.store = store
        self.options = options or WorkerOptions()
        self.specs = tuple(specs)
        self.leadership = leadership or leadership_for(engine)
        self.projector = projector_with_sources(engine, store)
        self.context = RunContext(
            store=store, extractor=extractor, fetcher=fetcher, actor=self.options.actor
        )
        self.scheduler: SourceScheduler | None = None
        self.leading = threading.Event()

    def run(self, stop: threading.Event) -> None:
        self.projector.catch_up()  # a stale read model stops the worker here, loudly
        follower = threading.Thread(
            target=self.projector.follow, args=(stop, self.options.poll), name="projector"
        )
        if self.options.follow:
            follower.start()
        try:
            while not stop.is_set():
                self._step()
                stop.wait(self.options.poll if self.scheduler else self.options.lead_poll)
        finally:
            self._resign()
            if follower.is_alive():
                follower.join()

    def _step(self) -> None:
        if self.scheduler is None:
            if self.leadership.acquire():
                self._lead()
            return
        if not self.leadership.held():
            log.warning("lost the scheduler lock: another worker will take over")
            self._resign()
            return
        self.scheduler.reconcile(list_sources(self.engine))

    def _lead(self) -> None:
        sync_config(self.store, self.specs, self.options.actor)
        self.projector.catch_up()
        scheduler = SourceScheduler(
            self.engine,
            self._run,
            workers=self.options.workers,
            retry_base=self.options.retry_base,
            retry_max=self.options.retry_max,
        )
        scheduler.start()
        views = list_sources(self.engine)
        # A run that started and never finished was cut short by a dead worker: redo it.
        scheduler.reconcile(views, recover=[v.id for v in views if v.running])
        self.scheduler = scheduler
        self.leading.set()
        log.info("leading: scheduling %d sources", len(views))

    def _resign(self) -> None:
        if self.scheduler is not None:
            self.scheduler.shutdown(wait=False)
            self.scheduler = None
        self.leading.clear()
        self.leadership.release()

    def _run(self, source_id: str, trigger: str) -> SourceRunFinished:
        return run_source(self.context, source_id, trigger)
