"""Precision, recall and F1 per type and overall, lenient and strict, as a msgspec report."""

from __future__ import annotations

from collections.abc import Sequence

import msgspec

from timeline.extraction.evaluation._aliases import Aliases
from timeline.extraction.evaluation._gold import DEAL_TYPES, GoldEvent
from timeline.extraction.evaluation._score import (
    Item,
    Matching,
    Resolver,
    gold_item,
    key_of,
    match,
    predicted_item,
)
from timeline.extraction.evaluation._wire import EventLine

__all__ = ["LENIENT_MATCH", "Counts", "EvalReport", "EventRef", "ModeScores", "evaluate"]

# A strict miss whose lenient key matched: usually the kind is wrong.
LENIENT_MATCH = "matched leniently (same article, type and companies)"


class Counts(msgspec.Struct, frozen=True, kw_only=True):
    """Counts of distinct keys; a ratio whose denominator is zero is 0.0."""

    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    f1: float


class EventRef(msgspec.Struct, frozen=True, kw_only=True):
    """A missed gold event or a spurious predicted one, as its side states it.

    `evidence` is the gold evidence, or the first evidence sentence of a prediction; `note`
    says when a strict miss was a lenient match.
    """

    article: str
    type: str
    companies: tuple[str, ...]
    people: tuple[str, ...]
    deal_kind: str
    evidence: str | None
    note: str | None = None


class ModeScores(msgspec.Struct, frozen=True, kw_only=True):
    overall: Counts
    per_type: dict[str, Counts]
    missed: tuple[EventRef, ...]
    spurious: tuple[EventRef, ...]


class EvalReport(msgspec.Struct, frozen=True, kw_only=True):
    """Lenient matching ignores `deal_kind`; strict needs it equal too."""

    articles: int
    gold_events: int
    predicted_events: int
    extractor_version: str
    lenient: ModeScores
    strict: ModeScores


def evaluate(
    gold: Sequence[GoldEvent],
    predicted: Sequence[EventLine],
    resolver: Resolver,
    *,
    articles: int,
    extractor_version: str,
    aliases: Aliases | None = None,
) -> EvalReport:
    """Score `predicted` against `gold`, company names resolved through `resolver`.

    `articles` is how many articles were read, for the report; articles with no gold event
    count too, as any prediction there is spurious. A gold company written "A|B" matches
    either name, and `aliases` gives more names for a gold company as the gold writes it.
    """
    gold_items = [gold_item(event, resolver, aliases) for event in gold]
    predicted_items = [predicted_item(line, resolver) for line in predicted]
    lenient = match(gold_items, predicted_items, strict=False)
    strict = match(gold_items, predicted_items, strict=True)
    return EvalReport(
        articles=articles,
        gold_events=len(gold),
        predicted_events=len(predicted),
        extractor_version=extractor_version,
        lenient=_scores(lenient, None),
        strict=_scores(strict, lenient),
    )


def _counts(tp: int, fp: int, fn: int) -> Counts:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Counts(tp=tp, fp=fp, fn=fn, precision=precision, recall=recall, f1=f1)


def _scores(matching: Matching, lenient: Matching | None) -> ModeScores:
    per_type: dict[str, Counts] = {}
    for deal_type in DEAL_TYPES:
        tp = sum(1 for g, _ in matching.pairs if g.type == deal_type)
        gold = sum(1 for key in matching.gold if key.type == deal_type)
        predicted = sum(1 for key in matching.predicted if key.type == deal_type)
        per_type[deal_type] = _counts(tp, predicted - tp, gold - tp)
    overall = _counts(
        sum(c.tp for c in per_type.values()),
        sum(c.fp for c in per_type.values()),
        sum(c.fn for c in per_type.values()),
    )
    matched_gold = {g for g, _ in lenient.pairs} if lenient else set()
    matched_predicted = {p for _, p in lenient.pairs} if lenient else set()
    return ModeScores(
        overall=overall,
        per_type=per_type,
        missed=tuple(
            _ref(item, key_of(item, strict=False) in matched_gold) for item in matching.missed()
        ),
        spurious=tuple(
            _ref(item, key_of(item, strict=False) in matched_predicted)
            for item in matching.spurious()
        ),
    )


def _ref(item: Item, lenient_match: bool) -> EventRef:
    note = LENIENT_MATCH if lenient_match else None
    source = item.source
    if isinstance(source, GoldEvent):
        return EventRef(
            article=source.article,
            type=source.type,
            companies=source.companies,
            people=source.people,
            deal_kind=str(source.deal_kind),
            evidence=source.evidence,
            note=note,
        )
    return EventRef(
        article=source.article,
        type=source.type,
        companies=tuple(c.name for c in source.companies),
        people=tuple(p.name for p in source.people),
        deal_kind=source.deal_kind,
        evidence=source.evidence[0].text if source.evidence else None,
        note=note,
    )
