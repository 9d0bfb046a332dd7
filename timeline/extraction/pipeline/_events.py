"""Stage 5, events: one deal event per deal of the article, from the decisions about it."""

from __future__ import annotations

import re
from collections import defaultdict

from timeline.domain.dates import FuzzyDate
from timeline.domain.events import (
    DEAL_EVENT_TYPES,
    CompanyRef,
    CompanyRole,
    DealEvent,
    DealKind,
    Evidence,
    PersonRef,
)
from timeline.extraction.pipeline._dates import event_date
from timeline.extraction.pipeline._document import Candidate, Decision, Doc, Party

__all__ = ["build_events"]

_ORDER = {"rumor": 0, "denial": 1, "partnership": 2, "endorsement": 3}
_CLAUSE = re.compile(r"[,;:()\u2013\u2014]")
_REPORT = re.compile(r"\breport(?:s|ed)?\b|\bsaid\b", re.I)
_NEXT_CITES = re.compile(r"\b(?:reported|said|according to|citing|report)\b", re.I)

_Key = tuple[str, frozenset[str], str, str]


def build_events(doc: Doc, version: str) -> list[DealEvent]:
    """Decisions with the same type, kind and parties (and endorser) are one event; the
    same pair with another kind is another deal (an investment and a co-development)."""
    groups: dict[_Key, list[Decision]] = defaultdict(list)
    for decision in doc.decisions:
        c = decision.candidate
        person = c.second.key if c.second.kind == "person" else ""
        companies = frozenset([c.first.key] if person else [c.first.key, c.second.key])
        groups[(decision.type, companies, person, decision.kind)].append(decision)
    groups = _as_answers(_one_per_told_endorsement(groups))
    starts = _thread_starts(groups)
    events: list[tuple[tuple[int, int, int], DealEvent]] = []
    for (type_name, companies, person, own_kind), group in groups.items():
        group.sort(key=lambda d: d.candidate.sentence)
        best = max(group, key=lambda d: d.score)
        kind = DealKind(own_kind)
        first = group[0].candidate
        parties = [first.first] if person else _ordered(first.first, first.second)
        event = DEAL_EVENT_TYPES[type_name](
            article_id=doc.article.id,
            deal_kind=kind,
            companies=tuple(_company(p, i, type_name, len(parties)) for i, p in enumerate(parties)),
            people=tuple(
                dict.fromkeys(PersonRef(name=d.candidate.second.name) for d in group if person)
            ),
            sources=_sources(doc, group) if type_name == "rumor" else (),
            evidence=tuple(dict.fromkeys(_evidence(doc, d.candidate.sentence) for d in group)),
            confidence=round(min(0.99, best.score), 3),
            rules=tuple(dict.fromkeys(r for d in group for r in d.rules)),
            extractor_version=version,
            occurred=_occurred(doc, group[0].candidate),
        )
        thread = starts[(kind, companies)]
        events.append(((thread, _ORDER[type_name], group[0].candidate.sentence), event))
    return [event for _, event in sorted(events, key=lambda item: item[0])]


def _thread_starts(groups: dict[_Key, list[Decision]]) -> dict[tuple[str, frozenset[str]], int]:
    """Deals in the order the story happened: a deal's thread starts where its rumor is told
    (articles often sum up a denial first and tell the rumor after), else where it is first
    told."""
    starts: dict[tuple[str, frozenset[str]], tuple[bool, int]] = {}
    for (type_name, companies, _, kind), group in groups.items():
        start = (type_name != "rumor", min(d.candidate.sentence for d in group))
        starts[(kind, companies)] = min(starts.get((kind, companies), start), start)
    return {key: sentence for key, (_, sentence) in starts.items()}


def _one_per_told_endorsement(groups: dict[_Key, list[Decision]]) -> dict[_Key, list[Decision]]:
    """The people a sentence names beside one brand are one endorsement ("first lady Peng
    Liyuan ... with husband and President Xi Jinping" is hers), however many pass."""
    told: dict[tuple[frozenset[str], int], _Key] = {}
    merged: dict[_Key, list[Decision]] = {}
    for key, group in groups.items():
        if key[0] != "endorsement":
            merged[key] = group
            continue
        first = min(d.candidate.sentence for d in group)
        owner = told.setdefault((key[1], first), key)
        merged.setdefault(owner, []).extend(group)
    for key, group in merged.items():
        if key[0] == "endorsement":
            group.sort(key=lambda d: -d.score)
    return merged


def _as_answers(groups: dict[_Key, list[Decision]]) -> dict[_Key, list[Decision]]:
    """A denial is of the kind of the rumor it answers (the likeliest rumor of the pair), so
    denials of one pair told in several sentences are one event."""
    rumors: dict[frozenset[str], tuple[float, str]] = {}
    for (type_name, companies, _, kind), group in groups.items():
        score = max(d.score for d in group)
        if type_name == "rumor" and score > rumors.get(companies, (0.0, ""))[0]:
            rumors[companies] = (score, kind)
    merged: dict[_Key, list[Decision]] = defaultdict(list)
    for (type_name, companies, person, kind), group in groups.items():
        if type_name == "denial" and companies in rumors:
            kind = rumors[companies][1]
        merged[(type_name, companies, person, kind)].extend(group)
    return merged


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


def _occurred(doc: Doc, candidate: Candidate) -> FuzzyDate:
    """When the deal happened: a time expression said of it ("in 2011", "last June"),
    anchored on the published date, or else the published date.

    Only the clause of the later party and what leads the sentence count: in "Microsoft,
    which bought Skype in 2011, agreed to buy LinkedIn", 2011 is Skype's date, not LinkedIn's.
    """
    view = doc.sentences[candidate.sentence]
    text = doc.text
    placed = [p for p in (candidate.first, candidate.second) if p.start >= 0]
    if not placed:
        return doc.article.published
    later = max(placed, key=lambda p: p.start)
    first = min(placed, key=lambda p: p.start)
    begin = max([view.start, *(m.end() for m in _CLAUSE.finditer(text, view.start, later.start))])
    stop = next((m.start() for m in _CLAUSE.finditer(text, later.end, view.end)), view.end)
    for span in (text[begin:stop], text[view.start : first.start]):
        said = event_date(span, doc.article.published)
        if said is not None:
            return said
    return doc.article.published


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
