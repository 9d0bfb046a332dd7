"""Ingesting articles: new, duplicate (even with other whitespace), revised at a known URL."""

from __future__ import annotations

import pytest

from timeline.domain.events import ArticleIngested, ArticleRevised, DealEvent, RumorReported
from timeline.extraction import Extractor
from timeline.extraction.gazetteer import Gazetteer
from timeline.extraction.loading import load_text
from timeline.services import Outcome, ingest_article, stream_of
from timeline.store import InMemoryEventStore

BODY = "Tencent plans to invest in Xiaomi, according to Bloomberg. Analysts were surprised."


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Gazetteer.load())


def test_the_article_and_its_deal_events_land_together(extractor: Extractor) -> None:
    store = InMemoryEventStore()
    outcome = ingest_article(store, extractor, load_text(BODY, title="Deal talk"))
    assert outcome.outcome is Outcome.NEW
    assert outcome.positions == (1, 2)
    assert outcome.deal_events == 1
    article, rumor = store.read_stream(stream_of(outcome.article_id or ""))
    assert isinstance(article.event, ArticleIngested)
    assert isinstance(rumor.event, RumorReported)
    assert rumor.metadata.causation_id == article.event_id
    assert rumor.metadata.extractor_version == extractor.version


def test_duplicates_write_nothing_even_when_whitespace_differs(extractor: Extractor) -> None:
    store = InMemoryEventStore()
    first = ingest_article(store, extractor, load_text(BODY, title="Deal talk"))
    spaced = BODY.replace(" ", "  ").replace("Xiaomi,", "Xiaomi,\u00a0")
    for text in (BODY, spaced):
        again = ingest_article(store, extractor, load_text(text, title="Deal talk"))
        assert again.outcome is Outcome.DUPLICATE
        assert again.positions == ()
        assert again.article_id == first.article_id
    assert store.head() == 2


def test_new_text_at_a_known_url_is_a_revision_with_a_fresh_extraction(
    extractor: Extractor,
) -> None:
    store = InMemoryEventStore()
    url = "https://news.example.com/deal?utm_source=feed"
    first = ingest_article(store, extractor, load_text(BODY, title="Deal", url=url))
    revised_body = BODY + " Xiaomi denied the reports on Tuesday."
    second = ingest_article(store, extractor, load_text(revised_body, title="Deal", url=url))
    assert second.outcome is Outcome.REVISED
    assert second.article_id == first.article_id
    third = ingest_article(store, extractor, load_text(revised_body, title="Deal", url=url))
    assert third.outcome is Outcome.DUPLICATE
    events = [r.event for r in store.read_stream(stream_of(first.article_id or ""))]
    assert isinstance(events[2], ArticleRevised)
    assert events[2].revision == 1
    assert {type(e).__name__ for e in events[3:] if isinstance(e, DealEvent)} == {
        "RumorReported",
        "DenialIssued",
    }


def test_a_failed_append_stores_nothing(extractor: Extractor) -> None:
    class Broken(InMemoryEventStore):
        def append(self, *args: object, **kwargs: object) -> object:  # type: ignore[override]
            raise OSError("disk full")

    store = Broken()
    with pytest.raises(OSError, match="disk full"):
        ingest_article(store, extractor, load_text(BODY, title="Deal talk"))
    assert store.head() == 0
