"""What the decision stage sees of a candidate: words, cues and shape, as feature names."""

from __future__ import annotations

import bisect
import itertools
import re

from timeline.extraction.pipeline._document import Candidate, Doc, Party, SentenceView
from timeline.extraction.rules._lexicon import Scan

__all__ = ["Featurizer"]

_TOKEN = re.compile(r"[A-Za-z][A-Za-z'-]*|\d[\d.,]*|[$€£¥%\"“”]")
_NEGATION = frozenset({"not", "no", "never", "nor", "n't", "without", "neither", "nothing"})
_CUE_NAMES = (
    "rumor",
    "talks",
    "denial",
    "not_denial",
    "sighting",
    "official",
    "negation",
    "failure",
    "off_topic",
)
_WINDOW = 4
_BETWEEN = 14
_SUFFIXES = ("ing", "ed", "es", "s")


def _stem(token: str) -> str:
    """A crude stem, so that "acquired", "acquires" and "acquiring" share a feature."""
    if len(token) > 5:
        for suffix in _SUFFIXES:
            if token.endswith(suffix):
                return token[: -len(suffix)]
    return token


def sentence_cues(scan: Scan, view: SentenceView) -> set[str]:
    return {name for name in _CUE_NAMES if scan.has(name, view.start, view.end)}


class _Sentence:
    """A sentence's tokens, with each party's span masked, and its own features, once."""

    def __init__(self, text: str, view: SentenceView, scan: Scan) -> None:
        self.tokens: list[str] = []
        self.starts: list[int] = []
        spans = sorted((p.start, p.end) for p in [*view.parties, *view.people] if p.start >= 0)
        i = 0
        for match in _TOKEN.finditer(text, view.start, view.end):
            while i < len(spans) and spans[i][1] <= match.start():
                i += 1
            if i < len(spans) and spans[i][0] <= match.start() < spans[i][1]:
                token = "ENT"
            else:
                token = match.group(0).lower()
                if token[0].isdigit():
                    token = "NUM"
            self.tokens.append(token)
            self.starts.append(match.start())
        self.cues = sentence_cues(scan, view)
        self.kind_cues = scan.deal_kinds(view.start, view.end)
        common = {f"cue:{name}" for name in self.cues}
        common |= {f"kind:{cue.name}" for cue in self.kind_cues}
        if view.cited:
            common.add("cited")
        if view.outlets:
            common.add("outlet")
        common.add(f"nparty:{min(len(view.parties), 5)}")
        common.add(f"para:{min(view.paragraph, 3)}")
        if _NEGATION.intersection(self.tokens):
            common.add("negated")
        self.common = common
        self.first_party = view.parties[0].key if view.parties else ""

    def index_at(self, position: int) -> int:
        return bisect.bisect_left(self.starts, position)


class Featurizer:
    """Feature names for each candidate of a document; sentences are read once each."""

    def __init__(self, doc: Doc, scan: Scan) -> None:
        self._doc = doc
        self._scan = scan
        self._sentences: dict[int, _Sentence] = {}
        self._cues: dict[int, set[str]] = {}
        self._seen_pairs: dict[frozenset[str], int] = {}
        for view in doc.sentences:
            keys = sorted({p.key for p in view.parties})
            for a, b in itertools.combinations(keys, 2):
                self._seen_pairs.setdefault(frozenset((a, b)), view.index)

    def _sentence(self, index: int) -> _Sentence:
        found = self._sentences.get(index)
        if found is None:
            found = _Sentence(self._doc.text, self._doc.sentences[index], self._scan)
            self._sentences[index] = found
        return found

    def _around_sentences(self, index: int, out: set[str]) -> None:
        """Cues of the sentence before ("... reported", then the denial) and after."""
        if index > 0:
            before = self._sentences.get(index - 1)
            cues = (
                before.cues if before else sentence_cues(self._scan, self._doc.sentences[index - 1])
            )
            out.update(f"prev:{name}" for name in cues)
        if index + 1 < len(self._doc.sentences) and self._doc.sentences[index + 1].cited:
            out.add("next-cited")

    def features(self, candidate: Candidate) -> list[str]:
        """The candidate's feature names, in no particular order."""
        s = self._sentence(candidate.sentence)
        first, second = candidate.first, candidate.second
        out = set(s.common)
        self._around_sentences(candidate.sentence, out)
        out.add(f"via1:{first.via}")
        out.add(f"via2:{second.via}")
        out.add(f"ver:{first.verified:d}{second.verified:d}")
        if second.kind == "person":
            out.add("with-person")
        if second.via == "context" or first.via == "context":
            out.add("context-pair")
            lone = first if second.via == "context" else second
            self._around(s, lone, out, "l")
            return list(out)
        a, b = (first, second) if first.start <= second.start else (second, first)
        if a.key == s.first_party:
            out.add("a-leads")
        i, j = s.index_at(a.start), s.index_at(b.start)
        between = s.tokens[s.index_at(a.end) : j]
        out.add(f"gap:{_bucket(len(between))}")
        out.add(f"others-between:{min(between.count('ENT'), 3)}")
        if set(between) <= {",", "and", "ENT", "&"}:
            out.add("listed")
        for t in between[:_BETWEEN]:
            out.add(f"m:{t}")
            out.add(f"ms:{_stem(t)}")
        for x, y in itertools.pairwise(between):
            out.add(f"mb:{x}_{y}")
        out.update(f"pre:{t}" for t in s.tokens[max(0, i - _WINDOW) : i])
        b_end = s.index_at(b.end)
        out.update(f"post:{t}" for t in s.tokens[b_end : b_end + _WINDOW])
        for cue in s.kind_cues:
            where = (
                "between"
                if a.end <= cue.start < b.start
                else "before"
                if cue.end <= a.start
                else "after"
            )
            out.add(f"kind-{where}:{cue.name}")
        pair = frozenset((first.key, second.key))
        earlier = self._seen_pairs.get(pair)
        if earlier is not None and earlier < candidate.sentence:
            out.add("pair-seen-before")
        elif earlier == candidate.sentence:
            out.add("pair-first-here")
        return list(out)

    def _around(self, s: _Sentence, party: Party, out: set[str], tag: str) -> None:
        i = s.index_at(party.start)
        end = s.index_at(party.end)
        out.update(f"{tag}pre:{t}" for t in s.tokens[max(0, i - _WINDOW) : i])
        out.update(f"{tag}post:{t}" for t in s.tokens[end : end + _WINDOW + 2])
        out.update(f"{tag}s:{_stem(t)}" for t in s.tokens if t != "ENT")


def _bucket(n: int) -> str:
    return "0" if n == 0 else "1-2" if n <= 2 else "3-6" if n <= 6 else "7-12" if n <= 12 else "13+"
