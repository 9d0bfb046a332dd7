"""References to companies named elsewhere: "the two companies", "the firm", "his company"."""

from __future__ import annotations

import re
from collections import Counter

from timeline.extraction.gazetteer import Mention
from timeline.extraction.rules._parties import Party

__all__ = ["Context", "ReferencePhrases", "find_pronoun", "find_references"]

_NOUNS = (
    r"compan(?:y|ies)|firms?|groups?|giants?|makers?|manufacturers?|vendors?|startups?|"
    r"carmakers?|automakers?|retailers?|banks?|insurers?|operators?|carriers?|chipmakers?|"
    r"conglomerates?|platforms?|sides|businesses|brands?|corporations?|outfits?"
)
_TWO = re.compile(rf"\b(?:the|both|these|those) (?:two|2) (?:\w+ ){{0,2}}?(?:{_NOUNS})\b")
_ONE = re.compile(
    rf"\b(?:the|this|that) (?:[\w-]+ ){{0,2}}?(?:{_NOUNS})\b(?!\s+(?:of|that|which|who|in|to))"
)
_OWN = re.compile(
    r"\b(?:his|her|its|their) (?:own )?(?:company|firm|site|platform|startup|store)\b"
)
_PRODUCT = re.compile(
    r"\b(?:the|this|that) (?:\w+ )?(?:model|device|phone|handset|smartphone|product|gadget)\b"
)
_SUBJECT = re.compile(r"\b(?:it|they|it's|they're|they've)\b", re.I)
_EMPLOYEE = re.compile(
    r"\b(?:executives?|officials?|spokes(?:man|woman|person)|founder|chairman|chief|CEO|head)"
    r"\s+(?:at|of|from)\s+(?:[\w-]+\s+){0,3}$",
    re.I,
)


class Context:
    """What the article has said so far: which companies, how often, most recent first."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.names: dict[str, str] = {}
        self.recent: list[str] = []  # slugs, most recent last
        self.last_product: tuple[str, str] | None = None
        self.last_person_company: str | None = None
        self.first: str | None = None
        self.last_figure: tuple[str, str | None] | None = None

    def learn_names(self, mentions: list[Mention]) -> None:
        for mention in mentions:
            if mention.kind == "company":
                self.names.setdefault(mention.id, mention.name)

    def remember(self, parties: list[Party], mentions: list[Mention]) -> None:
        for party in parties:
            self.first = self.first or party.slug
            self.counts[party.slug] += 1
            self.names[party.slug] = party.name
            if party.slug in self.recent:
                self.recent.remove(party.slug)
            self.recent.append(party.slug)
        for mention in mentions:
            if mention.kind == "company" and mention.via == "brand":
                self.last_product = (mention.id, mention.name)
            if mention.kind == "person" and mention.company:
                self.last_person_company = mention.company

    def salient(self, exclude: set[str], window: int = 4) -> str | None:
        """The most mentioned of the companies named lately, for "the company".

        The article's first company is usually its subject, and counts double.
        """
        candidates = [s for s in self.recent[-window:] if s not in exclude]
        if not candidates:
            return None
        return max(
            candidates,
            key=lambda s: (self.counts[s] * (2 if s == self.first else 1), self.recent.index(s)),
        )

    def party(self, slug: str, start: int, end: int, via: str) -> Party:
        return Party(slug, self.names.get(slug, slug), start, end, True, via)


# Words without which a reference phrase cannot be there.
_HINTS = {
    "two": re.compile(r"\b(?:two|2)\b"),
    "own": re.compile(r"\b(?:his|her|its|their)\b"),
    "product": re.compile(r"\b(?:model|device|phone|handset|smartphone|product|gadget)\b"),
}


class ReferencePhrases:
    """The reference phrases of a text, looked for sentence by sentence in lower case."""

    _PATTERNS: dict[str, re.Pattern[str]] = {  # noqa: RUF012 - read only
        "two": _TWO,
        "own": _OWN,
        "product": _PRODUCT,
        "one": _ONE,
    }

    def __init__(self, lowered: str) -> None:
        """`lowered` is the text in lower case, with its offsets unchanged."""
        self._text = lowered

    def within(self, name: str, start: int, end: int) -> list[re.Match[str]]:
        hint = _HINTS.get(name)
        if hint is not None and not hint.search(self._text, start, end):
            return []  # a cheap look first: most sentences hold no such phrase
        return list(self._PATTERNS[name].finditer(self._text, start, end))


def find_references(
    text: str,
    start: int,
    end: int,
    context: Context,
    mentions: list[Mention],
    phrases: ReferencePhrases,
) -> list[Party]:
    """Parties that `text[start:end]` names only by reference, at the reference's place."""
    found: list[Party] = []
    taken: list[tuple[int, int]] = []
    for match in phrases.within("two", start, end):
        recent = [s for s in context.recent[-2:]]
        if len(recent) == 2:
            for slug in recent:
                found.append(context.party(slug, match.start(), match.end(), "reference"))
            taken.append(match.span())
    for match in phrases.within("own", start, end):
        owner = _owner(text, start, match.start(), mentions) or context.last_person_company
        if owner and owner in context.names:
            found.append(context.party(owner, match.start(), match.end(), "reference"))
            taken.append(match.span())
    for match in phrases.within("product", start, end):
        if context.last_product is not None and not _inside(match.span(), taken):
            slug, _name = context.last_product
            if slug in context.names:
                found.append(context.party(slug, match.start(), match.end(), "reference"))
                taken.append(match.span())
    for match in phrases.within("one", start, end):
        if _inside(match.span(), taken) or not _names_no_one(text, match):
            continue
        salient = context.salient(exclude=set())
        if salient is None:
            # Nothing said before this sentence: the company it opened with is its topic.
            earlier = [m for m in mentions if m.kind == "company" and m.end <= match.start()]
            salient = earlier[0].id if earlier else None
        if salient is not None:
            found.append(context.party(salient, match.start(), match.end(), "reference"))
    return found


def find_pronoun(text: str, start: int, end: int, context: Context) -> Party | None:
    """The company an "it" or "they" in `text[start:end]` stands for, if any."""
    match = _SUBJECT.search(text, start, end)
    slug = context.salient(exclude=set())
    if match is None or slug is None:
        return None
    return context.party(slug, match.start(), match.end(), "pronoun")


def _owner(text: str, sentence_start: int, position: int, mentions: list[Mention]) -> str | None:
    """The company of the person a "his" or "her" most likely points to."""
    people = [m for m in mentions if m.kind == "person" and m.company and m.end <= position]
    if people:
        return people[-1].company
    employers = [
        m
        for m in mentions
        if m.kind == "company"
        and m.end <= position
        and _EMPLOYEE.search(text[max(sentence_start, m.start - 60) : m.start])
    ]
    return employers[-1].id if employers else None


def _inside(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(a <= span[0] < b or a < span[1] <= b for a, b in taken)


def _names_no_one(text: str, match: re.Match[str]) -> bool:
    """ "the company" refers back; "the company's shares" too; "the Big 3 firms" does not."""
    words = match.group(0).lower().split()
    return not any(w.isdigit() for w in words[1:-1])
