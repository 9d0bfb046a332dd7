"""The scheduler: jobs follow the sources, failures back off, one leader, a worker end to end."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from jobserver import ARTICLES

from timeline.domain.events import SourceRunFinished
from timeline.extraction import Extractor
from timeline.jobs import (
    FileLeadership,
    InMemoryFetcher,
    PostgresLeadership,
    SourceScheduler,
    SourceSpec,
    SourceView,
    Worker,
    WorkerOptions,
    backoff,
    configure_source,
    list_sources,
    pause_source,
    projector_with_sources,
    remove_source,
    sources_health,
)
from timeline.jobs._leader import SoleLeadership
from timeline.store import EventStore, create_engine


def wait_for(check: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def finished(source_id: str, ok: bool) -> SourceRunFinished:
    return SourceRunFinished(source_id=source_id, run_id="r", ok=ok)


@pytest.fixture
def views(store: EventStore, engine: sa.Engine) -> Callable[[], list[SourceView]]:
    projector = projector_with_sources(engine, store)

    def current() -> list[SourceView]:
        projector.catch_up()
        return list_sources(engine)

    return current


@pytest.fixture
def paused_scheduler(engine: sa.Engine) -> Iterator[SourceScheduler]:
    """Started paused: the job store is live, nothing runs, so times can be checked."""
    scheduler = SourceScheduler(engine, lambda s, t: finished(s, False), retry_base=10)
    scheduler.start(paused=True)
    yield scheduler
    scheduler.shutdown(wait=False)


def test_backoff_doubles_up_to_its_ceiling() -> None:
    assert [backoff(n, 30, 200) for n in (1, 2, 3, 4, 5)] == [30, 60, 120, 200, 200]


def test_jobs_follow_the_sources(
    store: EventStore,
    views: Callable[[], list[SourceView]],
    paused_scheduler: SourceScheduler,
    tmp_path: Path,
) -> None:
    configure_source(store, SourceSpec(id="a", kind="folder", location=str(tmp_path), interval=60))
    configure_source(
        store, SourceSpec(id="b", kind="folder", location=str(tmp_path), cron="0 6 * * *")
    )
    before = dt.datetime.now(dt.UTC)
    paused_scheduler.reconcile(views())
    jobs = {j.id: j for j in paused_scheduler.scheduler.get_jobs()}
    assert set(jobs) == {"source:a", "source:b"}
    assert jobs["source:a"].next_run_time - before < dt.timedelta(seconds=5)  # new: at once
    assert jobs["source:a"].coalesce and jobs["source:a"].max_instances == 1
    # A changed schedule is rescheduled; pausing and removing follow too.
    configure_source(
        store, SourceSpec(id="a", kind="folder", location=str(tmp_path), cron="30 5 * * *")
    )
    pause_source(store, "b")
    paused_scheduler.reconcile(views())
    jobs = {j.id: j for j in paused_scheduler.scheduler.get_jobs()}
    assert jobs["source:a"].next_run_time.astimezone(dt.UTC).strftime("%H:%M") == "05:30"
    assert jobs["source:b"].next_run_time is None
    remove_source(store, "a")
    paused_scheduler.reconcile(views())
    assert [j.id for j in paused_scheduler.scheduler.get_jobs()] == ["source:b"]


def test_a_failed_run_is_retried_with_backoff_and_a_good_one_clears_it(
    paused_scheduler: SourceScheduler,
) -> None:
    def retry_at() -> dt.datetime:
        return paused_scheduler.scheduler.get_job("retry:x").next_run_time

    start = dt.datetime.now(dt.UTC)
    paused_scheduler.run_now("x", "schedule")
    first = retry_at() - start
    paused_scheduler.run_now("x", "retry")
    second = retry_at() - start
    assert dt.timedelta(seconds=9) < first < dt.timedelta(seconds=12)
    assert dt.timedelta(seconds=19) < second < dt.timedelta(seconds=22)
    paused_scheduler._run = lambda s, t: finished(s, True)
    paused_scheduler.run_now("x", "retry")
    assert paused_scheduler.scheduler.get_job("retry:x") is None


def test_a_source_never_runs_twice_at_once(engine: sa.Engine) -> None:
    entered, release = threading.Event(), threading.Event()
    calls: list[str] = []

    def slow(source_id: str, trigger: str) -> SourceRunFinished:
        calls.append(trigger)
        entered.set()
        release.wait(5)
        return finished(source_id, True)

    scheduler = SourceScheduler(engine, slow)
    first = threading.Thread(target=scheduler.run_now, args=("x", "schedule"))
    first.start()
    entered.wait(5)
    scheduler.run_now("x", "manual")  # skipped: the first is still going
    release.set()
    first.join()
    assert calls == ["schedule"]


def test_worker_runs_sources_on_schedule_and_marks_a_failing_one_unhealthy(
    store: EventStore, engine: sa.Engine, extractor: Extractor, tmp_path: Path
) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    title, body = ARTICLES[0]
    (folder / "a.txt").write_text(f"{title}\n\n{body}\n", "utf-8")
    configure_source(store, SourceSpec(id="good", kind="folder", location=str(folder), interval=1))
    configure_source(
        store, SourceSpec(id="bad", kind="feed", location="http://127.0.0.1:9/feed", interval=3600)
    )
    worker = Worker(
        engine,
        store,
        extractor=extractor,
        fetcher=InMemoryFetcher(),  # knows no URL: the feed fails every time
        options=WorkerOptions(poll=0.1, lead_poll=0.1, retry_base=0.1, retry_max=0.2),
        leadership=SoleLeadership(),
    )
    stop = threading.Event()
    thread = threading.Thread(target=worker.run, args=(stop,))
    thread.start()
    try:
        wait_for(lambda: not sources_health(engine).ok)
        assert sources_health(engine).unhealthy == ("bad",)
        (folder / "b.txt").write_text(f"{ARTICLES[1][0]}\n\n{ARTICLES[1][1]}\n", "utf-8")
        # The good source goes on, on its schedule, and its articles reach the timelines.
        wait_for(lambda: len(store.read_all(0, 100, ["ArticleIngested"])) == 2)
        wait_for(lambda: {v.id: v.articles for v in list_sources(engine)}["good"] == 2)
    finally:
        stop.set()
        thread.join(10)
    assert not thread.is_alive()
    bad = {v.id: v for v in list_sources(engine)}["bad"]
    assert bad.failures >= 3 and "404" in (bad.last_error or "")


def test_only_one_file_lock_holder_and_the_lock_is_taken_over(tmp_path: Path) -> None:
    first, second = FileLeadership(tmp_path / "l"), FileLeadership(tmp_path / "l")
    assert first.acquire() and not second.acquire()
    first.release()
    assert second.acquire() and second.held()
    second.release()


@pytest.mark.postgres
def test_only_one_postgres_leader_and_a_dead_ones_lock_is_taken_over(
    postgres_schema_url: str,
) -> None:
    engines = [create_engine(postgres_schema_url) for _ in range(2)]
    try:
        first, second = (PostgresLeadership(e) for e in engines)
        assert first.acquire() and not second.acquire()
        assert first.held()
        # The holder's connection dies (as with a killed process): the server frees the lock.
        assert first._conn is not None
        pid = first._conn.exec_driver_sql("SELECT pg_backend_pid()").scalar()
        with engines[1].connect() as admin:
            admin.exec_driver_sql(f"SELECT pg_terminate_backend({pid})")
        wait_for(second.acquire)
        assert not first.held()
        second.release()
    finally:
        for e in engines:
            e.dispose()
