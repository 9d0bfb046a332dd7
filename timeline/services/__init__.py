"""Use cases: what the entry points ask of the domain and the store."""

from timeline.services._ingest import (
    ArticleOutcome,
    DealExtractor,
    IngestOutcome,
    Outcome,
    extraction_batch,
    ingest_article,
    ingest_loaded,
    stream_of,
)

__all__ = [
    "ArticleOutcome",
    "DealExtractor",
    "IngestOutcome",
    "Outcome",
    "extraction_batch",
    "ingest_article",
    "ingest_loaded",
    "stream_of",
]
