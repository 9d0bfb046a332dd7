"""Use cases: what the entry points ask of the domain and the store."""

from timeline.services._articles import (
    ArticleOutcome,
    Outcome,
    record_article,
    record_loaded,
    stream_of,
)

__all__ = ["ArticleOutcome", "Outcome", "record_article", "record_loaded", "stream_of"]
