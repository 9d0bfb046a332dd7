"""What the decision stage sees of a candidate: words, cues and shape, as feature names."""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from functools import lru_cache

from timeline.extraction.pipeline._document import Candidate, Doc, Party, SentenceView
from timeline.extraction.rules._lexicon import Scan

__all__ = ["Featurizer"]

_TOKEN = re.compile(r"[a-z][a-z'-]*|\d[\d.,]*|[#$€£¥%\"“”]")
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


def _token(word: str) -> str:
    return "ENT" if word == "#" else "NUM" if word[0].isdigit() else word


@lru_cache(maxsize=1 << 16)
def _stem(token: str) -> str:
    """A crude stem's feature, so that "acquired", "acquires" and "acquiring" share one."""
    if len(token) > 5:
        for suffix in _SUFFIXES:
            if token.endswith(suffix):
                return "ms:" + token[: -len(suffix)]
    return "ms:" + token


def _cues_by_sentence(doc: Doc, scan: Scan) -> list[list[tuple[str, int]]]:
    """The cue categories found in each sentence, with where each starts, in one pass."""
    views = doc.sentences
    starts = [view.start for view in views]
    found: list[list[tuple[str, int]]] = [[] for _ in views]
    for name in _CUE_NAMES:
        for cue in scan.cues(name, 0, len(doc.text)):
            i = bisect.bisect_right(starts, cue.start) - 1
            if i >= 0 and cue.end <= views[i].end:
                found[i].append((name, cue.start))
    return found


class _Sentence:
    """A sentence's tokens, with each party's span masked, and its own features, once."""

    def __init__(self, view: SentenceView, scan: Scan, cues: list[tuple[str, int]]) -> None:
        # Each party's span becomes one "#" padded to its length, so that offsets hold and
        # one regex pass over the lower-cased sentence gives tokens and their places.
        pieces = []
        at = view.start
        lowered = scan.lowered
        for start, end in sorted((p.start, p.end) for p in [*view.parties, *view.people]):
            if start < at or start < 0:
                continue
            pieces += [lowered[at:start], "#", " " * (end - start - 1)]
            at = end
        pieces.append(lowered[at : view.end])
        masked = "".join(pieces)
        found = list(_TOKEN.finditer(masked))
        self.starts = [view.start + m.start() for m in found]
        self.tokens = [_token(m.group(0)) for m in found]
        self.cues = cues
        self.kind_cues = scan.deal_kinds(view.start, view.end)
        common = {f"cue:{name}" for name, _ in self.cues}
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
        self._cues = _cues_by_sentence(doc, scan)
        self._seen_pairs: dict[frozenset[str], int] = {}
        named: Counter[str] = Counter()
        for view in doc.sentences:
            keys = sorted({p.key for p in view.parties})
            named.update(keys)
            for a, b in itertools.combinations(keys, 2):
                self._seen_pairs.setdefault(frozenset((a, b)), view.index)
        # The companies the article is about: named in the headline, or most often.
        self._topics = {p.key for p in doc.sentences[0].parties} if doc.sentences else set()
        self._topics |= {key for key, _ in named.most_common(2)}

    def _sentence(self, index: int) -> _Sentence:
        found = self._sentences.get(index)
        if found is None:
            found = _Sentence(self._doc.sentences[index], self._scan, self._cues[index])
            self._sentences[index] = found
        return found

    def _around_sentences(self, index: int, out: set[str]) -> None:
        """Cues of the sentence before ("... reported", then the denial) and after."""
        if index > 0:
            out.update(f"prev:{name}" for name, _ in self._cues[index - 1])
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
        out.add(f"topics:{(first.key in self._topics) + (second.key in self._topics)}")
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
        k = s.index_at(a.end)
        stop = min(j, k + _BETWEEN)
        tokens = s.tokens
        for t in tokens[k:stop]:
            out.add("m:" + t)
            out.add(_stem(t))
        out.update(f"mb:{x}_{y}" for x, y in itertools.pairwise(tokens[k:j]))
        out.update("pre:" + t for t in tokens[max(0, i - _WINDOW) : i])
        b_end = s.index_at(b.end)
        out.update("post:" + t for t in tokens[b_end : b_end + _WINDOW])
        for name, at in s.cues:
            where = "between" if a.end <= at < b.start else "before" if at < a.start else "after"
            out.add(f"cue-{where}:{name}")
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
        out.update(tag + _stem(t) for t in s.tokens if t != "ENT")


def _bucket(n: int) -> str:
    return "0" if n == 0 else "1-2" if n <= 2 else "3-6" if n <= 6 else "7-12" if n <= 12 else "13+"
