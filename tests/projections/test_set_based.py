"""The set-based replay on SQLite writes exactly the rows the Python fold writes, or steps aside."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from pathlib import Path
from typing import Any

import msgspec
import pytest
import sqlalchemy as sa
from readmodels import dump, read_model_tables, reset

from timeline.domain.dates import FuzzyDate
from timeline.domain.events import (
    ArticleIngested,
    ArticleReextracted,
    ArticleRevised,
    CompanyRef,
    CompanyRole,
    DealEvent,
    DealKind,
    DenialIssued,
    EndorsementObserved,
    EventRetracted,
    Evidence,
    PartnershipConfirmed,
    PersonRef,
    RumorReported,
    SourceConfigured,
    SourceRunFinished,
    SourceRunStarted,
)
from timeline.extraction import Extractor
from timeline.extraction.loading import Loaded, load_folder
from timeline.jobs import read_models
from timeline.projections import Projector, Replayer, _replay, default_projections
from timeline.projections._sql_replay import SqlReplay
from timeline.services import ingest_article
from timeline.store import NewEvent, SqlEventStore, StreamState, events, open_sql_store

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def store(sqlite_engine: sa.Engine) -> SqlEventStore:
    return open_sql_store(sqlite_engine)


@pytest.fixture
def used(monkeypatch: pytest.MonkeyPatch) -> list[set[str]]:
    """The projections each replay built in SQL."""
    seen: list[set[str]] = []

    class Spy(SqlReplay):
        def __init__(self, *args: Any) -> None:
            super().__init__(*args)
            seen.append(set(self.builders))

    monkeypatch.setattr(_replay, "SqlReplay", Spy)
    return seen


SQL_BUILT = {"company_timeline", "article_index", "deal_threads", "company_directory"}


def raw(engine: sa.Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every read-model row as SQLite stores it; JSON columns decoded, key order kept."""
    out = {}
    with engine.connect() as conn:
        for table in read_model_tables(engine):
            rows = conn.exec_driver_sql(f'SELECT * FROM "{table.name}"').all()
            kinds = [isinstance(c.type, sa.JSON) for c in table.columns]
            out[table.name] = sorted(
                (
                    tuple(
                        repr(json.loads(v)) if is_json and v is not None else repr(v)
                        for v, is_json in zip(row, kinds, strict=True)
                    )
                    for row in rows
                ),
            )
    return out


def replayed(
    engine: sa.Engine, store: SqlEventStore, projections: Any = None, **options: Any
) -> tuple[Any, Any]:
    Replayer(engine, store, projections or read_models(), **options).run()
    return dump(engine), raw(engine)


def assert_sql_equals_python(engine: sa.Engine, store: SqlEventStore, used: list[set[str]]) -> None:
    python = replayed(engine, store, set_based=False)
    assert used == []  # all in Python
    sql = replayed(engine, store, chunk_size=5)
    assert used[-1] == SQL_BUILT
    assert sql[0] == python[0]
    assert sql[1] == python[1]  # stored alike too: hex ids, dates, booleans, JSON text
    reset(engine)
    Projector(engine, store, read_models()).catch_up()
    assert dump(engine) == sql[0]


# -- a synthetic log with every case the SQL must get right ---------------------------------


def deal(
    cls: type[DealEvent], article: str, companies: list[CompanyRef], **fields: Any
) -> DealEvent:
    sentence = f"{companies[0].name} and a deal."
    fields.setdefault(
        "deal_kind", DealKind.ENDORSEMENT if cls is EndorsementObserved else DealKind.OTHER
    )
    return cls(
        article_id=article,
        companies=tuple(companies),
        evidence=(Evidence(text=sentence + ' "quoted" \u00e9', start=0, end=len(sentence)),),
        confidence=0.625,
        extractor_version="test-1",
        **fields,
    )


TENCENT = CompanyRef(slug="tencent", name="Tencent", role=CompanyRole.ACTOR)
XIAOMI = CompanyRef(slug="xiaomi", name="Xiaomi", role=CompanyRole.TARGET)
BRAND = CompanyRef(slug="tencent", name="WeChat", verified=False)  # role and verified: party, no
MEIZU = CompanyRef(slug="meizu", name="Meizu")  # every default left out of the stored JSON
UNVERIFIED = CompanyRef(slug="acme", name="Acme \u201cLtd\u201d", verified=False)


def article(n: int, published: FuzzyDate) -> ArticleIngested:
    return ArticleIngested(
        article_id=f"a{n}",
        url=None if n % 2 else f"https://news.example/{n}",
        title=f"Article {n}",
        text="text",
        publisher="Example" if n % 2 else None,
        published=published,
        content_hash=f"h{n}",
    )


def build_log(store: SqlEventStore) -> None:
    day, month, year = (FuzzyDate.parse(d) for d in ("2014-04-09", "2014-04", "2013"))
    first = [
        deal(RumorReported, "a1", [TENCENT, XIAOMI, BRAND], deal_kind=DealKind.INVESTMENT,
             people=(PersonRef(name="Pony Ma", role="CEO", company="tencent"),
                     PersonRef(name="Someone")),
             sources=("Reuters", "Bloomberg"), occurred=month),
        deal(DenialIssued, "a1", [XIAOMI, TENCENT], occurred=year),
        deal(PartnershipConfirmed, "a1", [MEIZU, UNVERIFIED]),  # occurred left out: unknown
        deal(EndorsementObserved, "a1", [UNVERIFIED], occurred=day),
    ]  # fmt: skip
    new = StreamState.NO_STREAM
    one = store.append("article-a1", [NewEvent(event=article(1, day)), *wrap(first)], new)
    ids = [uuid_at(store, p) for p in one.positions[1:]]
    store.append(
        "source-s", wrap([SourceConfigured(source_id="s", kind="feed", location="x")]), new
    )
    second = [deal(RumorReported, "a2", [MEIZU, TENCENT], occurred=year)]
    two = store.append("article-a2", [NewEvent(event=article(2, FuzzyDate())), *wrap(second)], new)
    # a1 revised: its first extraction is superseded; then one of the old events retracted.
    revised = ArticleRevised(
        article_id="a1", revision=1, title="Article 1, updated", text="t2", published=year,
        content_hash="h1b",
    )  # fmt: skip
    again = [deal(PartnershipConfirmed, "a1", [XIAOMI, MEIZU, XIAOMI], occurred=day)]
    store.append("article-a1", [NewEvent(event=revised), *wrap(again)], StreamState.ANY)
    retract = EventRetracted(event_id=ids[1], reason="superseded anyway", by="t")
    store.append("article-a1", wrap([retract]), StreamState.ANY)
    run = [
        SourceRunStarted(source_id="s", run_id="r1", trigger="manual"),
        SourceRunFinished(source_id="s", run_id="r1", ok=True, new=2),
    ]
    store.append("source-s", wrap(run), StreamState.ANY)
    # a2 re-extracted; a current event of its new extraction retracted twice.
    more = [deal(DenialIssued, "a2", [TENCENT, MEIZU], occurred=month)]
    marker = ArticleReextracted(article_id="a2", extractor_version="test-2")
    three = store.append("article-a2", [NewEvent(event=marker), *wrap(more)], StreamState.ANY)
    victim = uuid_at(store, three.positions[-1])
    for _ in range(2):
        retraction = EventRetracted(event_id=victim, reason="misread", by="t")
        store.append("article-a2", wrap([retraction]), StreamState.ANY)
    assert len(two.positions) == 2
    # A retraction of the first event of a1 that comes after the revision closing it.
    late = EventRetracted(event_id=ids[0], reason="late", by="t")
    store.append("article-a1", wrap([late]), StreamState.ANY)


def wrap(items: list[Any]) -> list[NewEvent]:
    return [NewEvent(event=item) for item in items]


def uuid_at(store: SqlEventStore, position: int) -> uuid.UUID:
    return store.read_all(position - 1, 1)[0].event_id


# -- tests -------------------------------------------------------------------------------------


def test_the_synthetic_log_builds_in_sql_as_in_python(
    sqlite_engine: sa.Engine, store: SqlEventStore, used: list[set[str]]
) -> None:
    build_log(store)
    assert_sql_equals_python(sqlite_engine, store, used)
    with sqlite_engine.connect() as conn:
        closed = conn.exec_driver_sql(
            "SELECT count(*) FROM timeline_entries WHERE valid_to IS NOT NULL"
        ).scalar_one()
        wechat = conn.exec_driver_sql(
            "SELECT counterparties FROM timeline_entries WHERE company = 'tencent'"
            " AND role = 'actor' AND type = 'rumor' AND article_id = 'a1'"
        ).scalar_one()
        sources = conn.exec_driver_sql("SELECT runs FROM sources").scalar_one()
    assert closed >= 7  # superseded and retracted rows are there, closed
    assert [c["name"] for c in json.loads(wechat)] == ["Xiaomi", "WeChat"]
    assert json.loads(wechat)[1]["verified"] is False
    assert sources == 1  # the sources read model folded from its own events only


def test_the_development_set_builds_in_sql_as_in_python(
    sqlite_engine: sa.Engine, store: SqlEventStore, extractor: Extractor, used: list[set[str]]
) -> None:
    for item in load_folder(ROOT / "tests" / "data" / "dev"):
        assert isinstance(item, Loaded)
        ingest_article(store, extractor, item.article)
    assert_sql_equals_python(sqlite_engine, store, used)


def test_an_old_schema_version_in_the_log_replays_in_python(
    sqlite_engine: sa.Engine, store: SqlEventStore, used: list[set[str]]
) -> None:
    build_log(store)
    v1 = {"type": "ArticleIngested", "article_id": "old", "url": None, "title": "Old",
          "text": "Stored by v1 code.", "published": "2014-12", "content_hash": "x"}  # fmt: skip
    now = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    with sqlite_engine.begin() as conn:
        conn.execute(
            sa.insert(events).values(
                position=store.head() + 1, stream_id="article-old", stream_version=1,
                event_id=uuid.uuid4(), type="ArticleIngested", schema_version=1, data=v1,
                metadata={}, occurred_at=now, recorded_at=now,
            )
        )  # fmt: skip
    assert not store.all_current(0, store.head())
    Replayer(sqlite_engine, store, read_models()).run()
    assert used[-1] == set()  # the SQL would misread the old JSON: Python upcasts it
    with sqlite_engine.connect() as conn:
        published = conn.exec_driver_sql(
            "SELECT published, published_precision FROM articles WHERE article_id = 'old'"
        ).one()
    assert tuple(published) == ("2014-12-01", "month")
    built = dump(sqlite_engine)
    reset(sqlite_engine)
    Projector(sqlite_engine, store, read_models()).catch_up()
    assert dump(sqlite_engine) == built


def test_an_interrupted_sql_replay_resumes_to_a_clean_replay(
    sqlite_engine: sa.Engine, store: SqlEventStore, used: list[set[str]]
) -> None:
    build_log(store)
    clean = replayed(sqlite_engine, store, default_projections(), set_based=False)
    calls: list[int] = []

    def stop_on_the_second_chunk(position: int, head: int) -> None:
        calls.append(position)
        if len(calls) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        Replayer(sqlite_engine, store, default_projections(), chunk_size=4).run(
            stop_on_the_second_chunk
        )
    assert calls == [4, 8]
    assert dump(sqlite_engine) == clean[0]  # readers kept the old tables
    report = Replayer(sqlite_engine, store, default_projections(), chunk_size=4).run()
    assert report.resumed_from == 8
    assert used[-1] == SQL_BUILT
    assert (dump(sqlite_engine), raw(sqlite_engine)) == clean
    assert Projector(sqlite_engine, store).catch_up() == 0


def test_rows_are_stored_as_the_python_fold_stores_them(
    sqlite_engine: sa.Engine, store: SqlEventStore
) -> None:
    build_log(store)
    Replayer(sqlite_engine, store, read_models()).run()
    with sqlite_engine.connect() as conn:
        row = conn.exec_driver_sql(
            "SELECT event_id, sort_date, recorded_at, counterparties FROM timeline_entries"
            " WHERE type = 'endorsement'"
        ).one()
        verified = conn.exec_driver_sql("SELECT slug, verified FROM companies ORDER BY slug").all()
    assert len(row.event_id) == 32 and int(row.event_id, 16) >= 0
    assert row.sort_date == "2014-04-09"
    assert row.recorded_at.endswith("+00:00")
    assert msgspec.json.decode(row.counterparties) == []
    assert [tuple(v) for v in verified] == [
        ("acme", 0),
        ("meizu", 1),
        ("tencent", 1),
        ("xiaomi", 1),
    ]
