"""A `timeline project` killed mid-way leaves read models that finish as a clean rebuild would.

The log is large enough that projecting it takes several pages; the test waits until some
pages are committed but not all, SIGKILLs the process at a random point of a page, runs
`project` again to the end and checks that the read models equal the ones rebuilt from
nothing, with every deal event applied exactly once. If a run ever finishes before it can be
killed, the log grows and it tries again.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import sqlalchemy as sa
from readmodels import dump, reset

from timeline.domain.dates import FuzzyDate
from timeline.domain.events import (
    ArticleIngested,
    ArticleReextracted,
    CompanyRef,
    CompanyRole,
    DealEvent,
    DealKind,
    DenialIssued,
    Event,
    EventRetracted,
    Evidence,
    PartnershipConfirmed,
    RumorReported,
)
from timeline.jobs import read_models
from timeline.projections import Projector, checkpoints, timeline_entries
from timeline.store import Metadata, NewEvent, SqlEventStore, StreamState, open_sql_store

ROOT = Path(__file__).resolve().parents[2]
FIRST_LOG = 12_000  # events: six of the CLI's pages, 3-6 s to project on two shared cores
ATTEMPTS = 3  # each one doubles the log
STARTUP_TIMEOUT = 120.0  # seconds for the first page to commit on a slow, shared machine
RUN_TIMEOUT = 600.0
COMPANIES = (
    ("tencent", "Tencent"),
    ("xiaomi", "Xiaomi"),
    ("alibaba", "Alibaba"),
    ("meizu", "Meizu"),
    ("baidu", "Baidu"),
    ("zte", "ZTE"),
    ("lenovo", "Lenovo"),
    ("huawei", "Huawei"),
)
DEALS = (
    (RumorReported, DealKind.INVESTMENT, "Tencent may invest in Xiaomi, according to Reuters."),
    (DenialIssued, DealKind.INVESTMENT, "Xiaomi denied the report."),
    (PartnershipConfirmed, DealKind.PARTNERSHIP, "Alibaba and Meizu signed a partnership."),
    (RumorReported, DealKind.ACQUISITION, "Alibaba plans to acquire Meizu, Bloomberg said."),
)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def database_url(backend: str, request: pytest.FixtureRequest) -> str:
    """The URL `timeline project` gets: a SQLite file, or a fresh PostgreSQL schema."""
    return str(
        request.getfixturevalue("sqlite_url" if backend == "sqlite" else "postgres_schema_url")
    )


@pytest.fixture
def engine(backend: str, database_url: str, request: pytest.FixtureRequest) -> sa.Engine:
    engine = request.getfixturevalue(f"{backend}_engine")
    assert isinstance(engine, sa.Engine)
    return engine


# -- a synthetic log -------------------------------------------------------------------------


@dataclass
class Log:
    """What was appended: each deal event's companies, and how many events in all."""

    companies: dict[uuid.UUID, tuple[str, ...]] = field(default_factory=dict)
    articles: int = 0
    events: int = 0


def _deal(n: int, i: int, extractor: str) -> DealEvent:
    kind, deal_kind, sentence = DEALS[(n + i) % len(DEALS)]
    a = COMPANIES[(n + i) % len(COMPANIES)]
    b = COMPANIES[(n + 3 * i + 1) % len(COMPANIES)]
    if a == b:
        b = COMPANIES[(COMPANIES.index(a) + 1) % len(COMPANIES)]
    return kind(
        article_id=f"synthetic{n:07d}",
        deal_kind=deal_kind,
        companies=(
            CompanyRef(slug=a[0], name=a[1], role=CompanyRole.ACTOR),
            CompanyRef(slug=b[0], name=b[1], role=CompanyRole.TARGET),
        ),
        sources=("Reuters",) if i % 2 else ("Bloomberg", "Reuters"),
        evidence=(Evidence(text=sentence, start=0, end=len(sentence)),),
        confidence=0.5 + (n % 5) / 10,
        rules=("synthetic.rule",),
        extractor_version=extractor,
        occurred=FuzzyDate.parse(f"{2010 + n % 10}-{1 + n % 12:02d}"),
    )


def _extraction(
    log: Log, head_id: uuid.UUID, head: Event, deals: list[DealEvent], extractor: str
) -> list[NewEvent]:
    meta = Metadata(actor="crash test", extractor_version=extractor)
    caused = Metadata(causation_id=head_id, actor="crash test", extractor_version=extractor)
    batch = [NewEvent(event_id=head_id, event=head, metadata=meta)]
    for deal in deals:
        new = NewEvent(event=deal, metadata=caused)
        batch.append(new)
        log.companies[new.event_id] = tuple(c.slug for c in deal.companies)
    return batch


def grow_log(store: SqlEventStore, log: Log, events: int) -> None:
    """Append about `events` events: articles with four deals each; some re-extracted later,
    some deals retracted, as ingests and analysts would."""
    target = log.events + events
    while log.events < target:
        n = log.articles
        log.articles += 1
        article_id = f"synthetic{n:07d}"
        stream = f"article-{article_id}"
        text = " ".join(sentence for _, _, sentence in DEALS)
        ingested = ArticleIngested(
            article_id=article_id,
            url=f"https://news.example/synthetic/{n}",
            title=f"Synthetic article {n}",
            text=text,
            publisher="Example News",
            published=FuzzyDate.parse(f"{2010 + n % 10}-{1 + n % 12:02d}-{1 + n % 28:02d}"),
            content_hash=f"synthetic-{n}",
        )
        deals = [_deal(n, i, "synthetic-1") for i in range(4)]
        batch = _extraction(log, uuid.uuid4(), ingested, deals, "synthetic-1")
        store.append(stream, batch, StreamState.NO_STREAM)
        log.events += len(batch)
        if n % 10 == 3:  # a better extractor read it again: two deals now
            marker = ArticleReextracted(article_id=article_id, extractor_version="synthetic-2")
            again = [_deal(n, i, "synthetic-2") for i in (0, 2)]
            batch = _extraction(log, uuid.uuid4(), marker, again, "synthetic-2")
            store.append(stream, batch, len(deals) + 1)
            log.events += len(batch)
        if n % 7 == 5:  # an analyst withdrew its first deal
            retraction = EventRetracted(
                event_id=batch[1].event_id, reason="a misreading", by="analyst"
            )
            store.append(stream, [NewEvent(event=retraction)], StreamState.ANY)
            log.events += 1


# -- read models -----------------------------------------------------------------------------


def marks(engine: sa.Engine) -> list[int]:
    with engine.connect() as conn:
        return [int(p) for p in conn.execute(sa.select(checkpoints.c.position)).scalars()]


# -- the CLI -----------------------------------------------------------------------------------


def start_project(database_url: str) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TIMELINE_")}
    env["TIMELINE_DATABASE_URL"] = database_url
    return subprocess.Popen(
        [sys.executable, "-m", "timeline.cli", "project"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def kill_mid_way(engine: sa.Engine, database_url: str, head: int) -> bool:
    """Start `project`, SIGKILL it between its first and last page; whether that happened.

    Once two pages are committed their spacing gives the time a page takes, and the kill
    lands at a random point of the next page: while it is applied, committed or between
    pages. False means the run reached the head first (a log too small to catch in the act).
    """
    process = start_project(database_url)
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        moves: list[tuple[float, int]] = []  # when the checkpoint moved, and to where
        kill_at: float | None = None
        while process.poll() is None:
            now, done = time.monotonic(), min(marks(engine), default=0)
            if done and (not moves or done != moves[-1][1]):
                moves.append((now, done))
                if len(moves) == 2:
                    page = moves[1][0] - moves[0][0]
                    kill_at = now + random.uniform(0.05, 0.95) * page
            if kill_at is not None and now >= kill_at and 0 < done < head:
                process.send_signal(signal.SIGKILL)
                process.wait(timeout=60)
                assert process.returncode == -signal.SIGKILL
                # It may have committed its last page between the look and the kill.
                return min(marks(engine), default=0) < head
            if not moves and now > deadline:
                pytest.fail(f"`timeline project` committed no page in {STARTUP_TIMEOUT:.0f} s")
            time.sleep(0.005)
        _, err = process.communicate(timeout=RUN_TIMEOUT)
        assert process.returncode == 0, err.decode()
        return False
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=60)


def project_to_the_end(database_url: str) -> None:
    process = start_project(database_url)
    out, err = process.communicate(timeout=RUN_TIMEOUT)
    assert process.returncode == 0, err.decode()
    assert b"projected" in out


# -- the test ----------------------------------------------------------------------------------


def test_a_killed_projection_finishes_as_a_clean_rebuild(
    engine: sa.Engine, database_url: str
) -> None:
    store = open_sql_store(engine)
    try:
        log = Log()
        size = FIRST_LOG
        for _attempt in range(ATTEMPTS):
            grow_log(store, log, size - log.events)
            head = store.head()
            assert head == log.events
            if kill_mid_way(engine, database_url, head):
                break
            reset(engine)  # it won the race: start over on a log twice the size
            size *= 2
        else:
            pytest.fail(f"`timeline project` always finished before the kill ({log.events})")
        partial = marks(engine)
        assert partial and min(partial) < head, "the kill left nothing to finish"

        project_to_the_end(database_url)
        # `timeline project` brings every read model up, the sources one included.
        assert marks(engine) == [head] * len(read_models())
        with engine.connect() as conn:
            applied = list(
                conn.execute(sa.select(timeline_entries.c.company, timeline_entries.c.event_id))
            )
        expected = {(slug, event_id) for event_id, slugs in log.companies.items() for slug in slugs}
        assert len(applied) == sum(len(slugs) for slugs in log.companies.values())
        assert {(company, event_id) for company, event_id in applied} == expected

        resumed = dump(engine)
        reset(engine)
        Projector(engine, store).catch_up()
        assert dump(engine) == resumed
    finally:
        store.close()
