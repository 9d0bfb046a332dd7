"""One evaluation run: any extractor over loaded articles, scored against the gold."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from timeline.domain.events import DealEvent
from timeline.extraction.evaluation._aliases import Aliases
from timeline.extraction.evaluation._gold import GoldEvent
from timeline.extraction.evaluation._report import EvalReport, evaluate
from timeline.extraction.evaluation._score import Resolver
from timeline.extraction.evaluation._wire import event_line
from timeline.extraction.loading import Article

__all__ = ["DealExtractor", "score_extractor"]


class DealExtractor(Protocol):
    """What scoring needs of an extractor, so that another one can be scored the same way."""

    @property
    def version(self) -> str: ...

    def extract(self, article: Article) -> Sequence[DealEvent]: ...


def score_extractor(
    gold: Sequence[GoldEvent],
    articles: Mapping[str, Article],
    extractor: DealExtractor,
    resolver: Resolver,
    *,
    aliases: Aliases | None = None,
) -> EvalReport:
    """Run `extractor` over `articles` (keyed by file name, as the gold names them) and score it.

    `resolver` is the gazetteer that names resolve through; it need not be the one the
    extractor uses, so two extractors are scored against the same companies.
    """
    predicted = [
        event_line(name, event)
        for name, article in articles.items()
        for event in extractor.extract(article)
    ]
    return evaluate(
        gold,
        predicted,
        resolver,
        aliases=aliases,
        articles=len(articles),
        extractor_version=extractor.version,
    )
