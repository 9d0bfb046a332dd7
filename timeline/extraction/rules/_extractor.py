"""The extractor: an article in, its deal events out, each tied to its sentences."""

from __future__ import annotations

import bisect
import re

import msgspec

from timeline.domain.events import (
    DEAL_EVENT_TYPES,
    CompanyRef,
    CompanyRole,
    DealEvent,
    DealKind,
    Evidence,
)
from timeline.extraction.gazetteer import Gazetteer
from timeline.extraction.loading import Article
from timeline.extraction.pipeline._names import with_local_names
from timeline.extraction.rules._citations import cited_outlets
from timeline.extraction.rules._findings import (
    Finding,
    SentenceFacts,
    find_deals,
    find_denials,
    find_endorsements,
)
from timeline.extraction.rules._lexicon import Lexicon
from timeline.extraction.rules._parties import Clauses, party_mentions
from timeline.extraction.rules._references import Context, ReferencePhrases, find_references
from timeline.extraction.rules._sentences import split_sentences

__all__ = ["EXTRACTOR_VERSION", "Extractor"]

EXTRACTOR_VERSION = "rules-0.1.0"

_THE_REPORT = re.compile(r"\b(?:the|that|this|a) (?:\w+ )?report\b|\breports?\b", re.I)


class Extractor:
    """Rule-based: cue lexicons, gazetteer mentions and references, one event per deal."""

    version = EXTRACTOR_VERSION

    def __init__(self, gazetteer: Gazetteer, lexicon: Lexicon | None = None) -> None:
        self._gazetteer = gazetteer
        self._lexicon = lexicon or Lexicon.load()

    def extract(self, article: Article) -> list[DealEvent]:
        findings = self.findings(article)
        return self._events(article, findings)

    def findings(self, article: Article) -> list[tuple[Finding, tuple[int, int]]]:
        """Every finding with the span of its sentence in the normalised text."""
        text = article.text
        lexicon = self._lexicon
        scan = lexicon.scan(text)
        phrases = ReferencePhrases(scan.lowered)
        mentions = with_local_names(text, self._gazetteer.find(text))
        starts = [m.start for m in mentions]
        context = Context()
        history: list[Finding] = []
        last_source: str | None = None
        out: list[tuple[Finding, tuple[int, int]]] = []
        for sentence in split_sentences(text):
            lo = bisect.bisect_left(starts, sentence.start)
            hi = bisect.bisect_left(starts, sentence.end)
            here = mentions[lo:hi]
            parties = party_mentions(text, here, lexicon, sentence.start)
            context.learn_names(here)
            sources = cited_outlets(text, here, sentence.start, sentence.end)
            if sources:
                last_source = sources[-1]
            if not scan.any_cue(sentence.start, sentence.end):
                context.remember(parties, here)  # most sentences state no deal at all
                continue
            if (
                not sources
                and last_source
                and _THE_REPORT.search(text, sentence.start, sentence.end)
            ):
                sources = [last_source]
            references = find_references(text, sentence.start, sentence.end, context, here, phrases)
            facts = SentenceFacts(
                sentence.start,
                sentence.end,
                sentence.index,
                parties,
                references,
                here,
                sources,
                Clauses(text, sentence.start, sentence.end),
            )
            found = find_denials(text, facts, scan, context, history)
            if not found:
                found = find_endorsements(text, facts, scan, context)
            if not found:
                found = find_deals(text, facts, scan, context)
            for finding in found:
                if _restates_confirmed(finding, history):
                    continue
                history.append(finding)
                out.append((finding, (sentence.start, sentence.end)))
            context.remember(parties, here)
        return out

    def _events(
        self, article: Article, findings: list[tuple[Finding, tuple[int, int]]]
    ) -> list[DealEvent]:
        """One event per deal: the same type, kind and companies merge their evidence."""
        findings = _unify_kinds(findings)
        merged: dict[tuple[str, DealKind, frozenset[str], str], list[tuple[Finding, Evidence]]]
        merged = {}
        for finding, (start, end) in findings:
            lo, hi = article.to_original(start, end)
            evidence = Evidence(text=article.original[lo:hi], start=lo, end=hi)
            person = finding.people[0].name if finding.type == "endorsement" else ""
            key = (
                finding.type,
                finding.kind,
                frozenset(p.slug for p, _ in finding.companies),
                person,
            )
            merged.setdefault(key, []).append((finding, evidence))
        events: list[DealEvent] = []
        for (type_name, kind, _slugs, _person), group in _in_story_order(merged):
            # A sentence that only implies the rumor (by denying it) is the weakest evidence.
            group = sorted(group, key=lambda item: _implied(item[0]))
            first = group[0][0]
            spans = tuple(dict.fromkeys(e for _, e in group))
            events.append(
                DEAL_EVENT_TYPES[type_name](
                    article_id=article.id,
                    deal_kind=kind,
                    companies=tuple(
                        CompanyRef(
                            slug=p.slug, name=p.name, role=CompanyRole(role), verified=p.verified
                        )
                        for p, role in first.companies
                    ),
                    people=tuple(dict.fromkeys(p for f, _ in group for p in f.people)),
                    sources=tuple(dict.fromkeys(s for f, _ in group for s in f.sources)),
                    evidence=spans,
                    confidence=min(
                        0.95, max(f.confidence for f, _ in group) + 0.05 * (len(group) - 1)
                    ),
                    rules=tuple(dict.fromkeys(r for f, _ in group for r in f.rules)),
                    extractor_version=self.version,
                    occurred=article.published,
                )
            )
        return events


def _restates_confirmed(finding: Finding, history: list[Finding]) -> bool:
    """After "A completed its purchase of B", talk of that purchase is not a new rumor."""
    if finding.type != "rumor":
        return False
    slugs = {p.slug for p, _ in finding.companies}
    return any(
        f.type == "partnership"
        and f.kind == finding.kind
        and {p.slug for p, _ in f.companies} == slugs
        for f in history
    )


def _unify_kinds(
    findings: list[tuple[Finding, tuple[int, int]]],
) -> list[tuple[Finding, tuple[int, int]]]:
    """Talk of a "tie-up" between two companies means the deal the article names elsewhere.

    When the rumors and denials about a pair name one specific kind (an investment) and
    some only say "tie-up", those take the specific kind: it is one deal, not two.
    """
    specific: dict[frozenset[str], set[DealKind]] = {}
    for finding, _ in findings:
        if finding.type in {"rumor", "denial"} and finding.kind is not DealKind.PARTNERSHIP:
            specific.setdefault(_pair(finding), set()).add(finding.kind)
    unified = []
    for finding, span in findings:
        kinds = specific.get(_pair(finding), set())
        generic = finding.type in {"rumor", "denial"} and finding.kind is DealKind.PARTNERSHIP
        if generic and len(kinds) == 1:
            finding = msgspec.structs.replace(finding, kind=next(iter(kinds)))
        unified.append((finding, span))
    return unified


def _pair(finding: Finding) -> frozenset[str]:
    return frozenset(p.slug for p, _ in finding.companies)


_STORY_ORDER = {"rumor": 0, "denial": 1, "partnership": 2, "endorsement": 3}
_MergeKey = tuple[str, DealKind, frozenset[str], str]


def _implied(finding: Finding) -> bool:
    return "rumor.denied-report" in finding.rules


def _in_story_order(
    merged: dict[_MergeKey, list[tuple[Finding, Evidence]]],
) -> list[tuple[_MergeKey, list[tuple[Finding, Evidence]]]]:
    """Deals in the order the story happened: a rumor before its denial, deals by first telling.

    Articles often sum up first ("X denied two rumors") and tell the story after; the log
    and the timeline keep the story's order, which is the order of each deal's rumor.
    """

    def told(group: list[tuple[Finding, Evidence]]) -> int:
        stated = [f.sentence for f, _ in group if not _implied(f)]
        return min(stated or [f.sentence for f, _ in group])

    # A deal's thread starts where its rumor is told, or else where it is first told.
    starts: dict[tuple[DealKind, frozenset[str]], tuple[bool, int]] = {}
    for (type_name, kind, slugs, _person), group in merged.items():
        start = (type_name != "rumor", told(group))
        starts[(kind, slugs)] = min(starts.get((kind, slugs), start), start)

    def order(item: tuple[_MergeKey, list[tuple[Finding, Evidence]]]) -> tuple[int, int, int]:
        (type_name, kind, slugs, _person), group = item
        return (starts[(kind, slugs)][1], _STORY_ORDER[type_name], told(group))

    return sorted(merged.items(), key=order)
