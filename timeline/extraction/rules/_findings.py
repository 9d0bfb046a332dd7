"""What one sentence states: deals with their type, kind, parties, people and sources."""

from __future__ import annotations

import re

import msgspec

from timeline.domain.events import DealKind, PersonRef
from timeline.extraction.gazetteer import Mention
from timeline.extraction.rules._lexicon import Cue, Scan
from timeline.extraction.rules._parties import Clauses, Party, clause_of, list_run, split_roles
from timeline.extraction.rules._references import Context, find_pronoun

__all__ = ["Finding", "SentenceFacts", "find_deals", "find_denials", "find_endorsements"]

_SPEAKER = re.compile(r"'?s?\s+(?:\w+\s+){0,2}?(?:spokes\w+|said|says|told|representative)", re.I)
_REPORTED = re.compile(r"\breport(?:s|ed)?\b|\brumou?rs?\b|\bspeculation\b", re.I)
_PRONOUN_START = re.compile(r"\s*(?:She|He)\b")
_RELATIVE = re.compile(r"(?:\)\s*)?,\s+(?:which|who|that)\s*$", re.I)
_SAYS = re.compile(r"(?:'s)?\s+(?:\w+\s+){0,2}?(?:said|says|told|stated|added)\b", re.I)
_MUTUAL = {"partnership", "joint-venture", "merger", "licensing", "other"}
_NOT_ONLY = re.compile(r"\bnot only\b", re.I)
_STRONG_RUMOR = re.compile(
    r"\b(?:rumou?r\w*|reportedly|according to|sources?|people familiar|said to|talks?|buzz\w*|"
    r"speculat\w*|chatter|report\w*|negotiat\w*|discussions|unconfirmed)\b",
    re.I,
)


class SentenceFacts(msgspec.Struct, frozen=True):
    """A sentence with everything found in it, as the rules need it."""

    start: int
    end: int
    index: int
    parties: list[Party]
    references: list[Party]
    mentions: list[Mention]
    sources: list[str]
    clauses: Clauses


class Finding(msgspec.Struct, frozen=True):
    type: str  # rumor, denial, partnership, endorsement
    kind: DealKind
    companies: tuple[tuple[Party, str], ...]  # each with its role: actor, target, party
    people: tuple[PersonRef, ...]
    sources: tuple[str, ...]
    sentence: int
    rules: tuple[str, ...]
    confidence: float


def _people(facts: SentenceFacts) -> tuple[PersonRef, ...]:
    seen: dict[str, PersonRef] = {}
    for m in facts.mentions:
        if m.kind == "person" and m.name not in seen:
            seen[m.name] = PersonRef(name=m.name, role=m.role or m.title, company=m.company)
    return tuple(seen.values())


def _kind_near(cues: list[Cue], position: int) -> Cue | None:
    return min(cues, key=lambda c: abs(c.start - position), default=None)


def find_deals(text: str, facts: SentenceFacts, scan: Scan, context: Context) -> list[Finding]:
    """Rumors and confirmed partnerships: a deal cue with an actor and a target."""
    found: list[Finding] = []
    candidates = sorted(facts.parties + facts.references, key=lambda p: p.start)
    seen_pairs: set[tuple[str, str]] = set()
    kinds = scan.deal_kinds(facts.start, facts.end)
    consumed: list[tuple[int, int]] = []
    for talks in scan.cues("talks", facts.start, facts.end):
        from_talks = _talks(text, facts, scan, context, talks, candidates, kinds, seen_pairs)
        if from_talks:
            found.extend(from_talks)
            consumed.append(clause_of(facts.clauses, facts.start, facts.end, talks.start))
    for cue in kinds:
        if cue.name == "endorsement" or any(a <= cue.start < b for a, b in consumed):
            continue
        clause = clause_of(facts.clauses, facts.start, facts.end, cue.start)
        mutual = cue.name in _MUTUAL
        actors, targets, partners = split_roles(
            text, candidates, cue.start, cue.end, clause, mutual
        )
        rules = [f"kind.{cue.name}"]
        if partners:
            pairs = [(actors[0], p, "party") for p in actors[1:]]
        else:
            if not actors:
                actors = _fallback_actor(text, facts, candidates, targets, clause, context)
                rules.append("actor.fallback")
            if not actors or not targets:
                continue
            pairs = [(a, t, "target") for a in actors for t in targets]
        verdict = _verdict(text, facts, scan, cue, clause)
        if verdict is None:
            continue
        rules.append(verdict[1])
        for actor, other, role in pairs:
            if actor.slug == other.slug:
                # "A bought B" where B has since become a brand of A: keep B by its name.
                if not _bought_own_brand(actor, other, cue):
                    continue
                other = msgspec.structs.replace(other, name=other.brand)
            if (actor.slug, other.slug) in seen_pairs:
                continue
            seen_pairs.add((actor.slug, other.slug))
            first_role = "party" if role == "party" else "actor"
            confidence = (
                0.75
                - 0.1 * (actor.via in {"reference", "pronoun", "fuzzy"})
                - 0.1 * (other.via in {"reference", "pronoun", "fuzzy"})
            )
            found.append(
                Finding(
                    type=verdict[0],
                    kind=DealKind(cue.name),
                    companies=((actor, first_role), (other, role)),
                    people=_people(facts),
                    sources=tuple(facts.sources) if verdict[0] == "rumor" else (),
                    sentence=facts.index,
                    rules=tuple(rules),
                    confidence=round(confidence, 2),
                )
            )
    return found


def _talks(
    text: str,
    facts: SentenceFacts,
    scan: Scan,
    context: Context,
    talks: Cue,
    candidates: list[Party],
    kinds: list[Cue],
    seen_pairs: set[tuple[str, str]],
) -> list[Finding]:
    """Talks between the subject and each company it is said to talk with."""
    clause = clause_of(facts.clauses, facts.start, facts.end, talks.start)
    after = [p for p in candidates if talks.end <= p.start < clause[1]]
    others = list_run(text, after)
    before = [p for p in candidates if clause[0] <= p.start and p.end <= talks.start]
    subject = before[-1:] or _fallback_actor(text, facts, candidates, others, clause, context)
    if not subject or not others:
        return []
    near = [k for k in kinds if k.name != "endorsement"]
    kind = DealKind(_kind_near(near, talks.end).name) if near else DealKind.PARTNERSHIP  # type: ignore[union-attr]
    cue = Cue(kind.value, talks.start, talks.end)
    verdict = _verdict(text, facts, scan, cue, clause)
    if verdict is None:
        return []
    found = []
    for other in others:
        if other.slug == subject[0].slug or (subject[0].slug, other.slug) in seen_pairs:
            continue
        seen_pairs.add((subject[0].slug, other.slug))
        found.append(
            Finding(
                type="rumor",  # talks are not a deal yet, whoever reports them
                kind=kind,
                companies=((subject[0], "actor"), (other, "target")),
                people=_people(facts),
                sources=tuple(facts.sources),
                sentence=facts.index,
                rules=("talks.with", f"kind.{kind.value}"),
                confidence=0.7,
            )
        )
    return found


def _bought_own_brand(actor: Party, other: Party, cue: Cue) -> bool:
    """Old news names as a company what its buyer has since made a brand."""
    return (
        bool(other.brand)
        and other.brand != actor.name
        and actor.via in {"name", "alias", "ticker", "fuzzy", "pattern"}
        and cue.name in {"acquisition", "investment", "merger"}
    )


def _fallback_actor(
    text: str,
    facts: SentenceFacts,
    candidates: list[Party],
    targets: list[Party],
    clause: tuple[int, int],
    context: Context,
) -> list[Party]:
    """No actor before the cue: the name a "which" clause hangs on ("A, which bought B"),
    another party later in the sentence, or "it"/"they"."""
    target_slugs = {t.slug for t in targets if not t.brand}
    relative = _RELATIVE.search(text, facts.start, clause[0])
    if relative is not None:
        hung = [p for p in facts.parties if relative.start() - 2 <= p.end <= relative.start()]
        if hung and hung[-1].slug not in target_slugs:
            return hung[-1:]
    later = [p for p in candidates if p.slug not in target_slugs and p.start >= clause[1]]
    if later:
        return [later[0]]
    pronoun = find_pronoun(text, clause[0], clause[1], context)
    if pronoun is not None and pronoun.slug not in target_slugs:
        return [pronoun]
    return []


def _verdict(
    text: str, facts: SentenceFacts, scan: Scan, cue: Cue, clause: tuple[int, int]
) -> tuple[str, str] | None:
    """rumor, partnership, or None when the deal is negated or only an opinion."""
    window_start = max(clause[0], _word_back(text, cue.start, 5))
    window = text[window_start : cue.start]
    if scan.has("negation", window_start, cue.start) and not _NOT_ONLY.search(window):
        return None
    if scan.has("failure", clause[0], clause[1]):
        return None
    if scan.has("off_topic", facts.start, facts.end):
        return None
    question = text[facts.start : facts.end].rstrip().endswith("?")
    # Attribution ("according to", "sources said") covers the sentence; hedges only
    # their clause: "A formed a partnership with B, but is now trying to buy C".
    strong = any(
        _STRONG_RUMOR.search(text[c.start : c.end])
        for c in scan.cues("rumor", facts.start, facts.end)
    )
    hedged = scan.has("rumor", clause[0], clause[1])
    official = scan.has("official", facts.start, facts.end)
    if strong or question or (hedged and not official):
        return "rumor", "rumor.cue"
    return "partnership", "partnership.stated"


def _word_back(text: str, position: int, words: int) -> int:
    index = position
    for _ in range(words):
        index = text.rfind(" ", 0, max(index - 1, 0))
        if index < 0:
            return 0
    return index


def find_denials(
    text: str,
    facts: SentenceFacts,
    scan: Scan,
    context: Context,
    history: list[Finding],
) -> list[Finding]:
    """A party dismissing a deal: named in the sentence, or the latest rumor."""
    cues = scan.cues("denial", facts.start, facts.end)
    if not cues:
        return []
    cue = cues[0]
    clause = clause_of(facts.clauses, facts.start, facts.end, cue.start)
    # "declined to comment" is no denial, but it does not undo one in another clause.
    if scan.has("not_denial", clause[0], clause[1]):
        return []
    denier = _denier(text, facts, cue)
    candidates = sorted(facts.parties + facts.references, key=lambda p: p.start)
    others = [
        p
        for p in candidates
        if cue.end <= p.start < clause[1] and (denier is None or p.slug != denier.slug)
    ]
    rules = ["denial.cue"]
    kinds = scan.deal_kinds(facts.start, facts.end)
    rumors = [f for f in history if f.type == "rumor"]
    pairs: list[tuple[Party | None, Party, DealKind]] = []
    if others:
        for other in _distinct(others):
            prior = _prior_kind(rumors, denier, other)
            near = _kind_near(kinds, other.start)
            if prior is None and near is None:
                continue
            pairs.append((denier, other, prior or DealKind(near.name)))  # type: ignore[union-attr]
    elif rumors and _denies_talk(text, cue, clause):
        latest = rumors[-1]
        members = [p for p, _ in latest.companies]
        if denier is None or denier.slug in {p.slug for p in members}:
            rules.append("denial.latest-rumor")
            speaker = denier or members[0]
            for member in members:
                if member.slug != speaker.slug:
                    pairs.append((speaker, member, latest.kind))
    if not pairs and kinds:
        # "X said reports of a merger with Y were untrue": the deal is told before the cue.
        says = _speaker(text, candidates)
        for other in _distinct(candidates):
            if says is not None and other.slug != says.slug:
                near = _kind_near(kinds, other.start)
                if near is not None and near.name != "endorsement":
                    rules.append("denial.speaker")
                    pairs.append((says, other, DealKind(near.name)))
    found = []
    reported = _REPORTED.search(text, facts.start, facts.end) is not None
    for first, other, kind in pairs:
        if first is None:
            continue
        companies = ((first, "actor"), (other, "target"))
        found.append(
            Finding(
                type="denial",
                kind=kind,
                companies=companies,
                people=_people(facts),
                sources=(),
                sentence=facts.index,
                rules=tuple(rules),
                confidence=0.7,
            )
        )
        if reported and _prior_kind(rumors, first, other) is None:
            # "X denied reports that it would buy Y": the reports are a rumor of their own.
            found.append(
                Finding(
                    type="rumor",
                    kind=kind,
                    companies=((first, "actor"), (other, "target")),
                    people=(),
                    sources=tuple(facts.sources),
                    sentence=facts.index,
                    rules=("rumor.denied-report",),
                    confidence=0.6,
                )
            )
    return found


def _denies_talk(text: str, cue: Cue, clause: tuple[int, int]) -> bool:
    """The denial is of talk, reports or a tie-up, not of a product fault."""
    tail = text[clause[0] : clause[1]].lower()
    return bool(
        re.search(
            r"rumou?r|report|chatter|talk|speculation|tie-?up|deal|claims|no such|plans?", tail
        )
    )


def _denier(text: str, facts: SentenceFacts, cue: Cue) -> Party | None:
    people = [m for m in facts.mentions if m.kind == "person" and m.company and m.end <= cue.start]
    for person in reversed(people):
        for party in facts.parties + facts.references:
            if party.slug == person.company:
                return party
        return Party(person.company or "", person.company or "", person.start, person.end)
    before = [p for p in facts.parties + facts.references if p.end <= cue.start]
    if before:
        return before[-1]
    # '"There is no truth to the report," an A spokesman said.'
    for party in facts.parties:
        if party.start > cue.end and _SPEAKER.match(text, party.end):
            return party
    return None


def _speaker(text: str, parties: list[Party]) -> Party | None:
    """The company that says something in the sentence: "X said", ", X said."."""
    for party in parties:
        if party.via not in {"reference", "pronoun"} and _SAYS.match(text, party.end):
            return party
    return None


def _distinct(parties: list[Party]) -> list[Party]:
    seen: set[str] = set()
    out = []
    for party in parties:
        if party.slug not in seen:
            seen.add(party.slug)
            out.append(party)
    return out


def _prior_kind(rumors: list[Finding], denier: Party | None, other: Party) -> DealKind | None:
    for finding in reversed(rumors):
        slugs = {p.slug for p, _ in finding.companies}
        if other.slug in slugs and (denier is None or denier.slug in slugs):
            return finding.kind
    return None


def find_endorsements(
    text: str, facts: SentenceFacts, scan: Scan, context: Context
) -> list[Finding]:
    """A public figure seen using or promoting a company's product, or made its ambassador."""
    kinds = [c for c in scan.deal_kinds(facts.start, facts.end) if c.name == "endorsement"]
    sightings = scan.cues("sighting", facts.start, facts.end)
    if not kinds and not sightings:
        return []
    cue = (kinds or sightings)[0]
    figures = [
        (m.start, m.name, m.title or m.role)
        for m in facts.mentions
        if m.kind == "person" and (m.title or not m.company or m.via == "title")
    ]
    for match in scan.lexicon.endorser.finditer(text, facts.start, facts.end):
        figures.append((match.start(1), match.group(1), None))
    if not figures and _PRONOUN_START.match(text, facts.start) and context.last_figure:
        figures.append((facts.start, *context.last_figure))
    if not figures:
        return []
    _, name, title = min(figures, key=lambda f: abs(f[0] - cue.start))
    context.last_figure = (name, title)
    brands = [p for p in facts.parties if p.via == "brand"] or facts.parties
    brands = brands or [r for r in facts.references if r.via == "reference"]
    if not brands:
        return []
    company = min(brands, key=lambda p: abs(p.start - cue.start))
    rule = "endorsement.ambassador" if kinds else "endorsement.sighting"
    return [
        Finding(
            type="endorsement",
            kind=DealKind.ENDORSEMENT,
            companies=((company, "party"),),
            people=(PersonRef(name=name, role=title, company=None),),
            sources=(),
            sentence=facts.index,
            rules=(rule,),
            confidence=0.7,
        )
    ]
