"""Recording articles: new, duplicate (even with other whitespace), revised at a known URL."""

from __future__ import annotations

from timeline.domain.events import ArticleIngested, ArticleRevised
from timeline.extraction.loading import load_text
from timeline.services import Outcome, record_article, stream_of
from timeline.store import InMemoryEventStore

BODY = "Acme Corp said on Monday it agreed to buy Widget Inc. for $2 billion."


def test_new_then_duplicate_even_when_whitespace_differs() -> None:
    store = InMemoryEventStore()
    first = record_article(store, load_text(BODY, title="Acme buys Widget"))
    assert first.outcome is Outcome.NEW
    assert first.positions == (1,)
    spaced = BODY.replace(" ", "  ").replace("Monday", "Monday\u00a0")
    again = record_article(store, load_text(spaced, title="Acme buys Widget"))
    assert again.outcome is Outcome.DUPLICATE
    assert store.head() == 1
    (stored,) = store.read_stream(stream_of(first.article_id or ""))
    assert isinstance(stored.event, ArticleIngested)
    assert stored.event.text == BODY


def test_new_text_at_a_known_url_is_a_revision() -> None:
    store = InMemoryEventStore()
    url = "https://news.example.com/acme?utm_source=feed"
    first = record_article(store, load_text(BODY, title="Acme", url=url))
    revised_body = BODY + " The deal is expected to close in March."
    second = record_article(store, load_text(revised_body, title="Acme", url=url.split("?")[0]))
    assert second.outcome is Outcome.REVISED
    assert second.article_id == first.article_id
    third = record_article(store, load_text(revised_body, title="Acme", url=url))
    assert third.outcome is Outcome.DUPLICATE
    events = [r.event for r in store.read_stream(stream_of(first.article_id or ""))]
    assert [type(e) for e in events] == [ArticleIngested, ArticleRevised]
    assert isinstance(events[1], ArticleRevised)
    assert events[1].revision == 1
    assert events[1].text == revised_body
