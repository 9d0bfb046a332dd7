"""Re-extraction and analysts' corrections: new events that supersede, retract or add."""

from __future__ import annotations

import enum
import uuid

import msgspec

from timeline.domain.events import (
    ArticleIngested,
    ArticleReextracted,
    ArticleRevised,
    DealEvent,
    EventRetracted,
)
from timeline.extraction.loading import load_text
from timeline.services._ingest import DealExtractor, extraction_batch, stream_of
from timeline.store import EventStore, Metadata, NewEvent, StreamState

__all__ = [
    "CorrectionError",
    "ReextractOutcome",
    "Reextraction",
    "record_by_hand",
    "reextract",
    "retract",
]

_NAMESPACE = uuid.UUID("0d5a3c1e-7f0b-4b8e-9a54-6e2f3c8d9b17")
_HEADS = (ArticleIngested, ArticleRevised, ArticleReextracted)


class CorrectionError(Exception):
    """The event or article named does not exist, or cannot be corrected that way."""


class ReextractOutcome(enum.StrEnum):
    REEXTRACTED = "re-extracted"
    UP_TO_DATE = "up to date"


class Reextraction(msgspec.Struct, frozen=True, kw_only=True):
    article_id: str
    outcome: ReextractOutcome
    deal_events: int = 0
    positions: tuple[int, ...] = ()


def reextract(
    store: EventStore,
    extractor: DealExtractor,
    article_id: str,
    *,
    force: bool = False,
    actor: str = "timeline reextract",
) -> Reextraction:
    """Run the current extractor over the stored article; its events supersede the old ones.

    An article whose latest extraction is this extractor's version is left alone unless
    `force` is set.
    """
    history = store.read_stream(stream_of(article_id))
    texts = [r for r in history if isinstance(r.event, ArticleIngested | ArticleRevised)]
    if not texts:
        raise CorrectionError(f"no article {article_id!r} in the log")
    heads = [
        r
        for r in history
        if isinstance(r.event, ArticleIngested | ArticleRevised | ArticleReextracted)
    ]
    if heads[-1].metadata.extractor_version == extractor.version and not force:
        return Reextraction(article_id=article_id, outcome=ReextractOutcome.UP_TO_DATE)
    first, latest = texts[0].event, texts[-1].event
    assert isinstance(first, ArticleIngested)
    assert isinstance(latest, ArticleIngested | ArticleRevised)
    article = load_text(
        latest.text,
        title=latest.title,
        url=first.url,
        publisher=first.publisher,
        published=latest.published,
    )
    version = history[-1].stream_version
    event_id = uuid.uuid5(_NAMESPACE, f"{article_id}:reextract:{version}")
    marker = ArticleReextracted(article_id=article_id, extractor_version=extractor.version)
    batch = extraction_batch(event_id, marker, extractor.extract(article), extractor, actor)
    result = store.append(stream_of(article_id), batch, version)
    return Reextraction(
        article_id=article_id,
        outcome=ReextractOutcome.REEXTRACTED,
        deal_events=len(batch) - 1,
        positions=result.positions,
    )


def retract(store: EventStore, event_id: uuid.UUID, *, reason: str, by: str) -> int:
    """Withdraw a deal event; the original stays in the log. The retraction's position."""
    if not reason.strip():
        raise CorrectionError("a retraction needs a reason")
    found = store.find_event(event_id)
    if found is None:
        raise CorrectionError(f"no event {event_id} in the log")
    if not isinstance(found.event, DealEvent):
        raise CorrectionError(f"event {event_id} is a {found.type}, not a deal event")
    retraction_id = uuid.uuid5(_NAMESPACE, f"retract:{event_id}")
    earlier = store.find_event(retraction_id)
    if earlier is not None and isinstance(earlier.event, EventRetracted):
        raise CorrectionError(
            f"event {event_id} was retracted already, at position {earlier.position}"
            f" by {earlier.event.by}: {earlier.event.reason}"
        )
    retraction = NewEvent(
        event_id=retraction_id,
        event=EventRetracted(event_id=event_id, reason=reason, by=by),
        metadata=Metadata(causation_id=event_id, actor=by, reason=reason),
    )
    result = store.append(found.stream_id, [retraction], StreamState.ANY)
    return result.positions[0]


def record_by_hand(store: EventStore, event: DealEvent, *, by: str, reason: str) -> int:
    """Add a deal event an analyst knows of; it lives in a stream of its own."""
    if not reason.strip():
        raise CorrectionError("an event recorded by hand needs a reason")
    new = NewEvent(event=event, metadata=Metadata(actor=by, reason=reason))
    result = store.append(f"manual-{new.event_id}", [new], StreamState.NO_STREAM)
    return result.positions[0]
