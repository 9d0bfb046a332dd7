"""Article text to deal events: the pipeline extractor, its rules and its lexicon."""

from timeline.extraction.pipeline import EXTRACTOR_VERSION
from timeline.extraction.pipeline import PipelineExtractor as Extractor
from timeline.extraction.rules import Lexicon

__all__ = ["EXTRACTOR_VERSION", "Extractor", "Lexicon"]
