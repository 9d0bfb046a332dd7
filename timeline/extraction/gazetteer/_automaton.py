"""A typed face for pyahocorasick's automaton (the library ships no type hints)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Generic, TypeVar

import ahocorasick  # type: ignore[import-not-found]

__all__ = ["Automaton"]

V = TypeVar("V")


class Automaton(Generic[V]):
    """Every occurrence of many keys in one pass over a text."""

    def __init__(self, items: Iterable[tuple[str, V]]) -> None:
        self._automaton: Any = None
        automaton = ahocorasick.Automaton()
        for key, value in items:
            automaton.add_word(key, value)
        if len(automaton):
            automaton.make_automaton()
            self._automaton = automaton

    def __len__(self) -> int:
        return 0 if self._automaton is None else len(self._automaton)

    def iter(self, text: str) -> Iterator[tuple[int, V]]:
        """(index of the last character, value) for every key found, overlapping or not."""
        if self._automaton is None:
            return iter(())
        found: Iterator[tuple[int, V]] = self._automaton.iter(text)
        return found
