"""Stage 5, events: one deal event per deal of the article, from the decisions about it."""

from __future__ import annotations

import re
from collections import defaultdict

from timeline.domain.events import (
    DEAL_EVENT_TYPES,
    CompanyRef,
    CompanyRole,
    DealEvent,
    DealKind,
    Evidence,
    PersonRef,
)
from timeline.extraction.pipeline._document import Decision, Doc, Party

__all__ = ["build_events"]

_ORDER = {"rumor": 0, "denial": 1, "partnership": 2, "endorsement": 3}
_REPORT = re.compile(r"\breport(?:s|ed)?\b|\bsaid\b", re.I)
_NEXT_CITES = re.compile(r"\b(?:reported|said|according to|citing|report)\b", re.I)

_Key = tuple[str, frozenset[str], str]


def build_events(doc: Doc, version: str) -> list[DealEvent]:
    """Decisions with the same type and parties (and endorser) are one event."""
    groups: dict[_Key, list[Decision]] = defaultdict(list)
    for decision in doc.decisions:
        c = decision.candidate
        person = c.second.key if c.second.kind == "person" else ""
        companies = frozenset([c.first.key] if person else [c.first.key, c.second.key])
        groups[(decision.type, companies, person)].append(decision)
    kinds = _pair_kinds(groups)
    events: list[tuple[tuple[int, int], DealEvent]] = []
    for (type_name, companies, person), group in groups.items():
        group.sort(key=lambda d: d.candidate.sentence)
        best = max(group, key=lambda d: d.score)
        kind = DealKind(kinds.get((type_name, companies), best.kind))
        first = group[0].candidate
        parties = [first.first] if person else _ordered(first.first, first.second)
        event = DEAL_EVENT_TYPES[type_name](
            article_id=doc.article.id,
            deal_kind=kind,
            companies=tuple(_company(p, i, type_name, len(parties)) for i, p in enumerate(parties)),
            people=(PersonRef(name=first.second.name),) if person else (),
            sources=_sources(doc, group) if type_name == "rumor" else (),
            evidence=tuple(dict.fromkeys(_evidence(doc, d.candidate.sentence) for d in group)),
            confidence=round(min(0.99, best.score), 3),
            rules=tuple(dict.fromkeys(r for d in group for r in d.rules)),
            extractor_version=version,
            occurred=doc.article.published,
        )
        events.append(((group[0].candidate.sentence, _ORDER[type_name]), event))
    return [event for _, event in sorted(events, key=lambda item: item[0])]


def _pair_kinds(groups: dict[_Key, list[Decision]]) -> dict[tuple[str, frozenset[str]], str]:
    """A denial is of the kind of the rumor it answers; a rumor keeps its own best kind."""
    rumors = {
        companies: max(group, key=lambda d: d.score).kind
        for (type_name, companies, _), group in groups.items()
        if type_name == "rumor"
    }
    return {("denial", companies): kind for companies, kind in rumors.items()}


def _ordered(first: Party, second: Party) -> list[Party]:
    if first.start < 0:
        return [second, first]
    if second.start < 0:
        return [first, second]
    return sorted([first, second], key=lambda p: p.start)


def _company(party: Party, index: int, type_name: str, count: int) -> CompanyRef:
    role = CompanyRole.PARTY
    if count == 2 and type_name in {"rumor", "partnership"}:
        role = CompanyRole.ACTOR if index == 0 else CompanyRole.TARGET
    slug = party.slug or party.key.partition(":")[2].replace(" ", "-")
    return CompanyRef(slug=slug, name=party.name, role=role, verified=party.verified)


def _evidence(doc: Doc, sentence: int) -> Evidence:
    view = doc.sentences[sentence]
    lo, hi = doc.article.to_original(view.start, view.end)
    return Evidence(text=doc.article.original[lo:hi], start=lo, end=hi)


def _sources(doc: Doc, group: list[Decision]) -> tuple[str, ...]:
    """The outlet a rumor cites: in its sentence, in the next one ("..., the Nikkei
    reported"), or the report an earlier sentence named, when this one speaks of a report."""
    for decision in group:
        index = decision.candidate.sentence
        view = doc.sentences[index]
        if view.cited:
            return tuple(view.cited)
        if index + 1 < len(doc.sentences):
            after = doc.sentences[index + 1]
            if after.cited and _NEXT_CITES.search(doc.text, after.start, after.end):
                return tuple(after.cited)
        if _REPORT.search(doc.text, view.start, view.end):
            for earlier in reversed(doc.sentences[:index]):
                if earlier.cited:
                    return tuple(earlier.cited)
    return ()
