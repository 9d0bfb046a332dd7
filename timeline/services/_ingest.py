"""Ingesting articles: the article event and the deal events found in it, in one append."""

from __future__ import annotations

import enum
import uuid
from collections.abc import Iterable, Sequence
from typing import Protocol

import msgspec

from timeline.domain.events import (
    ArticleIngested,
    ArticleRevised,
    DealEvent,
    Event,
)
from timeline.extraction.loading import Article, Loaded, Rejected
from timeline.store import EventStore, Metadata, NewEvent, StreamState, WrongExpectedVersion

__all__ = [
    "DealExtractor",
    "IngestOutcome",
    "Outcome",
    "extraction_batch",
    "ingest_article",
    "ingest_loaded",
    "stream_of",
]

# Event ids derive from the article and its text, so ingesting it twice writes nothing.
_NAMESPACE = uuid.UUID("8f9c3f4e-2b1d-4c56-9a7e-3d0f5b6a7c81")


class DealExtractor(Protocol):
    version: str

    def extract(self, article: Article) -> list[DealEvent]: ...


class Outcome(enum.StrEnum):
    NEW = "new"
    DUPLICATE = "duplicate"
    REVISED = "revised"
    REJECTED = "rejected"


class IngestOutcome(msgspec.Struct, frozen=True, kw_only=True):
    outcome: Outcome
    source: str | None
    article_id: str | None = None
    title: str | None = None
    published: str | None = None
    positions: tuple[int, ...] = ()
    deal_events: int = 0
    reason: str | None = None


def stream_of(article_id: str) -> str:
    return f"article-{article_id}"


def ingest_article(
    store: EventStore, extractor: DealExtractor, article: Article, actor: str = "timeline"
) -> IngestOutcome:
    """Append the article and its deal events; a duplicate is reported and writes nothing.

    New text at a known URL is a revision: appended to the same stream with a fresh
    extraction, which supersedes the older one.
    """
    stream = stream_of(article.id)
    # Everything the event holds goes into its id: the same text with other whitespace or
    # other metadata is another event, which `_revise` then finds to be a duplicate.
    identity = msgspec.json.encode(
        [article.id, article.original, article.title, article.publisher, str(article.published)]
    )
    event_id = uuid.uuid5(_NAMESPACE, identity.decode())
    report = IngestOutcome(
        outcome=Outcome.NEW,
        source=article.source,
        article_id=article.id,
        title=article.title,
        published=str(article.published),
    )
    ingested = ArticleIngested(
        article_id=article.id,
        url=article.url,
        title=article.title,
        text=article.original,
        publisher=article.publisher,
        published=article.published,
        language=article.language,
        content_hash=article.content_hash,
    )
    batch = extraction_batch(event_id, ingested, extractor.extract(article), extractor, actor)
    try:
        result = store.append(stream, batch, StreamState.NO_STREAM)
    except WrongExpectedVersion:
        return _revise(store, extractor, article, stream, report, actor)
    if result.duplicate:
        return msgspec.structs.replace(report, outcome=Outcome.DUPLICATE)
    return msgspec.structs.replace(report, positions=result.positions, deal_events=len(batch) - 1)


def extraction_batch(
    event_id: uuid.UUID,
    head: Event,
    deals: Sequence[DealEvent],
    extractor: DealExtractor,
    actor: str,
) -> list[NewEvent]:
    """`head` (the article or re-extraction event), then its deals, caused by it."""
    meta = Metadata(actor=actor, extractor_version=extractor.version)
    caused = Metadata(causation_id=event_id, actor=actor, extractor_version=extractor.version)
    return [
        NewEvent(event_id=event_id, event=head, metadata=meta),
        *(
            NewEvent(event_id=uuid.uuid5(event_id, str(i)), event=deal, metadata=caused)
            for i, deal in enumerate(deals)
        ),
    ]


def _revise(
    store: EventStore,
    extractor: DealExtractor,
    article: Article,
    stream: str,
    report: IngestOutcome,
    actor: str,
) -> IngestOutcome:
    """The URL is known: the same text is a duplicate, new text is the next revision."""
    history = store.read_stream(stream)
    versions = [
        e.event.content_hash
        for e in history
        if isinstance(e.event, ArticleIngested | ArticleRevised)
    ]
    if versions and versions[-1] == article.content_hash:
        return msgspec.structs.replace(report, outcome=Outcome.DUPLICATE)
    revised = ArticleRevised(
        article_id=article.id,
        revision=len(versions),
        title=article.title,
        text=article.original,
        published=article.published,
        content_hash=article.content_hash,
    )
    event_id = uuid.uuid5(_NAMESPACE, f"{article.id}:{article.content_hash}:{len(versions)}")
    batch = extraction_batch(event_id, revised, extractor.extract(article), extractor, actor)
    result = store.append(stream, batch, history[-1].stream_version)
    return msgspec.structs.replace(
        report, outcome=Outcome.REVISED, positions=result.positions, deal_events=len(batch) - 1
    )


def ingest_loaded(
    store: EventStore,
    extractor: DealExtractor,
    results: Iterable[Loaded | Rejected],
    actor: str = "timeline",
) -> Iterable[IngestOutcome]:
    """Ingest every loaded article as it comes; rejected files are reported, not stored."""
    for item in results:
        if isinstance(item, Rejected):
            yield IngestOutcome(outcome=Outcome.REJECTED, source=str(item.path), reason=item.reason)
        else:
            yield ingest_article(store, extractor, item.article, actor)
