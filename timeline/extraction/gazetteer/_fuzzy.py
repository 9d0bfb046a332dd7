"""Misspelt company names ("Xioami"), caught strictly so that ordinary words never are."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import NamedTuple

from rapidfuzz.distance import OSA

from timeline.extraction.gazetteer._model import Company
from timeline.extraction.gazetteer._words import Words

__all__ = ["MIN_LENGTH", "FuzzyHit", "FuzzyIndex"]

MIN_LENGTH = 5
_SHORT = 7
_MEMO_LIMIT = 50_000
# Capitalised words of four letters or more; the scan is faster without a leading \b, so the
# start of the word is checked by hand.
_CAPITALISED = re.compile(r"[A-Z\u00c0-\u00d6\u00d8-\u00de][^\W_]{3,}")


class FuzzyHit(NamedTuple):
    """A misspelling at start:end of the company `slug`'s `form`, with its similarity."""

    start: int
    end: int
    slug: str
    form: str
    score: float


class _Near(NamedTuple):
    slug: str
    form: str
    score: float


class FuzzyIndex:
    """Company names bucketed by first letter and length, with a memo of past candidates.

    A candidate is a capitalised word, or two of them, that is no known form and no English word
    (nor a place or given name). It is compared with company names and aliases of five letters
    or more, never shorter ones, that begin with the same letter:

    - names of 5 to 7 letters: one substitution or swap of neighbours ("Xioami"), or one doubled
      or undoubled letter ("Tencentt"). Adding or dropping any other letter is not taken: in a
      short name it makes a different name, as "Xiami" (an Alibaba music brand) is to "Xiaomi";
    - longer names: at most two edits (optimal string alignment distance).

    When the closest names belong to two companies the candidate names neither.
    """

    def __init__(self, companies: Iterable[Company], known: frozenset[str], words: Words) -> None:
        self._known = known
        self._words = words
        self._buckets: dict[tuple[str, int], list[tuple[str, str, str]]] = defaultdict(list)
        for company in companies:
            for form in (company.name, *company.aliases):
                lowered = form.lower()
                if len(lowered) >= MIN_LENGTH and len(form.split()) <= 2 and lowered[0].isalpha():
                    self._buckets[lowered[0], len(lowered)].append((lowered, company.slug, form))
        self._memo: dict[str, _Near | None] = {}

    def find(self, text: str, taken: bytearray) -> list[FuzzyHit]:
        """Misspellings in `text` outside the spans marked in `taken`."""
        words = [
            (m.start(), m.end())
            for m in _CAPITALISED.finditer(text)
            if not (m.start() and text[m.start() - 1].isalnum())
            and taken.find(1, m.start(), m.end()) == -1
        ]
        hits: list[FuzzyHit] = []
        used = -1
        for i, (start, end) in enumerate(words):
            if start < used:
                continue
            if i + 1 < len(words) and words[i + 1][0] == end + 1 and text[end] == " ":
                pair_end = words[i + 1][1]
                near = self._near(text[start:pair_end], pair=True)
                if near is not None:
                    hits.append(FuzzyHit(start, pair_end, *near))
                    used = pair_end
                    continue
            if end - start >= MIN_LENGTH:
                near = self._near(text[start:end], pair=False)
                if near is not None:
                    hits.append(FuzzyHit(start, end, *near))
        return hits

    def _near(self, candidate: str, *, pair: bool) -> _Near | None:
        lowered = candidate.lower()
        if lowered in self._memo:
            return self._memo[lowered]
        near = None
        if lowered not in self._known and not self._ordinary(lowered, pair=pair):
            near = self._closest(lowered)
        if len(self._memo) >= _MEMO_LIMIT:
            self._memo.clear()
        self._memo[lowered] = near
        return near

    def _ordinary(self, lowered: str, *, pair: bool) -> bool:
        if pair:
            return all(self._words.is_known(w) or w in self._known for w in lowered.split())
        return self._words.is_known(lowered)

    def _closest(self, lowered: str) -> _Near | None:
        size = len(lowered)
        best: dict[str, tuple[int, str]] = {}
        for length in range(max(MIN_LENGTH, size - 2), size + 3):
            for form, slug, text in self._buckets.get((lowered[0], length), ()):
                distance = _distance(lowered, form)
                if distance is not None and distance < best.get(slug, (3, ""))[0]:
                    best[slug] = (distance, text)
        if not best:
            return None
        least = min(d for d, _ in best.values())
        closest = [(slug, text) for slug, (d, text) in best.items() if d == least]
        if len(closest) > 1:
            return None
        slug, text = closest[0]
        return _Near(slug, text, round(OSA.normalized_similarity(lowered, text.lower()), 3))


def _distance(candidate: str, form: str) -> int | None:
    """Edits from `candidate` to the known `form` within the rules above, else None."""
    if len(form) <= _SHORT:
        if len(candidate) == len(form):
            distance = OSA.distance(candidate, form, score_cutoff=1)
            return distance if distance <= 1 else None
        if abs(len(candidate) - len(form)) == 1 and _doubling(candidate, form):
            return 1
        return None
    distance = OSA.distance(candidate, form, score_cutoff=2)
    return distance if distance <= 2 else None


def _doubling(a: str, b: str) -> bool:
    """Whether the longer string is the shorter with one letter written twice."""
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    i = 0
    while i < len(shorter) and longer[i] == shorter[i]:
        i += 1
    if longer[:i] + longer[i + 1 :] != shorter:
        return False
    return (i > 0 and longer[i] == longer[i - 1]) or (
        i + 1 < len(longer) and longer[i] == longer[i + 1]
    )
