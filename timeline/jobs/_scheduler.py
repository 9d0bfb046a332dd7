"""APScheduler 3.11 with its job store in the log's database, kept in step with the sources."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import threading
from collections.abc import Callable, Iterable, Sequence

import sqlalchemy as sa
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.jobstores.base import JobLookupError
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.background import BackgroundScheduler

from timeline.domain.events import SourceRunFinished
from timeline.jobs._model import SourceSpec
from timeline.jobs._queries import SourceView
from timeline.jobs._tables import JOBS_TABLE

__all__ = ["RunFunction", "SourceScheduler", "backoff", "scheduled_run"]

log = logging.getLogger(__name__)

RunFunction = Callable[[str, str], SourceRunFinished]

# Jobs are stored pickled, naming their function by its import path; what they run lives in
# this process. The scheduler registers itself here under its name when it starts.
_RUNNERS: dict[str, Callable[[str, str], None]] = {}


def scheduled_run(name: str, source_id: str, trigger: str = "schedule") -> None:
    """What every stored job calls: the run of `source_id` by the scheduler named `name`."""
    runner = _RUNNERS.get(name)
    if runner is None:
        log.warning("no scheduler %r in this process for source %s", name, source_id)
        return
    runner(source_id, trigger)


def backoff(failures: int, base: float, ceiling: float) -> float:
    """Seconds before retrying after `failures` failed runs in a row: base, 2 base, 4 base..."""
    return float(min(base * 2 ** max(failures - 1, 0), ceiling))


class SourceScheduler:
    """One BackgroundScheduler: a job per source (`source:ID`) and one-off `retry:ID` jobs.

    Misfires are coalesced into one run however late; a source never runs twice at once,
    whichever of its jobs fires. A failed run is retried with exponential backoff, capped
    at `retry_max`; the schedule goes on meanwhile.
    """

    def __init__(
        self,
        engine: sa.Engine,
        run: RunFunction,
        *,
        name: str = "default",
        workers: int = 4,
        retry_base: float = 30.0,
        retry_max: float = 3600.0,
    ) -> None:
        self.name = name
        self._run = run
        self._retry = (retry_base, retry_max)
        self._failures: dict[str, int] = {}
        self._running: set[str] = set()
        self._lock = threading.Lock()
        self.scheduler = BackgroundScheduler(
            jobstores={"default": SQLAlchemyJobStore(engine=engine, tablename=JOBS_TABLE)},
            executors={"default": ThreadPoolExecutor(workers)},
            job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": None},
            timezone=dt.UTC,
        )

    def start(self, *, paused: bool = False) -> None:
        _RUNNERS[self.name] = self.run_now
        self.scheduler.start(paused=paused)

    def shutdown(self, wait: bool = True) -> None:
        if _RUNNERS.get(self.name) == self.run_now:
            del _RUNNERS[self.name]
        if self.scheduler.running:
            self.scheduler.shutdown(wait=wait)

    def run_now(self, source_id: str, trigger: str = "manual") -> None:
        """Run the source in this thread unless it is running already; retry if it fails."""
        with self._lock:
            if source_id in self._running:
                log.info("source %s is still running: this run is skipped", source_id)
                return
            self._running.add(source_id)
        try:
            finished = self._run(source_id, trigger)
        finally:
            with self._lock:
                self._running.discard(source_id)
        if finished.ok:
            self._failures.pop(source_id, None)
            self._remove(f"retry:{source_id}")
            return
        failures = self._failures[source_id] = self._failures.get(source_id, 0) + 1
        delay = backoff(failures, *self._retry)
        when = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=delay)
        self.scheduler.add_job(
            scheduled_run,
            "date",
            run_date=when,
            args=[self.name, source_id, "retry"],
            id=f"retry:{source_id}",
            name=f"retry {source_id}",
            replace_existing=True,
        )

    def reconcile(self, views: Sequence[SourceView], recover: Iterable[str] = ()) -> None:
        """Make the jobs match the sources: add, reschedule, pause, resume, remove.

        A new source runs at once; so do the sources in `recover`, whose last run was
        cut short (its worker died).
        """
        now = dt.datetime.now(dt.UTC)
        jobs = {job.id: job for job in self.scheduler.get_jobs()}
        wanted: set[str] = set()
        for view in views:
            job_id = f"source:{view.id}"
            wanted.add(job_id)
            trigger = _spec(view).trigger()
            job = jobs.get(job_id)
            if job is None:
                self.scheduler.add_job(
                    scheduled_run,
                    trigger,
                    args=[self.name, view.id],
                    id=job_id,
                    name=view.id,
                    next_run_time=None if view.paused else now,
                )
                continue
            if str(job.trigger) != str(trigger):
                job = self.scheduler.reschedule_job(job_id, trigger=trigger)
            if view.paused and job.next_run_time is not None:
                self.scheduler.pause_job(job_id)
            elif not view.paused and job.next_run_time is None:
                self.scheduler.resume_job(job_id)
        for source_id in recover:
            if f"source:{source_id}" in wanted:
                self.scheduler.add_job(
                    scheduled_run,
                    "date",
                    run_date=now,
                    args=[self.name, source_id, "recover"],
                    id=f"retry:{source_id}",
                    replace_existing=True,
                )
        kept = {view.id for view in views}
        for job_id in jobs:
            if job_id.split(":", 1)[-1] not in kept:  # removed sources, and their retries
                self._remove(job_id)

    def _remove(self, job_id: str) -> None:
        with contextlib.suppress(JobLookupError):
            self.scheduler.remove_job(job_id)


def _spec(view: SourceView) -> SourceSpec:
    return SourceSpec(
        id=view.id,
        kind=view.kind,  # type: ignore[arg-type]
        location=view.location,
        interval=view.interval,
        cron=view.cron,
    )
