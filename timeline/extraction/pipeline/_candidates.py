"""Stage 3, candidates: which parties of a sentence an event could be between."""

from __future__ import annotations

from itertools import combinations

from timeline.extraction.pipeline._document import Candidate, Doc, Party

__all__ = ["find_candidates"]

# Past this many companies a sentence is a list of names (a league table, an index).
_MOST_PARTIES = 9
# A sentence naming one company may be about a deal with one named just before it.
_CONTEXT_SENTENCES = 2


def find_candidates(doc: Doc) -> None:
    """Fill `doc.candidates`: company pairs of each sentence, a lone company with the ones
    named in the sentences before, and company-person pairs for endorsements."""
    for view in doc.sentences:
        parties = view.parties[:_MOST_PARTIES]
        for first, second in combinations(parties, 2):
            if first.key != second.key:
                doc.candidates.append(Candidate(view.index, first, second))
        if len(parties) == 1 and _states_something(doc, view.start, view.end):
            others = _recent(doc, view.index, parties[0].key)
            if doc.scan.has("denial", view.start, view.end):
                others += _partners(doc, view.index, parties[0], {o.key for o in others})
            for other in others:
                doc.candidates.append(Candidate(view.index, parties[0], other))
        companies = parties or _recent(doc, view.index, "")[:1]
        for person in view.people:
            for company in companies:
                doc.candidates.append(Candidate(view.index, company, person))


def _recent(doc: Doc, index: int, exclude: str) -> list[Party]:
    """Companies named in the sentences just before, nearest first, as context parties."""
    found: list[Party] = []
    keys = {exclude}
    for view in reversed(doc.sentences[max(0, index - _CONTEXT_SENTENCES) : index]):
        for party in view.parties:
            if party.key not in keys:
                keys.add(party.key)
                found.append(_as_context(party))
    return found[:2]


def _partners(doc: Doc, index: int, party: Party, known: set[str]) -> list[Party]:
    """Companies a report or talk paired with `party` earlier in the article: "Air New Zealand
    says it is not holding merger talks" denies talks with the one the report named."""
    found: list[Party] = []
    for view in doc.sentences[:index]:
        keys = {p.key for p in view.parties}
        if party.key not in keys or not (
            doc.scan.has("rumor", view.start, view.end)
            or doc.scan.has("talks", view.start, view.end)
        ):
            continue
        for other in view.parties:
            if other.key != party.key and other.key not in known and len(found) < 3:
                known.add(other.key)
                found.append(_as_context(other))
    return found


def _as_context(party: Party) -> Party:
    return Party(party.key, party.name, -1, -1, party.kind, party.verified, "context", party.slug)


def _states_something(doc: Doc, start: int, end: int) -> bool:
    """A cue of a deal, talk, denial or report: without one, a lone company's sentence is
    not about a deal with the one before (3 in 100 such pairs are, nearly all with a cue)."""
    return doc.scan.any_cue(start, end) or doc.scan.has("rumor", start, end)
