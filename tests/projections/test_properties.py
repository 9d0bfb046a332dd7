"""Property: read models kept up to date step by step equal the ones rebuilt from the log.

Hypothesis draws short histories of ingests (new articles, revisions at a known URL, exact
duplicates), forced re-extractions and retractions, with catch-ups of small random page sizes
in between. Each example runs on a database of its own, on SQLite and PostgreSQL.
"""

from __future__ import annotations

import contextlib
import tempfile
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from readmodels import dump, reset

from timeline.domain.events import (
    ArticleIngested,
    ArticleReextracted,
    ArticleRevised,
    DealEvent,
    EventRetracted,
)
from timeline.extraction import Extractor
from timeline.extraction.gazetteer import Gazetteer
from timeline.extraction.loading import Article, load_text
from timeline.projections import Projector, Replayer, company_timeline, default_projections
from timeline.services import Outcome, ingest_article, reextract, retract
from timeline.store import (
    RecordedEvent,
    SqlEventStore,
    create_engine,
    open_sql_store,
)
from timeline.store._migrate import upgrade

# Rumors, denials (which need a rumor before them to deny), partnerships, an endorsement,
# and sentences that name companies but hold no deal.
SENTENCES = (
    "Tencent may invest in Xiaomi, according to Reuters.",
    "Xiaomi denied the report.",
    "Alibaba and Meizu signed a strategic partnership.",
    "Alibaba plans to acquire Meizu, Bloomberg reported.",
    "Baidu is in talks to invest in Xiaomi, people familiar with the matter said.",
    "Xiaomi and ZTE announced a licensing agreement.",
    "ZTE denied it plans to buy Meizu.",
    "Samsung hired actor Lee Min-ho as its brand ambassador.",
    "Tencent declined to comment.",
    "Shares of Xiaomi rose 3 percent on Tuesday.",
)
URLS = ("https://news.example/a", "https://news.example/b", "https://news.example/c")
PUBLISHED = ("2014-04", "2014-12-03", None)
EXAMPLES = {"sqlite": 25, "postgres": 10}
HEADS = (ArticleIngested, ArticleRevised, ArticleReextracted)


# -- operations --------------------------------------------------------------------------


@dataclass(frozen=True)
class Ingest:
    """A new article, or new text at a known URL (a revision); url None: no URL at all.

    Title and published date follow from the text; the same text with other metadata has a
    test of its own below.
    """

    url: int | None
    sentences: tuple[int, ...]

    def article(self) -> Article:
        return load_text(
            " ".join(SENTENCES[i] for i in self.sentences),
            title=f"Story {len(self.sentences)}",
            url=None if self.url is None else URLS[self.url],
            published=PUBLISHED[sum(self.sentences) % len(PUBLISHED)],
        )


@dataclass(frozen=True)
class IngestAgain:
    """An exact duplicate of an article ingested earlier in the example."""

    pick: int


@dataclass(frozen=True)
class Reextract:
    pick: int


@dataclass(frozen=True)
class Retract:
    pick: int


@dataclass(frozen=True)
class CatchUp:
    batch: int


Operation = Ingest | IngestAgain | Reextract | Retract | CatchUp

operations = st.one_of(
    st.builds(
        Ingest,
        url=st.one_of(st.none(), st.integers(0, len(URLS) - 1)),
        sentences=st.lists(st.integers(0, len(SENTENCES) - 1), min_size=1, max_size=4).map(tuple),
    ),
    st.builds(IngestAgain, pick=st.integers(0, 20)),
    st.builds(Reextract, pick=st.integers(0, 20)),
    st.builds(Retract, pick=st.integers(0, 50)),
    st.builds(CatchUp, batch=st.integers(1, 7)),
)


# -- databases, one per example ------------------------------------------------------------


@dataclass(frozen=True)
class Backend:
    name: str
    fresh: Callable[[], contextlib.AbstractContextManager[sa.Engine]]


@contextlib.contextmanager
def fresh_sqlite() -> Iterator[sa.Engine]:
    with tempfile.TemporaryDirectory(prefix="timeline-prop-") as folder:
        engine = create_engine(f"sqlite:///{Path(folder) / 'timeline.db'}")
        try:
            upgrade(engine)
            yield engine
        finally:
            engine.dispose()


def fresh_postgres(server_url: str) -> Callable[[], contextlib.AbstractContextManager[sa.Engine]]:
    @contextlib.contextmanager
    def fresh() -> Iterator[sa.Engine]:
        name = f"test_{uuid.uuid4().hex[:12]}"
        admin = create_engine(server_url)
        try:
            with admin.begin() as conn:
                conn.exec_driver_sql(f"CREATE SCHEMA {name}")
            url = sa.make_url(server_url).update_query_dict({"options": f"-csearch_path={name}"})
            engine = create_engine(url.render_as_string(hide_password=False))
            try:
                upgrade(engine)
                yield engine
            finally:
                engine.dispose()
                with admin.begin() as conn:
                    conn.exec_driver_sql(f"DROP SCHEMA {name} CASCADE")
        finally:
            admin.dispose()

    return fresh


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> Backend:
    if request.param == "sqlite":
        return Backend("sqlite", fresh_sqlite)
    return Backend("postgres", fresh_postgres(request.getfixturevalue("postgres_url")))


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Gazetteer.load())


# -- read models ---------------------------------------------------------------------------


def rebuild(engine: sa.Engine, store: SqlEventStore) -> None:
    """Throw every read model and checkpoint away and fold the whole log again."""
    reset(engine)
    Projector(engine, store).catch_up()


# -- what the log says should be current ----------------------------------------------------


@dataclass
class LogView:
    deals: list[RecordedEvent]  # every deal event, in log order
    current: list[RecordedEvent]  # those of their article's newest extraction, not retracted
    retracted: set[uuid.UUID]


def read_log(store: SqlEventStore) -> LogView:
    newest: dict[str, uuid.UUID] = {}  # article -> the event that began its newest extraction
    deals: list[RecordedEvent] = []
    retracted: set[uuid.UUID] = set()
    for page in store.iter_all(0, 1000):
        for record in page:
            event = record.event
            if isinstance(event, HEADS):
                newest[event.article_id] = record.event_id
            elif isinstance(event, DealEvent):
                deals.append(record)
            elif isinstance(event, EventRetracted):
                retracted.add(event.event_id)
    current = [
        r
        for r in deals
        if isinstance(r.event, DealEvent)
        and r.metadata.causation_id == newest.get(r.event.article_id)
        and r.event_id not in retracted
    ]
    return LogView(deals=deals, current=current, retracted=retracted)


def check_invariants(engine: sa.Engine, store: SqlEventStore) -> None:
    """Caught up, the timelines show exactly the newest extractions' unretracted events."""
    log = read_log(store)
    slugs = {c.slug for r in log.deals if isinstance(r.event, DealEvent) for c in r.event.companies}
    with engine.connect() as conn:
        shown = {
            (slug, entry.event_id)
            for slug in slugs
            for entry in company_timeline(conn, slug)
            if entry.current
        }
    assert not {event_id for _, event_id in shown} & log.retracted, "a retracted event shows"
    expected = {
        (c.slug, r.event_id)
        for r in log.current
        if isinstance(r.event, DealEvent)
        for c in r.event.companies
    }
    assert shown == expected, "current entries are not the newest extractions' events"


# -- the property --------------------------------------------------------------------------


class History:
    """Runs operations against one store, remembering what it ingested."""

    def __init__(self, engine: sa.Engine, store: SqlEventStore, extractor: Extractor) -> None:
        self.engine = engine
        self.store = store
        self.extractor = extractor
        self.ingested: list[Article] = []
        self.article_ids: list[str] = []  # in order of first ingest

    def run(self, op: Operation) -> None:
        if isinstance(op, Ingest):
            self.ingest(op.article())
        elif isinstance(op, IngestAgain):
            if self.ingested:
                self.ingest(self.ingested[op.pick % len(self.ingested)])
        elif isinstance(op, Reextract):
            if self.article_ids:
                article_id = self.article_ids[op.pick % len(self.article_ids)]
                reextract(self.store, self.extractor, article_id, force=True)
        elif isinstance(op, Retract):
            current = read_log(self.store).current
            if current:
                victim = current[op.pick % len(current)]
                retract(self.store, victim.event_id, reason="a misreading", by="property test")
        else:
            Projector(self.engine, self.store, batch_size=op.batch).catch_up()
            check_invariants(self.engine, self.store)

    def ingest(self, article: Article) -> None:
        ingest_article(self.store, self.extractor, article)
        self.ingested.append(article)
        if article.id not in self.article_ids:
            self.article_ids.append(article.id)


def check_history(
    engine: sa.Engine, extractor: Extractor, steps: list[Operation], last_batch: int
) -> None:
    store = open_sql_store(engine)
    try:
        history = History(engine, store, extractor)
        for op in steps:
            history.run(op)
        Projector(engine, store, batch_size=last_batch).catch_up()
        check_invariants(engine, store)
        incremental = dump(engine)
        Replayer(engine, store, default_projections(), batch_size=last_batch).run()
        assert dump(engine) == incremental
        rebuild(engine, store)
        assert dump(engine) == incremental
    finally:
        store.close()


def test_incremental_read_models_equal_a_rebuild(backend: Backend, extractor: Extractor) -> None:
    @settings(
        max_examples=EXAMPLES[backend.name],
        deadline=None,
        database=None,  # keep the working tree clean; a failure prints its reproduction blob
        print_blob=True,
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(steps=st.lists(operations, min_size=1, max_size=12), last_batch=st.integers(1, 7))
    def check(steps: list[Operation], last_batch: int) -> None:
        with backend.fresh() as engine:
            check_history(engine, extractor, steps, last_batch)

    check()


def test_the_operations_reach_every_kind_of_event(extractor: Extractor) -> None:
    """The sentence pool is worth sampling: it yields each deal type, and a revision supersedes."""
    found: set[str] = set()
    for sentence in SENTENCES:
        article = load_text(sentence, title="Probe", url=URLS[0], published=PUBLISHED[0])
        found |= {type(e).deal_type for e in extractor.extract(article)}
    denial = load_text(" ".join(SENTENCES[:2]), title="Probe", url=URLS[0])
    found |= {type(e).deal_type for e in extractor.extract(denial)}
    assert found == {"rumor", "denial", "partnership", "endorsement"}
    with fresh_sqlite() as engine:
        steps: list[Any] = [
            Ingest(url=0, sentences=(0, 1)),
            CatchUp(batch=1),
            Ingest(url=0, sentences=(2,)),
            IngestAgain(pick=1),
            Reextract(pick=0),
            Retract(pick=0),
        ]
        check_history(engine, extractor, steps, last_batch=2)
        store = open_sql_store(engine)
        try:
            types = [r.type for r in store.read_all(0, 100)]
        finally:
            store.close()
    assert types[:4] == ["ArticleIngested", "RumorReported", "DenialIssued", "ArticleRevised"]
    assert types[-3:] == ["ArticleReextracted", "PartnershipConfirmed", "EventRetracted"]


@pytest.mark.parametrize("url", [None, URLS[0]])
def test_the_same_text_with_other_metadata_is_not_an_error(
    extractor: Extractor, url: str | None
) -> None:
    text = SENTENCES[0]
    with fresh_sqlite() as engine:
        store = open_sql_store(engine)
        try:
            first = load_text(text, title="Story", url=url, published="2014-04")
            again = load_text(text, title="Story", url=url, published="2014-12-03")
            assert ingest_article(store, extractor, first).outcome is Outcome.NEW
            outcome = ingest_article(store, extractor, again).outcome
        finally:
            store.close()
    assert outcome in {Outcome.DUPLICATE, Outcome.REVISED}
