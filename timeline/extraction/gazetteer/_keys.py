"""Automaton keys: every way the data writes a name, title or trigger word, with its rules."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from typing import NamedTuple

from timeline.extraction.gazetteer._load import Data
from timeline.extraction.gazetteer._model import Company, Via
from timeline.extraction.gazetteer._text import needs_boundary
from timeline.extraction.gazetteer._unverified import TRIGGERS
from timeline.extraction.gazetteer._words import Words

__all__ = [
    "AMBIGUOUS",
    "COMPANY",
    "FIGURE",
    "OUTLET",
    "PERSON",
    "Entry",
    "Form",
    "Key",
    "build_keys",
]

# Kinds of form, in the order that wins when one surface names several kinds of thing:
# "Bloomberg" the news source before Bloomberg the company.
OUTLET, COMPANY, PERSON, FIGURE = range(4)
# Rank of a form within its entry; lower wins.
_NAME, _ALIAS, _BRAND, AMBIGUOUS = range(4)
_TOKENS = re.compile(r"[^\W_]+")
_SHORT = 4
# What may stand before a short name: the scanned text starts with a space for the first word.
MARKERS = " \n\t([{\"'-/\u201c\u2014\u2013"


class Form(NamedTuple):
    """One way to write one entry."""

    rank: int
    kind: int
    id: str
    via: Via
    text: str


class Key(NamedTuple):
    """What a written form stands for, and the rules for matching it."""

    length: int
    # The surface must be exactly this (short, all-caps and ambiguous forms); None: any case.
    exact: str | None
    left: bool
    right: bool
    # An all-lowercase surface counts only for names that are not ordinary words ("apple").
    lower_ok: bool
    # A single ordinary word ("Target", "Shell"): at a sentence start it needs support.
    weak: bool
    forms: tuple[Form, ...]
    # The one entry the form names without help from context, if there is one.
    firm: Form | None
    # The company an outlet's name also names ("Weibo"): the context picks one.
    twin: Form | None
    title: str | None
    # What the words mark for unverified names ("Inc.", "startup"): see _unverified.
    trigger: str | None


class Entry(NamedTuple):
    """An automaton's value: the spellings of one lowercased key, which share length and
    word boundaries."""

    length: int
    left: bool
    right: bool
    keys: tuple[Key, ...]


def build_keys(data: Data, words: Words) -> tuple[dict[str, Entry], dict[str, Entry]]:
    """Keys to scan lowercased text for, and keys in Chinese, Japanese or Korean script.

    The second kind gets an automaton of its own: thousands of distinct first characters
    would slow every step of the scan over Latin text.
    """
    forms: dict[str, list[Form]] = defaultdict(list)
    for form in _forms(data):
        forms[form.text].append(form)
    titles = set(data.titles)
    latin: dict[str, dict[str | None, Key]] = defaultdict(dict)
    spaceless: dict[str, dict[str | None, Key]] = defaultdict(dict)
    for text in forms.keys() | titles | TRIGGERS.keys():
        found = tuple(sorted(forms.get(text, ()), key=_order))
        trigger = TRIGGERS.get(text)
        left = needs_boundary(text[0])
        if not left and text[0].isalnum():
            table, lookup, exact = spaceless, text, None
        else:
            sensitive = _case_sensitive(text, found) or bool(trigger and trigger.sensitive)
            table, lookup, exact = latin, text.lower(), text if sensitive else None
        tokens = _TOKENS.findall(text)
        ordinary = all(words.is_common(t) for t in tokens)
        variants = table[lookup]
        new = Key(
            length=len(lookup),
            exact=exact,
            left=left,
            right=needs_boundary(text[-1]),
            lower_ok=text.islower() or not ordinary,
            weak=len(tokens) == 1 and ordinary,
            forms=found,
            firm=None,
            twin=None,
            title=text if text in titles else None,
            trigger=trigger.kind if trigger else None,
        )
        variants[exact] = _merge(variants.get(exact), new)
    return _final(latin, marked=True), _final(spaceless, marked=False)


def _forms(data: Data) -> Iterator[Form]:
    for company in data.companies:
        yield Form(_NAME, COMPANY, company.slug, "name", company.name)
        for alias in company.aliases:
            yield Form(_ALIAS, COMPANY, company.slug, "alias", alias)
        for brand in company.brands:
            yield Form(_BRAND, COMPANY, company.slug, "brand", brand)
        for word in company.ambiguous:
            yield Form(AMBIGUOUS, COMPANY, company.slug, _ambiguous_via(word, company), word)
    for person in data.people:
        yield Form(_NAME, PERSON, person.name, "name", person.name)
        for alias in person.aliases:
            yield Form(_ALIAS, PERSON, person.name, "alias", alias)
    for figure in data.figures:
        yield Form(_NAME, FIGURE, figure.name, "name", figure.name)
        for alias in figure.aliases:
            yield Form(_ALIAS, FIGURE, figure.name, "alias", alias)
    for outlet in data.outlets:
        yield Form(_NAME, OUTLET, outlet.slug, "name", outlet.name)
        for alias in outlet.aliases:
            yield Form(_ALIAS, OUTLET, outlet.slug, "alias", alias)


def _ambiguous_via(word: str, company: Company) -> Via:
    """Alias for a short form of a name ("Ali", "ABC" for its initials), else brand ("Blade")."""
    lowered = word.lower()
    for name in (company.name, *company.aliases):
        initials = "".join(w[0] for w in name.split() if w[:1].isupper()).lower()
        if name.lower().startswith(lowered) or lowered == initials:
            return "alias"
    return "brand"


def _case_sensitive(text: str, forms: tuple[Form, ...]) -> bool:
    # Short and all-caps forms are acronyms or words in other casings ("Mi", "LINE", "ZTE");
    # ambiguous forms are ordinary words whose capital letter is part of the evidence.
    return len(text) <= 4 or text.isupper() or any(f.rank == AMBIGUOUS for f in forms)


def _order(form: Form) -> tuple[int, int]:
    return form.rank, form.kind


def _merge(old: Key | None, new: Key) -> Key:
    """Spellings that lowercase alike ("Nubia", "nubia") share one case-insensitive key."""
    if old is None:
        return new
    return old._replace(
        lower_ok=old.lower_ok or new.lower_ok,
        weak=old.weak and new.weak,
        forms=tuple(sorted({*old.forms, *new.forms}, key=_order)),
        title=old.title or new.title,
        trigger=old.trigger or new.trigger,
    )


def _final(table: dict[str, dict[str | None, Key]], *, marked: bool) -> dict[str, Entry]:
    entries = {}
    for lookup, variants in table.items():
        first = next(iter(variants.values()))
        keys = tuple(_settled(key) for key in variants.values())
        if marked and first.left and len(lookup) <= _SHORT:
            # Short keys ("st", "ing", "mi") occur inside most words; spelling out the
            # character before them keeps those hits out of the automaton's output.
            for marker in MARKERS:
                entries[marker + lookup] = Entry(first.length, False, first.right, keys)
        else:
            entries[lookup] = Entry(first.length, first.left, first.right, keys)
    return entries


def _settled(key: Key) -> Key:
    if not key.forms:
        return key
    top = key.forms[0]
    if key.trigger == "suffix":
        # An outlet named like a legal suffix ("Inc.") ends company names far more often.
        return key
    if top.rank == AMBIGUOUS or any(f.id != top.id for f in key.forms if f[:2] == top[:2]):
        return key
    twin = None
    if top.kind == OUTLET:
        twin = next((f for f in key.forms if f.kind == COMPANY and f.rank < AMBIGUOUS), None)
    return key._replace(firm=top, twin=twin)
