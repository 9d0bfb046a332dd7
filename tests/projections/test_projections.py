"""Read models on SQLite and PostgreSQL: timelines, supersession, retraction, time travel."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from readmodels import dump

from timeline.extraction import Extractor
from timeline.extraction.loading import Loaded, load_folder, load_text
from timeline.projections import Projector, company_timeline
from timeline.services import ingest_article, reextract, retract
from timeline.store import SqlEventStore, open_sql_store

ROOT = Path(__file__).resolve().parents[2]
XIAOMI = [
    ("rumor", "investment", "tencent"),
    ("denial", "investment", "tencent"),
    ("rumor", "partnership", "alibaba"),
    ("denial", "partnership", "alibaba"),
    ("rumor", "investment", "alibaba"),
    ("rumor", "acquisition", "alibaba"),
]


@pytest.fixture
def store(engine: sa.Engine) -> Iterator[SqlEventStore]:
    store = open_sql_store(engine)
    yield store


def ingest_seeds(store: SqlEventStore, extractor: Extractor) -> None:
    for item in load_folder(ROOT / "seeds"):
        assert isinstance(item, Loaded)
        ingest_article(store, extractor, item.article)


def shape(engine: sa.Engine, company: str, **kwargs: Any) -> list[tuple[str, str, str]]:
    with engine.connect() as conn:
        return [
            (e.type, e.deal_kind, e.counterparties[0]["slug"] if e.counterparties else "")
            for e in company_timeline(conn, company, **kwargs)
        ]


def test_seeds_give_the_xiaomi_timeline_in_order(
    engine: sa.Engine, store: SqlEventStore, extractor: Extractor
) -> None:
    ingest_seeds(store, extractor)
    Projector(engine, store).catch_up()
    assert shape(engine, "xiaomi") == XIAOMI
    with engine.connect() as conn:
        entries = company_timeline(conn, "xiaomi")
    assert [e.shown_date for e in entries] == ["2014-04"] * 4 + ["2014-12"] * 2
    assert shape(engine, "xiaomi", types={"denial"}) == [XIAOMI[1], XIAOMI[3]]
    assert [t for t, _, _ in shape(engine, "zte")] == ["endorsement", "partnership"]


def test_reextraction_supersedes_and_time_travel_sees_the_past(
    engine: sa.Engine, store: SqlEventStore, extractor: Extractor
) -> None:
    ingest_seeds(store, extractor)
    projector = Projector(engine, store)
    projector.catch_up()
    before = store.head()
    with engine.connect() as conn:
        old_ids = {e.event_id for e in company_timeline(conn, "xiaomi")}
        article_ids = {e.article_id for e in company_timeline(conn, "xiaomi")}
    for article_id in sorted(article_ids):
        reextract(store, extractor, article_id, force=True)
    projector.catch_up()
    with engine.connect() as conn:
        now = company_timeline(conn, "xiaomi")
        then = company_timeline(conn, "xiaomi", as_of_position=before)
    assert [(e.type, e.deal_kind) for e in now] == [(t, k) for t, k, _ in XIAOMI]
    assert not {e.event_id for e in now} & old_ids
    assert {e.event_id for e in then} == old_ids
    assert all(not e.current for e in then)


def test_retraction_hides_the_event_but_not_from_the_past(
    engine: sa.Engine, store: SqlEventStore, extractor: Extractor
) -> None:
    ingest_seeds(store, extractor)
    projector = Projector(engine, store)
    projector.catch_up()
    with engine.connect() as conn:
        last = company_timeline(conn, "xiaomi")[-1]
    before = store.head()
    retract(store, last.event_id, reason="a misreading", by="analyst")
    projector.catch_up()
    assert shape(engine, "xiaomi") == XIAOMI[:-1]
    assert shape(engine, "xiaomi", as_of_position=before) == XIAOMI


def test_incremental_projection_equals_a_rebuild(
    engine: sa.Engine, store: SqlEventStore, extractor: Extractor
) -> None:
    projector = Projector(engine, store, batch_size=3)  # small pages cross many boundaries
    ingest_seeds(store, extractor)
    projector.catch_up()
    body = "Tencent may invest in Xiaomi, according to Reuters. Xiaomi denied the report."
    ingest_article(store, extractor, load_text(body, title="Again"))
    projector.catch_up()
    with engine.connect() as conn:
        victim = company_timeline(conn, "tencent")[0]
    retract(store, victim.event_id, reason="duplicate", by="analyst")
    projector.catch_up()
    incremental = dump(engine)
    with engine.begin() as conn:
        for projection in projector.projections:
            for table in projection.tables:
                conn.execute(sa.delete(table))
        conn.exec_driver_sql("DELETE FROM projection_checkpoints")
    Projector(engine, store, batch_size=1000).catch_up()
    assert dump(engine) == incremental


def test_a_company_bought_before_it_became_a_brand_shows_on_the_buyer(
    engine: sa.Engine, store: SqlEventStore, extractor: Extractor
) -> None:
    body = "Apple Inc. has agreed to acquire Beats Electronics for $3 billion, it said."
    ingest_article(store, extractor, load_text(body, title="Apple buys Beats"))
    Projector(engine, store).catch_up()
    with engine.connect() as conn:
        (entry,) = company_timeline(conn, "apple")
    assert (entry.type, entry.deal_kind) == ("partnership", "acquisition")
    assert [c["name"] for c in entry.counterparties] == ["Beats Electronics"]
