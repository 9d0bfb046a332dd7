"""Who takes part in a deal: party mentions, clause limits, actor and targets."""

from __future__ import annotations

import re

import msgspec

from timeline.extraction.gazetteer import Mention
from timeline.extraction.rules._lexicon import Lexicon

__all__ = [
    "Clauses",
    "Party",
    "clause_boundaries",
    "clause_of",
    "list_run",
    "party_mentions",
    "split_roles",
]

# Where one clause ends and another begins, for the purpose of finding a deal's parties.
_CLAUSE = re.compile(
    r"[;:]|\s[-\u2013\u2014]\s|,\s+(?:but|while|whereas|although|though|after|before|since|because"
    r"|which|who|where|when|hinting|adding|saying|pointing|noting|citing|meaning|making|things"
    r"|so|and\s+(?:that|the|it|they|he|she|we|I))\b|,\s+(?!including\b)\w+ing\b"
    r"|,\s+and\s+(?=[A-Z])|\s+but\s+|\s+(?:after|while|although"
    r"|because|whereas|if|unless)\s+|\s+and\s+that\s+",
    re.IGNORECASE,
)
# What may stand between two parties of one list: "A, B and C", "A or B", "A-B".
_LIST_GAP = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+|-|/)\s*$", re.IGNORECASE)
# "A's biggest rival", "A's founder": the possessive names a relation, not a party.
_RELATION_AFTER = re.compile(
    r"^'s?\s+(?:\S+\s+){0,3}?(?:rivals?|competitors?|founders?|co-founders?|chief|CEO|chairman"
    r"|executives?|officers?|spokes\w+|president|head|boss|shareholders?|investors?|owners?|parent"
    r"|shares|stock|valuation|market|operating system|OS|website|home|headquarters|way|ambitions?"
    r"|use|appearance|husband|wife)\b",
    re.IGNORECASE,
)


class Party(msgspec.Struct, frozen=True):
    """A company taking part, as found at `start:end` of the text."""

    slug: str
    name: str
    start: int
    end: int
    verified: bool = True
    via: str = "name"
    brand: str = ""  # the brand named, when the company was named by one of its brands


def party_mentions(
    text: str, mentions: list[Mention], lexicon: Lexicon, sentence_start: int
) -> list[Party]:
    """Company mentions that can be deal parties, first mention of each company per place."""
    named = {m.id for m in mentions if m.kind == "company" and m.via != "ticker"}
    parties: list[Party] = []
    excluded: Party | None = None
    for m in mentions:
        if m.kind != "company":
            continue
        if m.via == "ticker" and m.id in named:
            continue  # "(HKEx: 700)" repeats the name just before it
        brand = (m.brand or m.surface) if m.via == "brand" else ""
        party = Party(m.id, m.name, m.start, m.end, m.verified, m.via, brand)
        after = text[m.end : m.end + 60]
        before = text[max(sentence_start, m.start - 40) : m.start]
        if (
            _RELATION_AFTER.match(after)
            or lexicon.not_party_before.search(before)
            or (excluded is not None and _is_list(text, [excluded, party]))
        ):
            excluded = party  # and the rest of its list: "compete with A and B"
            continue
        parties.append(party)
    return parties


_PARENTHESES = re.compile(r"\([^()]*\)")


def clause_boundaries(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Where the clauses of `text[start:end]` meet."""
    # "(HKEx: 700)" holds a colon that ends no clause.
    inside = [m.span() for m in _PARENTHESES.finditer(text, start, end)]
    return [
        b.span()
        for b in _CLAUSE.finditer(text, start, end)
        if not any(a <= b.start() < z for a, z in inside)
    ]


class Clauses:
    """The clause boundaries of one sentence, found the first time they are asked for."""

    __slots__ = ("_boundaries", "_span", "_text")

    def __init__(self, text: str, start: int, end: int) -> None:
        self._text = text
        self._span = (start, end)
        self._boundaries: list[tuple[int, int]] | None = None

    def boundaries(self) -> list[tuple[int, int]]:
        if self._boundaries is None:
            self._boundaries = clause_boundaries(self._text, *self._span)
        return self._boundaries


def clause_of(clauses: Clauses, start: int, end: int, position: int) -> tuple[int, int]:
    """The clause of the sentence `start:end` that holds `position`."""
    begin, stop = start, end
    for b_start, b_end in clauses.boundaries():
        if b_end <= position:
            begin = b_end
        elif b_start >= position:
            stop = b_start
            break
    return begin, stop


def split_roles(
    text: str,
    parties: list[Party],
    cue_start: int,
    cue_end: int,
    clause: tuple[int, int],
    mutual: bool,
) -> tuple[list[Party], list[Party], bool]:
    """Actors before the cue, targets after it, and whether they are equal partners.

    "A-B tie-up" and "A and B signed a deal" make both partners when the deal is `mutual`
    (an alliance, a merger); "A and B are vying for a stake in C" makes two deals with C;
    "A invests in B, C and D" makes A the actor of three deals.
    """
    inside = [p for p in parties if clause[0] <= p.start < clause[1]]
    before = [p for p in inside if p.end <= cue_start]
    after = [p for p in inside if p.start >= cue_end]
    targets = list_run(text, after, from_end=False)
    if len(before) >= 2 and _is_list(text, before[-2:]):
        run = list_run(text, before, from_end=True)
        if mutual or not targets:
            return run, [], True
        return run, targets, False
    actors = before[-1:]
    if (
        not actors
        and len(targets) >= 2
        and re.search(
            r"\bbetween\s*$", text[max(clause[0], targets[0].start - 12) : targets[0].start]
        )
    ):
        return targets, [], True
    return actors, targets, False


def _is_list(text: str, pair: list[Party]) -> bool:
    if pair[0].start == pair[1].start:
        return True  # both from one reference: "the two companies"
    gap = text[pair[0].end : pair[1].start]
    if "(" in gap:
        gap = _PARENTHESES.sub("", gap)
    return bool(_LIST_GAP.match(gap))


def list_run(text: str, parties: list[Party], *, from_end: bool = False) -> list[Party]:
    """The parties that form one list with the first (or last) one: "A, B and C"."""
    if not parties:
        return []
    ordered = list(reversed(parties)) if from_end else parties
    run = [ordered[0]]
    for party in ordered[1:]:
        pair = [party, run[-1]] if from_end else [run[-1], party]
        if not _is_list(text, pair):
            break
        run.append(party)
    return list(reversed(run)) if from_end else run
