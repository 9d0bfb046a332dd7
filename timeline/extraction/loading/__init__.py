"""Articles from text, Markdown, HTML and JSON, normalised with offsets to the original."""

from timeline.extraction.loading._article import Article, Metadata
from timeline.extraction.loading._decode import DEFAULT_MAX_BYTES
from timeline.extraction.loading._errors import ArticleRejected
from timeline.extraction.loading._folder import SIDECAR, Loaded, Rejected, load_folder
from timeline.extraction.loading._load import (
    EXTENSIONS,
    Format,
    load_bytes,
    load_file,
    load_text,
    sniff_format,
)
from timeline.extraction.loading._normalise import Normalised, normalise
from timeline.extraction.loading._offsets import OffsetMap

__all__ = [
    "DEFAULT_MAX_BYTES",
    "EXTENSIONS",
    "SIDECAR",
    "Article",
    "ArticleRejected",
    "Format",
    "Loaded",
    "Metadata",
    "Normalised",
    "OffsetMap",
    "Rejected",
    "load_bytes",
    "load_file",
    "load_folder",
    "load_text",
    "normalise",
    "sniff_format",
]
