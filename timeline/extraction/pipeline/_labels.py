"""Training examples: each candidate of a labelled article with the event types it holds."""

from __future__ import annotations

from collections.abc import Sequence

import msgspec

from timeline.extraction.evaluation import company_key, gold_alternatives, gold_names
from timeline.extraction.evaluation._aliases import Aliases
from timeline.extraction.evaluation._gold import GoldEvent
from timeline.extraction.gazetteer import Gazetteer
from timeline.extraction.pipeline._document import Candidate, Doc, person_key

__all__ = ["Example", "label_candidates"]


class Example(msgspec.Struct, frozen=True):
    """A candidate's features, the types it is gold for, the types to leave out of training
    (the same deal told in another sentence), and the gold deal kind."""

    article: str
    features: list[str]
    person: bool
    types: list[str]
    unknown: list[str]
    kind: str | None
    weight: float = 1.0


def _keys(written: str, gazetteer: Gazetteer, aliases: Aliases) -> frozenset[str]:
    """The keys a candidate's party may have to be this gold company: the ones scoring
    compares, and each name folded too, since an unverified party keeps its own name
    (scoring resolves it later; a candidate is labelled before that)."""
    names = gold_names(written, aliases)
    return gold_alternatives(gazetteer, written, aliases) | {company_key(n) for n in names}


def _matches(
    candidate: Candidate, event: GoldEvent, alts: list[frozenset[str]], people: set[str]
) -> bool:
    first, second = candidate.first, candidate.second
    if second.kind == "person":
        return (
            event.type == "endorsement"
            and len(alts) == 1
            and first.key in alts[0]
            and second.key in people
        )
    if len(alts) != 2 or event.type == "endorsement":
        return False
    a, b = alts
    return (first.key in a and second.key in b) or (first.key in b and second.key in a)


def label_candidates(
    doc: Doc,
    gold: Sequence[GoldEvent],
    gazetteer: Gazetteer,
    aliases: Aliases,
    features: Sequence[list[str]],
) -> list[Example]:
    """One example per candidate of `doc`, labelled from the article's gold events."""
    article = doc.article
    spans: list[tuple[GoldEvent, set[int], list[frozenset[str]], set[str]]] = []
    for event in gold:
        where = article.original.find(event.evidence or "\0")
        sentences: set[int] = set()
        if where >= 0:
            end = where + len(event.evidence or "")
            for view in doc.sentences:
                lo, hi = article.to_original(view.start, view.end)
                if lo < end and where < hi:
                    sentences.add(view.index)
        alts = [_keys(c, gazetteer, aliases) for c in event.companies]
        people = {person_key(p) for p in event.people}
        spans.append((event, sentences, alts, people))
    examples = []
    for candidate, feats in zip(doc.candidates, features, strict=True):
        types: list[str] = []
        unknown: list[str] = []
        kind = None
        for event, sentences, alts, people in spans:
            if not _matches(candidate, event, alts, people):
                continue
            if candidate.sentence in sentences:
                types.append(event.type)
                kind = kind or str(event.deal_kind)
            else:
                unknown.append(event.type)
        examples.append(
            Example(
                article.id,
                list(feats),
                candidate.second.kind == "person",
                sorted(set(types)),
                sorted(set(unknown) - set(types)),
                kind,
            )
        )
    return examples
