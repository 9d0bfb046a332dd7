"""The hand-written rules as a decision signal: what they find, keyed like candidates."""

from __future__ import annotations

import bisect

from timeline.extraction.evaluation import fold_name
from timeline.extraction.pipeline._document import Doc
from timeline.extraction.pipeline._features import RuleHits, rule_key
from timeline.extraction.rules import Extractor as RulesExtractor

__all__ = ["rule_hits"]


def rule_hits(doc: Doc, rules: RulesExtractor) -> RuleHits:
    """Each rule finding as (sentence index, party keys) -> types, endorser as a party."""
    starts = [view.start for view in doc.sentences]
    hits: RuleHits = {}
    for finding, (start, _end) in rules.findings(doc.article):
        index = bisect.bisect_right(starts, start) - 1
        keys = [
            "id:" + p.slug if p.verified else "name:" + fold_name(p.name)
            for p, _role in finding.companies
        ]
        if finding.type == "endorsement":
            keys += ["person:" + " ".join(p.name.casefold().split()) for p in finding.people]
        hits.setdefault(rule_key(index, keys), set()).add(finding.type)
    return hits
