"""Replay: fresh tables swapped in at the end, resumable after an interruption, one at a time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from readmodels import dump, reset

from timeline.domain.events import DealEvent
from timeline.extraction import Extractor
from timeline.extraction.gazetteer import Gazetteer
from timeline.extraction.loading import Loaded, load_folder, load_text
from timeline.projections import (
    Projector,
    Replayer,
    ReplayLease,
    ReplayRunning,
    default_projections,
)
from timeline.services import ingest_article, reextract, retract
from timeline.store import SqlEventStore, open_sql_store

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def store(engine: sa.Engine, extractor: Extractor) -> SqlEventStore:
    store = open_sql_store(engine)
    for item in load_folder(ROOT / "seeds"):
        assert isinstance(item, Loaded)
        ingest_article(store, extractor, item.article)
    return store


def current_entries(engine: sa.Engine) -> int:
    with engine.connect() as conn:
        query = "SELECT count(*) FROM timeline_entries WHERE valid_to IS NULL"
        return int(conn.exec_driver_sql(query).scalar_one())


def tables(engine: sa.Engine) -> set[str]:
    return set(sa.inspect(engine).get_table_names())


def test_replay_rebuilds_what_catch_up_built(engine: sa.Engine, store: SqlEventStore) -> None:
    Projector(engine, store).catch_up()
    built = dump(engine)
    report = Replayer(engine, store, default_projections(), batch_size=4).run()
    assert report.events == store.head()
    assert report.position == store.head()
    assert dump(engine) == built
    assert not {t for t in tables(engine) if t.endswith("__replay")}
    assert Projector(engine, store).catch_up() == 0  # the checkpoints moved to the head


def test_an_interrupted_replay_resumes_and_leaves_readers_the_old_tables(
    engine: sa.Engine, store: SqlEventStore
) -> None:
    Projector(engine, store).catch_up()
    built = dump(engine)

    def stop_after_first_page(position: int, head: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        Replayer(engine, store, default_projections(), batch_size=3, chunk_size=3).run(
            stop_after_first_page
        )
    assert dump(engine) == built  # readers never saw a half-built table
    report = Replayer(engine, store, default_projections(), batch_size=3, chunk_size=3).run()
    assert report.resumed_from == 3
    assert report.events == store.head() - 3
    assert dump(engine) == built


def test_a_resumed_replay_applies_what_was_retracted_and_reextracted_meanwhile(
    engine: sa.Engine, store: SqlEventStore, extractor: Extractor
) -> None:
    pages = 0

    def stop_after_two_pages(position: int, head: int) -> None:
        nonlocal pages
        pages += 1
        if pages == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        Replayer(engine, store, default_projections(), batch_size=4, chunk_size=4).run(
            stop_after_two_pages
        )
    # The rows already in the fresh tables were written knowing the log as it was then.
    victim = next(r for r in store.read_all(0, 10) if isinstance(r.event, DealEvent))
    assert victim.position <= 8
    retract(store, victim.event_id, reason="misread", by="test")
    reextract(store, extractor, victim.event.article_id, force=True)
    Replayer(engine, store, default_projections(), batch_size=4, chunk_size=4).run()
    replayed = dump(engine)
    assert Projector(engine, store).catch_up() == 0  # the replay reached the head
    reset(engine)
    Projector(engine, store).catch_up()
    assert replayed == dump(engine)


def test_two_replays_never_run_at_once(engine: sa.Engine, store: SqlEventStore) -> None:
    held = ReplayLease(engine, [p.name for p in default_projections()])
    held.take()
    with pytest.raises(ReplayRunning, match="is running"):
        Replayer(engine, store, default_projections()).run()
    held.release()
    assert Replayer(engine, store, default_projections()).run().events == store.head()


def test_a_changed_projection_asks_for_a_replay(engine: sa.Engine, store: SqlEventStore) -> None:
    from timeline.projections import ReplayNeeded
    from timeline.projections._timeline import TimelineProjection

    Projector(engine, store).catch_up()

    class Newer(TimelineProjection):
        version = 2

    projections: list[Any] = [Newer(), *default_projections()[1:]]
    with pytest.raises(ReplayNeeded, match="company_timeline"):
        Projector(engine, store, projections).catch_up()
    Replayer(engine, store, projections).run()
    assert Projector(engine, store, projections).stale() == []


def test_start_up_replays_a_changed_projection_only_when_asked(tmp_path: Path) -> None:
    from timeline.bootstrap import bootstrap
    from timeline.projections import ReplayNeeded
    from timeline.settings import Settings

    url = f"sqlite:///{tmp_path / 'app.db'}"
    app = bootstrap(Settings(database_url=url), migrate=True)
    body = "Tencent may invest in Xiaomi, according to Reuters."
    ingest_article(app.store, Extractor(Gazetteer.load()), load_text(body, title="T"))
    app.refresh()
    assert app.engine is not None
    with app.engine.begin() as conn:  # as if the timeline's code had moved on a version
        conn.exec_driver_sql(
            "UPDATE projection_checkpoints SET version = 0 WHERE name = 'company_timeline'"
        )
    with pytest.raises(ReplayNeeded, match="timeline replay"):
        app.refresh()
    app.close()
    auto = bootstrap(Settings(database_url=url, auto_replay=True))
    auto.refresh()
    assert auto.projector().stale() == []
    auto.close()


def test_the_development_set_ingests_projects_replays_and_reextracts(
    engine: sa.Engine, extractor: Extractor
) -> None:
    store = open_sql_store(engine)
    for item in load_folder(ROOT / "tests" / "data" / "dev"):
        assert isinstance(item, Loaded)
        ingest_article(store, extractor, item.article)
    projector = Projector(engine, store)
    projector.catch_up()
    built = dump(engine)
    current = current_entries(engine)
    assert current > 100
    Replayer(engine, store, default_projections(), batch_size=50).run()
    assert dump(engine) == built
    with engine.connect() as conn:
        ids = [row[0] for row in conn.exec_driver_sql("SELECT article_id FROM articles")]
    for article_id in ids:
        reextract(store, extractor, article_id, force=True)
    projector.catch_up()
    after = dump(engine)
    assert current_entries(engine) == current  # the same extractor finds the same deals again
    assert len(after["timeline_entries"]) == 2 * current  # the old ones stay, superseded
    Replayer(engine, store, default_projections()).run()
    assert dump(engine) == after
