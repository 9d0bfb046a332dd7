"""What the decision stage sees of a candidate: words, cues and shape, as feature names."""

from __future__ import annotations

import itertools
import re

from timeline.extraction.pipeline._document import Candidate, Doc, Party, SentenceView
from timeline.extraction.rules._lexicon import Scan

__all__ = ["Featurizer", "RuleHits", "rule_key"]

# What the hand-written rules found: (sentence, parties' keys) -> event types.
RuleHits = dict[tuple[int, frozenset[str]], set[str]]


def _keys(candidate: Candidate) -> frozenset[str]:
    return frozenset((candidate.first.key, candidate.second.key))


def rule_key(sentence: int, keys: list[str]) -> tuple[int, frozenset[str]]:
    return (sentence, frozenset(keys))


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


class _Sentence:
    """A sentence's tokens, with each party's span masked, computed once."""

    def __init__(self, text: str, view: SentenceView, scan: Scan) -> None:
        self.view = view
        self.tokens: list[tuple[int, int, str]] = []
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
            self.tokens.append((match.start(), match.end(), token))
        words = [t for _, _, t in self.tokens]
        self.common = {f"u:{w}" for w in words}
        self.common |= {f"bi:{a}_{b}" for a, b in itertools.pairwise(words)}
        for name in _CUE_NAMES:
            if scan.has(name, view.start, view.end):
                self.common.add(f"cue:{name}")
        for cue in scan.deal_kinds(view.start, view.end):
            self.common.add(f"kind:{cue.name}")
        self.kind_cues = scan.deal_kinds(view.start, view.end)
        if view.cited:
            self.common.add("cited")
        if view.outlets:
            self.common.add("outlet")
        self.common.add(f"nparty:{min(len(view.parties), 5)}")
        self.common.add(f"para:{min(view.paragraph, 3)}")
        if _NEGATION & set(words):
            self.common.add("negated")

    def index_at(self, position: int) -> int:
        for i, (start, _, _) in enumerate(self.tokens):
            if start >= position:
                return i
        return len(self.tokens)


class Featurizer:
    """Feature names for each candidate of a document; sentences are read once each."""

    def __init__(self, doc: Doc, scan: Scan, rule_hits: RuleHits | None = None) -> None:
        self._doc = doc
        self._scan = scan
        self._rule_hits = rule_hits or {}
        self._sentences: dict[int, _Sentence] = {}
        self._seen_pairs: dict[frozenset[str], int] = {}
        for view in doc.sentences:
            keys = sorted({p.key for p in view.parties})
            for a in range(len(keys)):
                for b in range(a + 1, len(keys)):
                    self._seen_pairs.setdefault(frozenset((keys[a], keys[b])), view.index)

    def _sentence(self, index: int) -> _Sentence:
        found = self._sentences.get(index)
        if found is None:
            found = _Sentence(self._doc.text, self._doc.sentences[index], self._scan)
            self._sentences[index] = found
        return found

    def features(self, candidate: Candidate) -> list[str]:
        s = self._sentence(candidate.sentence)
        first, second = candidate.first, candidate.second
        out = set(s.common)
        out.add(f"via1:{first.via}")
        out.add(f"via2:{second.via}")
        out.add(f"ver:{first.verified:d}{second.verified:d}")
        if second.kind == "person":
            out.add("with-person")
        for type_name in self._rule_hits.get((candidate.sentence, _keys(candidate)), ()):
            out.add(f"rule:{type_name}")
        if second.via == "context" or first.via == "context":
            out.add("context-pair")
            lone = first if second.via == "context" else second
            self._around(s, lone, out, "l")
            return sorted(out)
        a, b = (first, second) if first.start <= second.start else (second, first)
        i, j = s.index_at(a.start), s.index_at(b.start)
        a_end = s.index_at(a.end)
        between = [t for _, _, t in s.tokens[a_end:j]]
        out.add(f"gap:{_bucket(len(between))}")
        if set(between) <= {",", "and", "ENT", "&"} or between in ([","], ["and"], [",", "and"]):
            out.add("listed")
        for t in between[:_BETWEEN]:
            out.add(f"m:{t}")
        for x, y in itertools.pairwise(between):
            out.add(f"mb:{x}_{y}")
        for t in [t for _, _, t in s.tokens[max(0, i - _WINDOW) : i]]:
            out.add(f"pre:{t}")
        b_end = s.index_at(b.end)
        for t in [t for _, _, t in s.tokens[b_end : b_end + _WINDOW]]:
            out.add(f"post:{t}")
        for cue in s.kind_cues:
            if a.end <= cue.start < b.start:
                out.add(f"kind-between:{cue.name}")
        pair = frozenset((first.key, second.key))
        earlier = self._seen_pairs.get(pair)
        if earlier is not None and earlier < candidate.sentence:
            out.add("pair-seen-before")
        elif earlier == candidate.sentence:
            out.add("pair-first-here")
        return sorted(out)

    def _around(self, s: _Sentence, party: Party, out: set[str], tag: str) -> None:
        i = s.index_at(party.start)
        end = s.index_at(party.end)
        for t in [t for _, _, t in s.tokens[max(0, i - _WINDOW) : i]]:
            out.add(f"{tag}pre:{t}")
        for t in [t for _, _, t in s.tokens[end : end + _WINDOW + 2]]:
            out.add(f"{tag}post:{t}")


def _bucket(n: int) -> str:
    return "0" if n == 0 else "1-2" if n <= 2 else "3-6" if n <= 6 else "7-12" if n <= 12 else "13+"
