"""Cue lexicons, read from the editable data file and compiled once."""

from __future__ import annotations

import bisect
import re
import tomllib
from importlib import resources
from pathlib import Path

import msgspec

from timeline.domain.events import DealKind
from timeline.extraction.rules._triggers import TriggerIndex

__all__ = ["Cue", "Lexicon", "Scan"]


class Cue(msgspec.Struct, frozen=True):
    name: str
    start: int
    end: int


def _alternation(patterns: list[str]) -> str:
    return "|".join(f"(?:{p})" for p in patterns)


def _lower_literals(pattern: str) -> str:
    """Lower-case a regex's letters but not its escapes: \\S stays \\S."""
    return re.sub(
        r"\\.|[^\\]+",
        lambda m: m.group(0) if m.group(0)[0] == "\\" else m.group(0).lower(),
        pattern,
    )


class Lexicon:
    """The cue regexes of every category; `find` gives each match with its category."""

    def __init__(self, data: dict[str, dict[str, list[str]]]) -> None:
        kinds = data["deal_kinds"]
        for name in kinds:
            DealKind(name)  # an unknown kind in the data is an error, not a silent miss
        categories = {f"kind:{name}": patterns for name, patterns in kinds.items()}
        categories.update(data["cues"])
        self._kind_names = list(kinds)
        self._triggers = TriggerIndex(
            {name: [_lower_literals(p) for p in ps] for name, ps in categories.items()}
        )
        descriptors = _alternation(data.get("endorsers", {}).get("descriptors", ["(?!)"]))
        # The descriptor in any case, the name capitalised: "NBA guard Jo Doe".
        self.endorser = re.compile(
            rf"(?i:\b(?:{descriptors}))\s+((?:[A-Z][\w'-]+)(?:\s+[A-Z][\w'-]+){{1,2}})"
        )
        # The same descriptor right before a position: to test capitalised runs found first.
        self.endorser_before = re.compile(rf"(?i:\b(?:{descriptors}))\s+$")
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

    def scan(self, text: str) -> Scan:
        """Every cue of `text`, found in one pass per category, to query sentence by sentence."""
        return Scan(self, text)

    def _matches(self, text: str) -> tuple[list[Cue], dict[str, list[Cue]]]:
        """Deal-kind cues, one per place, and every other cue by category."""
        found = self._triggers.find(text)
        kinds = [
            Cue(name, start, end)
            for name in self._kind_names
            for start, end in found.pop(f"kind:{name}")
        ]
        cues = {name: [Cue(name, a, b) for a, b in spans] for name, spans in found.items()}
        return _one_per_place(kinds), cues


def _one_per_place(found: list[Cue]) -> list[Cue]:
    """Where cues overlap, a specific kind ("licensing" in "signed a licensing agreement")
    beats the generic partnership, and otherwise the longer cue wins.
    """
    found.sort(key=lambda c: (c.name == "partnership", -(c.end - c.start), c.start))
    kept: list[Cue] = []
    taken: list[tuple[int, int]] = []
    for cue in found:
        i = bisect.bisect_right(taken, (cue.start, cue.end))
        before = taken[i - 1] if i else None
        after = taken[i] if i < len(taken) else None
        if (before is None or before[1] <= cue.start) and (after is None or after[0] >= cue.end):
            taken.insert(i, (cue.start, cue.end))
            kept.append(cue)
    return sorted(kept, key=lambda c: c.start)


class Scan:
    """The cues of one text, queried by span."""

    def __init__(self, lexicon: Lexicon, text: str) -> None:
        self.lexicon = lexicon
        lowered = text.lower()
        if len(lowered) != len(text):  # a few characters lower-case to two; keep offsets
            lowered = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
        self.lowered = lowered
        self._kinds, self._cues = lexicon._matches(lowered)
        # "in May" is a month, not a hedge: a capital May inside a sentence is the month.
        self._cues["rumor"] = [
            c
            for c in self._cues["rumor"]
            if not (text[c.start : c.end] == "May" and not _starts_sentence(text, c.start))
        ]
        self._kind_starts = [c.start for c in self._kinds]
        # Where a sentence can begin to say something the rules act on.
        self._deciding = sorted(
            self._kind_starts
            + [c.start for name in ("talks", "denial", "sighting") for c in self._cues[name]]
        )
        self._cue_starts = {name: [c.start for c in cues] for name, cues in self._cues.items()}

    def deal_kinds(self, start: int, end: int) -> list[Cue]:
        lo = bisect.bisect_left(self._kind_starts, start)
        hi = bisect.bisect_left(self._kind_starts, end)
        return [c for c in self._kinds[lo:hi] if c.end <= end]

    def cues(self, category: str, start: int, end: int) -> list[Cue]:
        starts = self._cue_starts[category]
        lo, hi = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
        return [c for c in self._cues[category][lo:hi] if c.end <= end]

    def has(self, category: str, start: int, end: int) -> bool:
        starts = self._cue_starts[category]
        i = bisect.bisect_left(starts, start)
        return any(c.end <= end for c in self._cues[category][i : bisect.bisect_left(starts, end)])

    def any_cue(self, start: int, end: int) -> bool:
        """Whether anything in `start:end` could state a deal, a denial or an endorsement."""
        i = bisect.bisect_left(self._deciding, start)
        return i < len(self._deciding) and self._deciding[i] < end


def _starts_sentence(text: str, position: int) -> bool:
    before = text[:position].rstrip(" \t\"'(")
    return not before or before[-1] in ".!?\n"
