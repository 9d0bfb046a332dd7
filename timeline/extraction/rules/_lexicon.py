"""Cue lexicons, read from the editable data file and compiled once."""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from pathlib import Path

import msgspec

from timeline.domain.events import DealKind

__all__ = ["Cue", "Lexicon"]


class Cue(msgspec.Struct, frozen=True):
    name: str
    start: int
    end: int


def _alternation(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


def _bounded(body: str) -> str:
    return rf"(?<![\w-])(?:{body})(?![\w])"


class Lexicon:
    """The cue regexes of every category; `find` gives each match with its category."""

    def __init__(self, data: dict[str, dict[str, list[str]]]) -> None:
        kinds = data["deal_kinds"]
        for name in kinds:
            DealKind(name)  # an unknown kind in the data is an error, not a silent miss
        self._kinds = {
            name: re.compile(_bounded(_alternation(patterns)), re.IGNORECASE)
            for name, patterns in kinds.items()
        }
        self._cues = {
            name: re.compile(_bounded(_alternation(patterns)), re.IGNORECASE)
            for name, patterns in data["cues"].items()
        }
        descriptors = _alternation(data.get("endorsers", {}).get("descriptors", ["(?!)"]))
        # The descriptor in any case, the name capitalised: "NBA guard Jo Doe".
        self.endorser = re.compile(
            rf"(?i:\b(?:{descriptors}))\s+((?:[A-Z][\w'-]+)(?:\s+[A-Z][\w'-]+){{1,2}})"
        )
        before = _alternation(data["not_party"]["before"])
        self.not_party_before = re.compile(rf"\b(?:{before})\W*$", re.IGNORECASE)

    @classmethod
    def load(cls, path: Path | None = None) -> Lexicon:
        if path is None:
            text = (resources.files("timeline.extraction") / "data" / "lexicon.toml").read_text(
                encoding="utf-8"
            )
        else:
            text = path.read_text(encoding="utf-8")
        return cls(tomllib.loads(text))

    def deal_kinds(self, text: str, start: int = 0, end: int | None = None) -> list[Cue]:
        """The deal-kind cues of `text[start:end]`, one per place, in order.

        Where cues overlap, a specific kind ("licensing" in "signed a licensing agreement")
        beats the generic partnership, and otherwise the longer cue wins.
        """
        stop = len(text) if end is None else end
        found = [
            Cue(name, m.start(), m.end())
            for name, pattern in self._kinds.items()
            for m in pattern.finditer(text, start, stop)
        ]
        found.sort(key=lambda c: (c.name == "partnership", -(c.end - c.start), c.start))
        kept: list[Cue] = []
        for cue in found:
            if all(cue.end <= k.start or cue.start >= k.end for k in kept):
                kept.append(cue)
        return sorted(kept, key=lambda c: c.start)

    def cues(self, category: str, text: str, start: int = 0, end: int | None = None) -> list[Cue]:
        pattern = self._cues[category]
        stop = len(text) if end is None else end
        return [Cue(category, m.start(), m.end()) for m in pattern.finditer(text, start, stop)]

    def has(self, category: str, text: str, start: int = 0, end: int | None = None) -> bool:
        stop = len(text) if end is None else end
        return self._cues[category].search(text, start, stop) is not None
