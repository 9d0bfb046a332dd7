"""Recording articles in the log: new, duplicate, or a revision of a known URL."""

from __future__ import annotations

import enum
import uuid
from collections.abc import Iterable

import msgspec

from timeline.domain.events import ArticleIngested, ArticleRevised
from timeline.extraction.loading import Article, Loaded, Rejected
from timeline.store import EventStore, Metadata, NewEvent, StreamState, WrongExpectedVersion

__all__ = ["ArticleOutcome", "Outcome", "record_article", "record_loaded", "stream_of"]

# Event ids derive from the article and its text, so recording it twice writes nothing.
_NAMESPACE = uuid.UUID("8f9c3f4e-2b1d-4c56-9a7e-3d0f5b6a7c81")


class Outcome(enum.StrEnum):
    NEW = "new"
    DUPLICATE = "duplicate"
    REVISED = "revised"
    REJECTED = "rejected"


class ArticleOutcome(msgspec.Struct, frozen=True, kw_only=True):
    outcome: Outcome
    source: str | None
    article_id: str | None = None
    title: str | None = None
    published: str | None = None
    positions: tuple[int, ...] = ()
    reason: str | None = None


def stream_of(article_id: str) -> str:
    return f"article-{article_id}"


def record_article(store: EventStore, article: Article, actor: str = "timeline") -> ArticleOutcome:
    stream = stream_of(article.id)
    # The exact text goes into the id: other whitespace is a new event, found duplicate below.
    event_id = uuid.uuid5(_NAMESPACE, f"{article.id}:{article.original}")
    meta = Metadata(actor=actor)
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
    report = ArticleOutcome(
        outcome=Outcome.NEW,
        source=article.source,
        article_id=article.id,
        title=article.title,
        published=str(article.published),
    )
    new = NewEvent(event_id=event_id, event=ingested, metadata=meta)
    try:
        result = store.append(stream, [new], StreamState.NO_STREAM)
    except WrongExpectedVersion:
        return _revise(
            store, article, stream, msgspec.structs.replace(report, outcome=Outcome.REVISED), meta
        )
    outcome = Outcome.DUPLICATE if result.duplicate else Outcome.NEW
    return msgspec.structs.replace(report, outcome=outcome, positions=result.positions)


def _revise(
    store: EventStore, article: Article, stream: str, report: ArticleOutcome, meta: Metadata
) -> ArticleOutcome:
    """The URL is known: the same text is a duplicate, new text is the next revision."""
    history = store.read_stream(stream)
    hashes = [
        e.event.content_hash
        for e in history
        if isinstance(e.event, ArticleIngested | ArticleRevised)
    ]
    if hashes and hashes[-1] == article.content_hash:
        return msgspec.structs.replace(report, outcome=Outcome.DUPLICATE)
    revised = ArticleRevised(
        article_id=article.id,
        revision=len(hashes),
        title=article.title,
        text=article.original,
        published=article.published,
        content_hash=article.content_hash,
    )
    event_id = uuid.uuid5(_NAMESPACE, f"{article.id}:{article.content_hash}:{len(hashes)}")
    new = NewEvent(event_id=event_id, event=revised, metadata=meta)
    result = store.append(stream, [new], history[-1].stream_version)
    return msgspec.structs.replace(report, positions=result.positions)


def record_loaded(
    store: EventStore, results: Iterable[Loaded | Rejected], actor: str = "timeline"
) -> list[ArticleOutcome]:
    """Record every loaded article; rejected files are reported, not recorded."""
    outcomes = []
    for item in results:
        if isinstance(item, Rejected):
            outcomes.append(
                ArticleOutcome(outcome=Outcome.REJECTED, source=str(item.path), reason=item.reason)
            )
        else:
            outcomes.append(record_article(store, item.article, actor))
    return outcomes
