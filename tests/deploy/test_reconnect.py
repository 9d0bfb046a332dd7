"""A PostgreSQL connection cut by the server (pg_terminate_backend) fails no append, no
catch-up and no later request: what bench/faults.py found under load."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
import sqlalchemy as sa

from timeline.domain.events import ArticleIngested
from timeline.projections import Projector
from timeline.store import (
    InMemoryEventStore,
    NewEvent,
    StreamState,
    create_engine,
    open_sql_store,
)

pytestmark = pytest.mark.postgres


def _article(n: int) -> list[NewEvent]:
    ingested = ArticleIngested(
        article_id=f"cut{n}",
        url=f"https://news.example/cut/{n}",
        title=f"Article {n}",
        text="Acme and Globex agreed to a partnership.",
        content_hash=f"cut-{n}",
    )
    return [NewEvent(event=ingested)]


@pytest.fixture
def admin(postgres_schema_url: str) -> Iterator[sa.Engine]:
    """A connection of its own, to hold locks and cut the others."""
    engine = create_engine(postgres_schema_url, isolation_level="AUTOCOMMIT", poolclass=sa.NullPool)
    yield engine
    engine.dispose()


def _cut(admin: sa.Engine, where: str) -> int:
    """Terminate the backends of this database whose activity matches `where`."""
    with admin.connect() as conn:
        return len(
            conn.execute(
                sa.text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    f" WHERE datname = current_database() AND pid <> pg_backend_pid() AND {where}"
                )
            ).all()
        )


def _cut_while_waiting(
    admin: sa.Engine, lock: str, work: Callable[[], Any], waiting_on: str
) -> Any:
    """Run `work` while `lock` is held elsewhere, cut its connection as it waits, release."""
    result: list[Any] = []
    with admin.connect() as holder:
        holder.exec_driver_sql("BEGIN")
        holder.exec_driver_sql(lock)
        thread = threading.Thread(target=lambda: result.append(work()))
        thread.start()
        cut = 0
        deadline = time.monotonic() + 10
        while not cut and time.monotonic() < deadline:
            time.sleep(0.05)
            cut = _cut(admin, f"wait_event_type = 'Lock' AND query LIKE '{waiting_on}%'")
        holder.exec_driver_sql("COMMIT")
        thread.join(timeout=30)
    assert cut == 1, "the work never waited on the lock"
    assert result, "the work failed"
    return result[0]


def test_pooled_connections_cut_by_the_server_are_replaced(
    postgres_engine: sa.Engine, admin: sa.Engine
) -> None:
    store = open_sql_store(postgres_engine)
    store.append("article-cut0", _article(0), StreamState.NO_STREAM)
    with postgres_engine.connect() as a, postgres_engine.connect() as b:  # two in the pool
        pids = [c.exec_driver_sql("SELECT pg_backend_pid()").scalar() for c in (a, b)]
    assert _cut(admin, f"pid IN ({pids[0]}, {pids[1]})") == 2
    with postgres_engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM events").scalar() == 1
    assert store.head() == 1


def test_an_append_cut_while_it_waits_is_made_once(
    postgres_engine: sa.Engine, admin: sa.Engine
) -> None:
    store = open_sql_store(postgres_engine)
    store.append("article-cut0", _article(0), StreamState.NO_STREAM)
    result = _cut_while_waiting(
        admin,
        "LOCK TABLE events IN EXCLUSIVE MODE",
        lambda: store.append("article-cut1", _article(1), StreamState.NO_STREAM),
        "LOCK TABLE events",
    )
    assert result.positions == (2,)
    assert not result.duplicate
    assert [r.position for r in store.read_all()] == [1, 2]


def test_a_catch_up_cut_midway_finishes(postgres_engine: sa.Engine, admin: sa.Engine) -> None:
    store = open_sql_store(postgres_engine)
    projector = Projector(postgres_engine, store)
    store.append("article-cut0", _article(0), StreamState.NO_STREAM)
    projector.catch_up()
    store.append("article-cut1", _article(1), StreamState.NO_STREAM)
    _cut_while_waiting(
        admin,
        "LOCK TABLE projection_checkpoints IN EXCLUSIVE MODE",
        projector.catch_up,
        "SELECT projection_checkpoints",
    )
    assert {pos for pos, _v in projector.checkpoints().values()} == {2}


class _Flaky(InMemoryEventStore):
    """Its first wait for events fails as a lost connection would."""

    failed = False

    def wait_for_events(self, after_position: int, timeout: float) -> int:
        if not self.failed:
            self.failed = True
            raise sa.exc.OperationalError("SELECT", {}, Exception("the connection is lost"))
        return super().wait_for_events(after_position, timeout)


def test_following_goes_on_after_a_database_error(postgres_engine: sa.Engine) -> None:
    store = _Flaky()
    projector = Projector(postgres_engine, store)
    stop = threading.Event()
    thread = threading.Thread(target=projector.follow, args=(stop, 0.05, 0.05))
    thread.start()
    try:
        store.append(f"article-cut{uuid.uuid4().hex}", _article(0), StreamState.NO_STREAM)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not all(
            pos == 1 for pos, _v in projector.checkpoints().values()
        ):
            time.sleep(0.05)
    finally:
        stop.set()
        thread.join(timeout=10)
    assert store.failed
    assert {pos for pos, _v in projector.checkpoints().values()} == {1}


def test_catch_ups_lock_the_checkpoints_in_one_order(postgres_engine: sa.Engine) -> None:
    # An API's projector (four read models) and a worker's (five) deadlocked under load when
    # each locked the rows in its scan's order, which changes as the rows are updated.
    statements: list[str] = []
    sa.event.listen(postgres_engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    store = open_sql_store(postgres_engine)
    store.append("article-cut0", _article(0), StreamState.NO_STREAM)
    Projector(postgres_engine, store).catch_up()
    locking = [s for s in statements if "FOR UPDATE" in s]
    assert locking
    assert all("ORDER BY projection_checkpoints.name" in s for s in locking)
