"""Exact names in text: whole words, casing rules, longest match, ambiguous forms in context."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from timeline.extraction.gazetteer._index import Index
from timeline.extraction.gazetteer._keys import COMPANY, FIGURE, OUTLET, PERSON, Form, Key
from timeline.extraction.gazetteer._model import Mention
from timeline.extraction.gazetteer._text import FUNCTION_WORDS, sentence_start, word_set

__all__ = [
    "Hit",
    "Hits",
    "Match",
    "companies_named",
    "exact_hits",
    "longest",
    "settle",
    "split_firm",
    "to_mention",
]

_NEXT_CUES = word_set(
    """
    phone phones smartphone smartphones handset handsets device devices tablet tablets
    laptop laptops app apps brand brands store stores browser platform service chip chips
    car cars model models series division unit subsidiary software os console shares
    stock stake said says
    announced unveiled launched plans planned agreed acquired bought invested reported
    posted denied confirmed declined executives executive ceo chief chairman founder
    spokesman spokeswoman spokesperson
    """
)
# After a name at the start of a sentence ("Shell plc"), not after an ambiguous form:
# "Blade Inc." is some other company.
_SUFFIX_CUES = word_set("inc inc. corp corp. co co. ltd ltd. llc plc group holdings")
_PREV_CUES = word_set(
    """
    brand company firm startup start-up maker rival giant subsidiary unit platform app
    carrier operator retailer investor partner acquire acquired buy bought invest invested
    """
)
_OUTLET_NEXT_CUES = word_set(
    """
    reported reports said says wrote cited quoted magazine newspaper news report reporter
    reporters columnist editor editors
    """
)
_CITED_BEFORE = word_set("told via on citing source sources")
_CITED_AFTER = word_set(
    """
    reported reports wrote post posts posting account accounts user users page feed
    microblog microblogs story article report citing quoted columnist editor reporter
    """
)
_SPACELESS = re.compile("[\u2e80-\U0010ffff]")
_WORD = re.compile(r"[^\W_][\w.-]*")
_CONTEXT = 40


class Hit(NamedTuple):
    """A key found at start:end; its forms are the entries it may name."""

    start: int
    end: int
    key: Key


class Match(NamedTuple):
    """A hit settled on one form (one entry)."""

    start: int
    end: int
    form: Form


class Hits(NamedTuple):
    """What one pass of the automata found: names, titles and trigger words."""

    names: list[Hit]
    titles: list[Hit]
    triggers: list[tuple[int, int, str]]


def exact_hits(index: Index, text: str, lowered: str) -> Hits:
    """Whole-word occurrences of every form, title and trigger word in `text`."""
    size = len(text)
    found = Hits([], [], [])
    # The Latin keys are scanned for in " " + lowered: see MARKERS.
    passes = [(index.latin, " " + lowered, 0)]
    if not text.isascii() and _SPACELESS.search(text):
        passes.append((index.spaceless, text, 1))
    for automaton, haystack, shift in passes:
        for last, (length, left, right, keys) in automaton.iter(haystack):
            end = last + shift
            start = end - length
            # Inlined needs_boundary(): this loop sees every raw hit, many inside words.
            if left and start:
                char = text[start - 1]
                if char.isalnum() and ord(char) < 0x2E80:
                    continue
            if right and end < size:
                char = text[end]
                if char.isalnum() and ord(char) < 0x2E80:
                    continue
            surface = text[start:end]
            for key in keys:
                if key.exact is not None and surface != key.exact:
                    continue
                # Titles and trigger words are lowercase in running text; names seldom.
                if key.forms and (key.lower_ok or not surface.islower()):
                    found.names.append(Hit(start, end, key))
                if key.title is not None:
                    found.titles.append(Hit(start, end, key))
                if key.trigger is not None:
                    found.triggers.append((start, end, key.trigger))
    return found


def split_firm(text: str, hits: Iterable[Hit]) -> tuple[list[Match], list[Hit]]:
    """Hits that name one entry for sure, and the doubtful rest (see `settle`)."""
    firm: list[Match] = []
    doubtful: list[Hit] = []
    for hit in hits:
        key = hit.key
        top = key.firm
        if top is None or (key.weak and sentence_start(text, hit.start)):
            doubtful.append(hit)
            continue
        if key.twin is not None and not _cited(text, hit):
            top = key.twin
        firm.append(Match(hit.start, hit.end, top))
    return firm, doubtful


def _cited(text: str, hit: Hit) -> bool:
    """Whether a name of both an outlet and a company ("Weibo", "Facebook") is cited as a
    source: "according to Weibo", "posted on Weibo", "Weibo users", "Weibo: ..."."""
    if text[hit.end : hit.end + 1] == ":":
        return True
    before, after = _neighbours(text, hit.start, hit.end)
    if before[-2:] == ["according", "to"] or (before and before[-1] in _CITED_BEFORE):
        return True
    return bool(set(after[:1]) & _CITED_AFTER)


def settle(index: Index, text: str, doubtful: Iterable[Hit], named: set[str]) -> list[Match]:
    """The doubtful hits that the text supports, each settled on one entry.

    A surface is *firm* when it names one entry by a name, alias or brand. It is *doubtful* when
    it is an `ambiguous` form, a form shared by several entries, or a single ordinary word
    ("Shell", "Target") at the start of a sentence, where the capital proves nothing. A doubtful
    surface counts for a company when that company, its parent or one of its children is named
    firmly elsewhere in the text (by name, ticker or misspelling), or, when only one company
    could be meant, when a cue word stands next to it: "Blade phone", "Mi 4 smartphone",
    "brand Blade", "Shell said". Whatever is left names nobody.
    """
    settled: list[Match] = []
    for hit in doubtful:
        form = _supported(index, text, hit, named)
        if form is not None:
            settled.append(Match(hit.start, hit.end, form))
    return settled


def _supported(index: Index, text: str, hit: Hit, named: set[str]) -> Form | None:
    forms = hit.key.forms
    companies = {f.id: f for f in reversed(forms) if f.kind == COMPANY}
    backed = [f for slug, f in companies.items() if any(s in named for s in index.family(slug))]
    if len(backed) == 1:
        return backed[0]
    if backed:
        return None
    top = forms[0]
    before_words, after_words = _neighbours(text, hit.start, hit.end)
    before, after = set(before_words), set(after_words)
    if top.kind == OUTLET:
        return top if after & _OUTLET_NEXT_CUES else None
    if top.kind in (PERSON, FIGURE):
        person = index.people.get(top.id)
        if person is not None and person.company in named:
            return top
        return top if after & _NEXT_CUES and len({f.id for f in forms}) == 1 else None
    if len(companies) != 1 or _inside_name(text, hit.start):
        return None
    cues = _NEXT_CUES | _SUFFIX_CUES if hit.key.firm is not None else _NEXT_CUES
    return top if after & cues or before & _PREV_CUES else None


def _inside_name(text: str, start: int) -> bool:
    """Whether a capitalised word runs into the hit: "King" in "Burger King"."""
    if start < 2 or text[start - 1] != " ":
        return False
    before = text[max(0, start - _CONTEXT) : start - 1].rsplit(None, 1)
    return bool(before) and before[-1][:1].isupper() and before[-1].lower() not in FUNCTION_WORDS


def _neighbours(text: str, start: int, end: int) -> tuple[list[str], list[str]]:
    """The two words before and after a hit, lowercased, within its sentence."""
    tail = text[end : end + _CONTEXT].split(".", 1)[0] if text[end : end + 1] != "." else ""
    head = text[max(0, start - _CONTEXT) : start]
    after = [w.lower() for w in _WORD.findall(tail.removeprefix("'s"))[:2]]
    before = [w.lower().rstrip(".") for w in _WORD.findall(head)[-2:]]
    return before, after


def longest(matches: Iterable[Match], size: int, taken: bytearray | None = None) -> list[Match]:
    """Non-overlapping matches, longer ones first; `taken` marks (and is updated with) spans
    already used by other mentions."""
    if taken is None:
        taken = bytearray(size)
    kept: list[Match] = []
    for match in sorted(matches, key=lambda m: (m.start - m.end, m.start, m.form.rank)):
        if taken.find(1, match.start, match.end) != -1:
            continue
        taken[match.start : match.end] = b"\x01" * (match.end - match.start)
        kept.append(match)
    return kept


def to_mention(index: Index, text: str, match: Match) -> Mention:
    """The mention a settled match stands for."""
    form = match.form
    start, end, surface, via = match.start, match.end, text[match.start : match.end], form.via
    if form.kind == COMPANY:
        company = index.companies[form.id]
        return Mention(
            kind="company",
            start=start,
            end=end,
            surface=surface,
            id=company.slug,
            name=company.name,
            via=via,
            brand=form.text if via == "brand" else None,
        )
    if form.kind == OUTLET:
        outlet = index.outlets[form.id]
        return Mention(
            kind="outlet",
            start=start,
            end=end,
            surface=surface,
            id=outlet.slug,
            name=outlet.name,
            via=via,
            company=index.outlet_company.get(outlet.slug),
        )
    if form.kind == PERSON:
        person = index.people[form.id]
        return Mention(
            kind="person",
            start=start,
            end=end,
            surface=surface,
            id=person.name,
            name=person.name,
            via=via,
            company=person.company or None,
            role=person.role or None,
        )
    figure = index.figures[form.id]
    return Mention(
        kind="person",
        start=start,
        end=end,
        surface=surface,
        id=figure.name,
        name=figure.name,
        via=via,
        title=figure.title or None,
    )


def companies_named(matches: Sequence[Match]) -> set[str]:
    """Slugs of the companies among settled matches."""
    return {m.form.id for m in matches if m.form.kind == COMPANY}
