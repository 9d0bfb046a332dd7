"""Stage 4, decision: each candidate's event type and deal kind, from the trained model."""

from __future__ import annotations

from timeline.extraction.pipeline._document import Decision, Doc
from timeline.extraction.pipeline._features import Featurizer, RuleHits
from timeline.extraction.pipeline._model import DecisionModel
from timeline.extraction.rules._lexicon import Scan

__all__ = ["COMPANY_TYPES", "decide"]

COMPANY_TYPES = ("rumor", "denial", "partnership")


def decide(doc: Doc, model: DecisionModel, scan: Scan, rule_hits: RuleHits | None = None) -> None:
    """Fill `doc.decisions`: every type whose score passes its threshold, per candidate."""
    featurizer = Featurizer(doc, scan, rule_hits)
    for candidate in doc.candidates:
        features = featurizer.features(candidate)
        if candidate.second.kind == "person":
            model_ = model.types["endorsement"]
            score = model_.score(features)
            if score >= model_.threshold:
                doc.decisions.append(
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
