"""The timeline page the database writes as JSON is the one the Python models would write."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec

from timeline.api._convert import entry_out
from timeline.bootstrap import bootstrap
from timeline.domain.events import DealEvent
from timeline.extraction import Extractor
from timeline.extraction.gazetteer import Gazetteer
from timeline.extraction.loading import load_folder, load_text
from timeline.projections import company_timeline, timeline_json
from timeline.services import ingest_article, ingest_loaded, reextract, retract
from timeline.settings import Settings

DEV = Path(__file__).resolve().parents[1] / "data" / "dev"


def test_every_timeline_of_the_development_set(database_url: str, gazetteer: Gazetteer) -> None:
    app = bootstrap(Settings(database_url=database_url), migrate=True)
    extractor = Extractor(gazetteer)
    list(ingest_loaded(app.store, extractor, load_folder(DEV), actor="test"))
    undated = load_text("Tencent may invest in Xiaomi, according to Reuters.", title="Undated")
    ingest_article(app.store, extractor, undated)
    deals = [r for r in app.store.read_all(0, 100_000) if isinstance(r.event, DealEvent)]
    middle = app.store.head()
    retract(app.store, deals[0].event_id, reason="misread", by="test")
    reextract(app.store, extractor, deals[-1].event.article_id, force=True)  # type: ignore[attr-defined]
    app.refresh()
    assert app.engine is not None
    with app.engine.connect() as conn:
        companies = [r[0] for r in conn.exec_driver_sql("SELECT slug FROM companies")]
        assert len(companies) > 50
        compared = 0
        for slug in companies:
            for as_of in (None, middle):
                built = [
                    msgspec.to_builtins(entry_out(e))
                    for e in company_timeline(conn, slug, as_of_position=as_of)
                ]
                page = timeline_json(conn, slug, as_of_position=as_of)
                written: list[dict[str, Any]] = [msgspec.json.decode(e) for e in page.entries]
                assert written == built, slug
                assert [k.position for k in page.keys] == [e["position"] for e in built]
                compared += len(built)
        assert compared > 200
        # The cases that could differ are there: unknown dates, people, sources, old entries.
        everything = [
            msgspec.to_builtins(entry_out(e))
            for slug in companies
            for e in company_timeline(conn, slug, as_of_position=middle)
        ]
    assert any(e["date"] is None for e in everything)
    assert any(e["people"] for e in everything)
    assert any(e["sources"] for e in everything)
    assert any(not e["current"] for e in everything)
    app.close()
