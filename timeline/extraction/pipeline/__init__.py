"""The extraction pipeline: sentences, mentions, candidates, decisions, events."""

from timeline.extraction.pipeline._extractor import (
    EXTRACTOR_VERSION,
    MODEL_VERSION,
    PipelineExtractor,
)
from timeline.extraction.pipeline._model import DecisionModel

__all__ = ["EXTRACTOR_VERSION", "MODEL_VERSION", "DecisionModel", "PipelineExtractor"]
