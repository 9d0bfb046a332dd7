"""Article text to deal events."""

from timeline.extraction.rules import EXTRACTOR_VERSION, Extractor, Lexicon

__all__ = ["EXTRACTOR_VERSION", "Extractor", "Lexicon"]
