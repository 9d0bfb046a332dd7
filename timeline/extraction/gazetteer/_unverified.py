"""Organisations and titled people the gazetteer does not know, marked as such by the text."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from timeline.extraction.gazetteer._text import (
    FUNCTION_WORDS,
    NOT_NAMES,
    name_after,
    name_before,
    sentence_start,
    word_set,
)
from timeline.extraction.gazetteer._words import Words

__all__ = ["TRIGGERS", "Found", "Trigger", "organisations", "strip_suffix", "titled_name"]


class Trigger(NamedTuple):
    """Words that mark a name next to them as an organisation's; found by the automata."""

    kind: str
    sensitive: bool


# Legal suffixes end a name: "Brightloop Inc.", "Leiwei Technology Co., Ltd.".
_SUFFIXES = """
    Co.,_Ltd. Co.,_Ltd Co._Ltd. Co._Ltd Co.,Ltd. Co.,_Limited Co_Ltd Co_Ltd. Co. Co
    Company_Limited Pte_Ltd
    Pte._Ltd. Pty_Ltd Pty._Ltd. Sdn_Bhd Sdn._Bhd. Ltd. Ltd Limited Inc. Inc Incorporated
    Corp. Corp Corporation LLC L.L.C. LLP GmbH AG S.A. SA S.p.A. SpA S.A.S. SAS N.V. NV B.V.
    BV plc PLC Plc K.K. Oyj ASA AB SE Holdings Group
"""
# Nouns that name an organisation after them ("startup Brightloop") or, in an apposition,
# before them ("Brightloop, the e-commerce firm, said").
_CUES = """
    company firm startup start-up maker chipmaker automaker carmaker drugmaker phonemaker
    manufacturer retailer developer subsidiary conglomerate lender insurer carrier giant
    group operator platform fund
"""
_OWNED = "'s_shares '_shares 's_stock '_stock"
_HELD = "shares_of shares_in stake_in stake_of"
TRIGGERS: dict[str, Trigger] = {
    **{w.replace("_", " "): Trigger("suffix", True) for w in _SUFFIXES.split()},
    **{w: Trigger("cue", False) for w in _CUES.split()},
    **{w.replace("_", " "): Trigger("owned", False) for w in _OWNED.split()},
    **{w.replace("_", " "): Trigger("held", False) for w in _HELD.split()},
}
# Only before capitalised words do these nouns end a name ("Foo Group", not "a group").
_WEAK = frozenset({"Holdings", "Group", "Corporation", "Limited"})
# Cue nouns that come after a name only in an apposition, never right before one.
_APPOSITION_ONLY = frozenset({"giant", "group", "operator", "platform"})
# Words that make a capitalised run an organisation or a place, never a person's name.
_NOT_PERSONAL = frozenset(
    {w.rstrip(".,") for w in _SUFFIXES.replace("_", " ").split()}
    | {w.capitalize() for w in _CUES.split()}
    | word_set(
        """
        University College School Institute Academy House Senate Congress Parliament
        Council Committee Commission Ministry Department Office Court Bank Fund Party
        Foundation Association Hospital Hotel Airlines Airways Motors Club Stadium Square
        Street Road Avenue Palace Museum Center Centre Exchange Index
        """
    )
)
_TRAILING_SUFFIX = re.compile(
    r"(?:,?\s+(?:" + "|".join(re.escape(w.replace("_", " ")) for w in _SUFFIXES.split()) + r"))+$"
)
_APPOSITION = re.compile(r",\s+(?:the|a|an)\s+(?:[\w-]+\s+){0,3}$")
_APPOSITION_END = re.compile(
    r"\s*[,.;)]|\s+(?:that|which|based|headquartered|known|whose|behind|founded)\b"
)
_LOOKBACK = 60


class Found(NamedTuple):
    """An unverified name at start:end; `name` is what its slug is made from."""

    start: int
    end: int
    name: str


def organisations(
    text: str, words: Words, triggers: Iterable[tuple[int, int, str]]
) -> Iterator[Found]:
    """Candidate organisations around the (start, end, kind) trigger words found in `text`,
    overlapping and unsorted; the caller settles overlaps.

    Organisations: capitalised words before a legal suffix ("Leiwei Technology Co., Ltd.",
    "Brightloop Inc.", "Foo GmbH", "Qux plc", "Baz Holdings"), before "'s shares" or after
    "shares of", after a cue noun ("startup Brightloop", "research firm Canalys"), and before an
    apposition ("Brightloop, the e-commerce firm, said").

    Sentence-initial function words are trimmed ("The Foo Group" is "Foo Group"); a lone ordinary
    word at the start of a sentence is no name ("Analysts Group"); spans that touch a known
    mention are left to it.
    """
    for start, end, kind in triggers:
        if kind == "suffix":
            before = start
            while before > 0 and text[before - 1] == " ":
                before -= 1
            if before > 0 and text[before - 1] == ",":
                before -= 1
            span = name_before(text, before)
            suffix = text[start:end]
            if span is not None and _plausible(text, span, words, weak=suffix in _WEAK):
                yield Found(span[0], end, text[span[0] : span[1]])
        elif kind == "owned":
            yield from _named(text, name_before(text, start), words)
        elif kind == "held":
            yield from _named(text, _after(text, end), words)
        else:
            if text[start:end].lower() not in _APPOSITION_ONLY:
                yield from _named(text, _after(text, end), words)
            yield from _apposition(text, start, end, words)


def _after(text: str, end: int) -> tuple[int, int] | None:
    if text[end : end + 1] != " " or not text[end + 1 : end + 2].isupper():
        return None
    return name_after(text, end + 1)


def _apposition(text: str, start: int, end: int, words: Words) -> Iterator[Found]:
    if _APPOSITION_END.match(text, end) is None:
        return
    head = max(0, start - _LOOKBACK)
    found = _APPOSITION.search(text, head, start)
    if found is not None:
        yield from _named(text, name_before(text, found.start()), words)


def _named(text: str, span: tuple[int, int] | None, words: Words) -> Iterator[Found]:
    if span is not None and _plausible(text, span, words, weak=True):
        name = strip_suffix(text[span[0] : span[1]])
        yield Found(span[0], span[1], name)


def _plausible(text: str, span: tuple[int, int], words: Words, *, weak: bool) -> bool:
    tokens = text[span[0] : span[1]].split()
    if len(tokens[0]) < 2 or tokens[0].lower() in NOT_NAMES:
        return False
    if weak and len(tokens) == 1 and sentence_start(text, span[0]):
        return not words.is_common(tokens[0])
    return True


def strip_suffix(name: str) -> str:
    """A name without its legal suffixes: "Leiwei Technology Co., Ltd." is "Leiwei Technology"."""
    return _TRAILING_SUFFIX.sub("", name).strip() or name


def titled_name(text: str, end: int) -> tuple[int, int] | None:
    """The capitalised name right after a title ending at `end`, if any ("first lady Peng
    Liyuan", "President Xi Jinping"), but not "Burger King Corp" nor "Queen Mary University"."""
    if text[end : end + 1] != " ":
        return None
    span = name_after(text, end + 1, max_words=3)
    if span is None or span[0] != end + 1:
        return None
    tokens = text[span[0] : span[1]].split()
    first = tokens[0]
    if first.lower() in FUNCTION_WORDS or first.lower() in NOT_NAMES or len(first) < 2:
        return None
    if any(t.rstrip(".,") in _NOT_PERSONAL for t in tokens):
        return None
    return span
