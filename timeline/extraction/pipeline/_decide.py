"""Stage 4, decision: each candidate's event type and deal kind, from the trained model."""

from __future__ import annotations

from timeline.extraction.pipeline._document import Decision, Doc
from timeline.extraction.pipeline._features import Featurizer, RuleHits
from timeline.extraction.pipeline._model import DecisionModel
from timeline.extraction.rules._lexicon import Scan

__all__ = ["COMPANY_TYPES", "decide"]

COMPANY_TYPES = ("rumor", "denial", "partnership")
_NEARLY = 0.1


def decide(doc: Doc, model: DecisionModel, scan: Scan, rule_hits: RuleHits | None = None) -> None:
    """Fill `doc.decisions`: every type whose score passes its threshold, per candidate."""
    featurizer = Featurizer(doc, scan, rule_hits)
    endorsements: list[Decision] = []
    for candidate in doc.candidates:
        features = featurizer.features(candidate)
        if candidate.second.kind == "person":
            score = model.types["endorsement"].score(features)
            endorsements.append(
                Decision(candidate, "endorsement", "endorsement", score, ("model",))
            )
            continue
        kind: str | None = None
        for type_name in COMPANY_TYPES:
            model_ = model.types[type_name]
            score = model_.score(features)
            if score >= model_.threshold:
                kind = kind or model.kinds.best(features)
                doc.decisions.append(Decision(candidate, type_name, kind, score, ("model",)))
    doc.decisions += _likeliest_people(endorsements, model.types["endorsement"].threshold)


def _likeliest_people(decisions: list[Decision], threshold: float) -> list[Decision]:
    """Of the people a sentence names beside a brand, the one the model rates highest is its
    face, with any rated nearly as high (a list of faces): the others are bystanders."""
    best: dict[tuple[int, str], float] = {}
    for d in decisions:
        key = (d.candidate.sentence, d.candidate.first.key)
        best[key] = max(best.get(key, 0.0), d.score)
    return [
        d
        for d in decisions
        if d.score >= threshold
        and d.score >= best[(d.candidate.sentence, d.candidate.first.key)] - _NEARLY
    ]
