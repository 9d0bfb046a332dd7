"""Rule-based extraction: sentences, cues, parties and references become deal events."""

from timeline.extraction.rules._extractor import EXTRACTOR_VERSION, Extractor
from timeline.extraction.rules._lexicon import Lexicon

__all__ = ["EXTRACTOR_VERSION", "Extractor", "Lexicon"]
