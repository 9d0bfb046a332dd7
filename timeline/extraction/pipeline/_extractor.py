"""The extractor: an article down the named stages, its deal events out."""

from __future__ import annotations

from pathlib import Path

from timeline.domain.events import DealEvent
from timeline.extraction.gazetteer import Gazetteer
from timeline.extraction.loading import Article
from timeline.extraction.pipeline._candidates import find_candidates
from timeline.extraction.pipeline._decide import decide
from timeline.extraction.pipeline._document import Doc
from timeline.extraction.pipeline._events import build_events
from timeline.extraction.pipeline._mentions import find_mentions
from timeline.extraction.pipeline._model import DecisionModel, Scorer
from timeline.extraction.rules._lexicon import Lexicon

__all__ = ["EXTRACTOR_VERSION", "MODEL_VERSION", "PipelineExtractor"]

# The shipped model's version, written by the training command; a test checks they agree,
# so that a retrained model changes the version stamped on every event it finds.
MODEL_VERSION = "lr-66f51b8b61"
EXTRACTOR_VERSION = f"pipeline-1.0+{MODEL_VERSION}"


class PipelineExtractor:
    """Sentences and mentions -> candidates -> decisions (a trained model) -> events."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        model: DecisionModel | None = None,
        lexicon: Lexicon | None = None,
        *,
        model_path: Path | None = None,
    ) -> None:
        self._gazetteer = gazetteer
        self._lexicon = lexicon or Lexicon.load()
        self.model = model or DecisionModel.load(model_path)
        self._scorer = Scorer(self.model)
        self.version = f"pipeline-1.0+{self.model.version}"

    def document(self, article: Article) -> Doc:
        """The article after the stages before the decision: what training reads."""
        doc = Doc(article, self._lexicon.scan(article.text))
        find_mentions(doc, self._gazetteer, self._lexicon)
        find_candidates(doc)
        return doc

    def extract(self, article: Article) -> list[DealEvent]:
        doc = self.document(article)
        decide(doc, self._scorer)
        return build_events(doc, self.version)
