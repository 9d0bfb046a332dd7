"""Fast multi-category cue search: an Aho-Corasick pass finds where a cue can start.

Scanning a text with one big alternation per category tries every alternative at every
word; here each alternative's literal prefixes ("acquir", "merg", "in talks") go into one
automaton, and only the alternatives whose prefix starts a word are tried, there.
"""

from __future__ import annotations

import re

# The regex parser is the only way to read a pattern's literal prefixes.
import re._constants as sre  # type: ignore[import-not-found,unused-ignore]
import re._parser as sre_parse  # type: ignore[import-not-found,unused-ignore]
from collections.abc import Mapping, Sequence
from typing import Any

import ahocorasick  # type: ignore[import-not-found]

__all__ = ["TriggerIndex"]

_LONGEST = 6  # characters of prefix worth indexing
_WIDEST = 96  # prefixes one alternative may expand to before we give up on it
_NON_WORD = re.compile(r"[^\w ]")  # spaces are left alone: they are most of the matches


class TriggerIndex:
    """Finds `\\b(?:pattern)(?![\\w])` matches of many patterns in lower-case text."""

    def __init__(self, categories: Mapping[str, Sequence[str]]) -> None:
        self._names = list(categories)
        self._alternatives: list[tuple[int, int, re.Pattern[str]]] = []  # (category, order, re)
        self._always: list[int] = []  # alternatives without a usable prefix, tried everywhere
        self._automaton = ahocorasick.Automaton()
        keys: dict[str, list[int]] = {}
        for category, patterns in enumerate(categories.values()):
            for order, pattern in enumerate(patterns):
                index = len(self._alternatives)
                self._alternatives.append((category, order, re.compile(rf"(?:{pattern})(?![\w])")))
                prefixes = _prefixes(pattern)
                if prefixes is None:
                    self._always.append(index)
                    continue
                for prefix in prefixes:
                    keys.setdefault(" " + _NON_WORD.sub(" ", prefix), []).append(index)
        for key, indexes in keys.items():
            self._automaton.add_word(key, (len(key), tuple(indexes)))
        if keys:
            self._automaton.make_automaton()
        self._has_keys = bool(keys)

    def find(self, lowered: str) -> dict[str, list[tuple[int, int]]]:
        """Every match by category, leftmost first, not overlapping within a category."""
        candidates: dict[int, set[int]] = {}
        if self._has_keys:
            probe = " " + _NON_WORD.sub(" ", lowered)
            for end, (length, indexes) in self._automaton.iter(probe):
                # The key is " prefix", ending at `end` of the probe, which has one more
                # character in front than the text: the word starts at end - length + 1.
                candidates.setdefault(end - length + 1, set()).update(indexes)
        if self._always:
            for word in re.finditer(r"\b\w", lowered):
                candidates.setdefault(word.start(), set()).update(self._always)
        found: dict[str, list[tuple[int, int]]] = {name: [] for name in self._names}
        best: dict[int, tuple[int, int, int]] = {}  # category -> (start, order, end) at a start
        reached = [0] * len(self._names)
        for start in sorted(candidates):
            best.clear()
            for index in candidates[start]:
                category, order, pattern = self._alternatives[index]
                if start < reached[category]:
                    continue
                match = pattern.match(lowered, start)
                if match and (category not in best or order < best[category][1]):
                    best[category] = (start, order, match.end())
            for category, (begin, _order, end) in best.items():
                found[self._names[category]].append((begin, end))
                reached[category] = end
        return found


def _prefixes(pattern: str) -> set[str] | None:
    """The literal beginnings any match of `pattern` has, or None when they are too many."""
    try:
        items = list(sre_parse.parse(pattern))
    except re.error:
        return None
    found = _expand(items, "")
    if found is None or not found or "" in found or len(found) > _WIDEST:
        return None
    return found


def _expand(items: list[Any], acc: str) -> set[str] | None:
    if len(acc) >= _LONGEST or not items:
        return {acc}
    op, value = items[0]
    rest = items[1:]
    if op is sre.LITERAL:
        return _expand(rest, acc + chr(value))
    if op is sre.IN:
        chars = [chr(v) for o, v in value if o is sre.LITERAL]
        if len(chars) != len(value) or len(chars) > 8:
            return {acc}
        return _union(_expand(rest, acc + c) for c in chars)
    if op is sre.SUBPATTERN:
        return _expand(list(value[-1]) + rest, acc)
    if op is sre.BRANCH:
        return _union(_expand(list(branch) + rest, acc) for branch in value[1])
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        low, _high, sub = value
        once = _expand(list(sub), acc)  # after one repetition the rest is unknown: stop there
        if low == 0:
            return _union([once, _expand(rest, acc)])
        return once
    return {acc}


def _union(parts: Any) -> set[str] | None:
    out: set[str] = set()
    for part in parts:
        if part is None or len(out) > _WIDEST:
            return None
        out |= part
    return out
