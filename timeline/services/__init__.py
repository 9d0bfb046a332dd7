"""Use cases: what the entry points ask of the domain and the store."""

from timeline.services._corrections import (
    CorrectionError,
    Reextraction,
    ReextractOutcome,
    record_by_hand,
    reextract,
    retract,
)
from timeline.services._ingest import (
    DealExtractor,
    IngestOutcome,
    Outcome,
    extraction_batch,
    ingest_article,
    ingest_loaded,
    stream_of,
)
from timeline.services._manual import BadField, hand_event

__all__ = [
    "BadField",
    "CorrectionError",
    "DealExtractor",
    "IngestOutcome",
    "Outcome",
    "ReextractOutcome",
    "Reextraction",
    "extraction_batch",
    "hand_event",
    "ingest_article",
    "ingest_loaded",
    "record_by_hand",
    "reextract",
    "retract",
    "stream_of",
]
