"""Unicode clean-up of article text that keeps the way back to the original offsets."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

import msgspec

from timeline.extraction.loading._offsets import OffsetMap, OffsetMapBuilder

__all__ = ["Normalised", "clean_line", "merge_ranges", "normalise"]

_SPACES = "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
_SPACES += "\u202f\u205f\u3000"
_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# Invisible characters that only split words for a regex, and bidi controls.
_INVISIBLE = "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"
_INVISIBLE += "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_CONTROLS = "".join(chr(c) for c in [*range(0x00, 0x09), *range(0x0E, 0x1C), 0x1F, 0x7F])
_CONTROLS += "".join(chr(c) for c in range(0x80, 0xA0) if c != 0x85)
_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u2035\u02bc\u02b9"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u2036\u02ba"
# En and em dashes carry meaning (ranges, asides) and stay; hyphen look-alikes become "-".
_HYPHENS = "\u2010\u2011\u2012\u2043\u2212\ufe63\uff0d"

_TABLE: dict[str, str] = {
    **dict.fromkeys(_SPACES, " "),
    **dict.fromkeys(_BREAKS, "\n"),
    **dict.fromkeys(_INVISIBLE, ""),
    **dict.fromkeys(_CONTROLS, ""),
    **dict.fromkeys(_SINGLE_QUOTES, "'"),
    **dict.fromkeys(_DOUBLE_QUOTES, '"'),
    **dict.fromkeys(_HYPHENS, "-"),
    "\u2015": "\u2014",
}

# Letters of common scripts that NFKC leaves alone and that are not marks; the scan skips
# them in C, so text in those scripts costs little more than ASCII.
_SAFE = (
    "\u00c0-\u00ff\u0391-\u03a9\u03b1-\u03c9\u0410-\u044f\u05d0-\u05ea\u0621-\u063a"
    "\u0641-\u064a\u3001\u3002\u3008-\u3011\u3041-\u3096\u30a1-\u30fa\u3400-\u4dbf"
    "\u4e00-\u9fff\uac00-\ud7a3"
)
# Characters that may need work: all but printable ASCII, tab, LF and the safe letters.
_SPECIAL = re.compile(f"[^\t\n -~{_SAFE}]")
_TABLED = re.compile("[" + re.escape("".join(_TABLE)) + "\r]")
# What each character becomes on its own, learnt as met; marks get _EXTENDS instead. The
# memo only grows to the number of distinct characters ever seen, and has a cap regardless.
_EXTENDS = "\x00extends"
_KNOWN: dict[str, str] = {**_TABLE, "\r": "\n"}
_KNOWN_LIMIT = 100_000
_BLANK = "\\s" + re.escape(_INVISIBLE)
_CONTENT = re.compile(f"[^{_BLANK}]")
_WHITESPACE = re.compile(r"\s+")


class Normalised(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    text: str
    offsets: OffsetMap


def _map_char(char: str) -> str:
    """What one character becomes; a mark alone stays itself."""
    mapped = _TABLE.get(char)
    if mapped is not None:
        return mapped
    folded = unicodedata.normalize("NFKC", char)
    if folded == char:
        return char
    # NFKC can produce characters of the table: U+2034 (triple prime) becomes three primes.
    return "".join(_TABLE.get(c, c) for c in folded)


def _is_mark_like(char: str) -> bool:
    return unicodedata.category(char)[0] == "M" or "\u1160" <= char <= "\u11ff"


def _learn(char: str) -> str:
    # Marks and Hangul medial/final jamo can compose with what comes before them, and so can
    # what NFKC makes a mark (the half-width voiced sound mark).
    mapped = _map_char(char)
    extends = _is_mark_like(char) or (mapped not in {char, ""} and _is_mark_like(mapped[0]))
    known = _EXTENDS if extends else mapped
    if len(_KNOWN) < _KNOWN_LIMIT:
        _KNOWN[char] = known
    return known


def merge_ranges(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping, non-touching ranges covering the same positions."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(r for r in ranges if r[1] > r[0]):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _kept(length: int, drop: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    kept: list[tuple[int, int]] = []
    position = 0
    for start, end in merge_ranges((max(0, s), min(length, e)) for s, e in drop):
        if start > position:
            kept.append((position, start))
        position = end
    if position < length:
        kept.append((position, length))
    return kept


def _trim(original: str, kept: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Leave out blank text before the first and after the last visible character."""
    while kept:
        start, end = kept[0]
        found = _CONTENT.search(original, start, end)
        if found is not None:
            kept[0] = (found.start(), end)
            break
        kept.pop(0)
    while kept:
        start, end = kept[-1]
        cut = end
        while cut > start and (original[cut - 1].isspace() or original[cut - 1] in _INVISIBLE):
            cut -= 1
        if cut > start:
            kept[-1] = (start, cut)
            break
        kept.pop()
    return kept


def normalise(original: str, drop: Sequence[tuple[int, int]] = ()) -> Normalised:
    """NFKC, plain spaces and quotes, LF line ends, no invisible characters; `drop` left out.

    `drop` lists original ranges that are not content (markup, boilerplate, a title line).
    Leading and trailing blank text is left out too. The result's offsets lead back to
    `original`.
    """
    segments = _trim(original, _kept(len(original), drop))
    found: set[str] = set()
    for start, end in segments:
        found.update(_SPECIAL.findall(original, start, end))
    # Characters that become one other character keep every offset: they are replaced in
    # bulk at the end. Only the rest are visited one by one.
    swaps: list[tuple[str, str]] = []
    visit: set[str] = set()
    for char in found:
        mapped = _KNOWN.get(char)
        if mapped is None:
            mapped = _learn(char)
        if char == "\r" or mapped is _EXTENDS or len(mapped) != 1:
            visit.add(char)
        elif mapped != char:
            swaps.append((char, mapped))
    pattern = _pattern(frozenset(visit)) if visit else None
    parts: list[str] = []
    edits = OffsetMapBuilder()
    out = 0  # length of the normalised text written so far
    previous_end = 0
    for start, end in segments:
        if start > previous_end:
            edits.edit(out, out, previous_end, start)
        copied = seen = start  # copied: written out so far; seen: looked at so far
        for match in pattern.finditer(original, start, end) if pattern else ():
            k = match.start()
            if k < seen:
                continue  # a mark already taken into the cluster before it
            char = original[k]
            mapped = _KNOWN[char]
            # A cluster: this character and the marks after it, or a mark and its base.
            j = k + 1
            while j < end and original[j] > "\x7f" and _is_mark(original[j]):
                j += 1
            first = k - 1 if mapped is _EXTENDS and k > copied else k
            cluster = original[first:j]
            if char == "\r":
                # CRLF loses its CR; a lone CR (old Mac line end) becomes LF.
                mapped = "" if j < end and original[j] == "\n" else "\n"
            elif j - first > 1 or mapped is _EXTENDS:
                mapped = unicodedata.normalize("NFKC", "".join(map(_map_char, cluster)))
            if mapped != cluster:
                parts.append(original[copied:first])
                out += first - copied
                parts.append(mapped)
                if len(mapped) != j - first:
                    edits.edit(out, out + len(mapped), first, j)
                out += len(mapped)
                copied = j
            seen = j
        parts.append(original[copied:end])
        out += end - copied
        previous_end = end
    if previous_end < len(original):
        edits.edit(out, out, previous_end, len(original))
    text = "".join(parts)
    for char, mapped in swaps:
        text = text.replace(char, mapped)
    return Normalised(text=text, offsets=edits.build(out, len(original)))


@lru_cache(maxsize=256)
def _pattern(chars: frozenset[str]) -> re.Pattern[str]:
    return re.compile("[" + re.escape("".join(sorted(chars))) + "]")


def _is_mark(char: str) -> bool:
    known = _KNOWN.get(char)
    return (known if known is not None else _learn(char)) is _EXTENDS


def clean_line(text: str) -> str:
    """A title or other one-line field: normalised, with whitespace runs made single spaces."""
    plain = text if text.isascii() and _TABLED.search(text) is None else normalise(text).text
    return _WHITESPACE.sub(" ", plain).strip()
