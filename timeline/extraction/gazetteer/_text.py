"""Character classes, sentence starts and slugs shared by the matchers."""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "APOSTROPHES",
    "FUNCTION_WORDS",
    "NOT_NAMES",
    "fold_quotes",
    "name_after",
    "name_before",
    "needs_boundary",
    "sentence_start",
    "slugify",
    "word_set",
]


def word_set(words: str) -> frozenset[str]:
    """The whitespace-separated words of a literal list."""
    return frozenset(words.split())


# Normalised article text has plain apostrophes; raw text may not. Same length either way.
APOSTROPHES = "\u2019\u2018"

# Capitalised only because a sentence starts with them: never the first word of a name.
FUNCTION_WORDS = word_set(
    """
    a an the this that these those its it his her their our my your we they he she i in on
    at by for from with of to into onto over under after before since while when and but
    or nor so yet also as if then than both either neither each every all some meanwhile
    however moreover furthermore still even only just now today yesterday according unlike
    like shares share rival rivals local chinese american state there here what which who
    whom whose where why how
    """
)

# Capitalised words that are never a company or a person's name on their own.
NOT_NAMES = word_set(
    """
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december mr mrs ms dr sir
    """
)

_SLUG_JUNK = re.compile(r"[^a-z0-9]+")
_WORD_JUNK = re.compile(r"[^\w]+")


def fold_quotes(text: str) -> str:
    """Curly apostrophes as "'", keeping every offset."""
    for quote in APOSTROPHES:
        if quote in text:
            text = text.replace(quote, "'")
    return text


def needs_boundary(char: str) -> bool:
    """Whether a name ending in `char` must not run on into a letter or digit.

    Scripts written without spaces (Chinese, Japanese, Korean with its particles) attach
    names to the next word, so a boundary is only asked of the others.
    """
    return char.isalnum() and ord(char) < 0x2E80


def sentence_start(text: str, index: int) -> bool:
    """Whether `index` starts a sentence, a line, a heading or the text."""
    i = index - 1
    while i >= 0 and text[i] in " \t\"'([\u201c\u2018":
        i -= 1
    return i < 0 or text[i] in ".!?:;\n\u2026"


def slugify(name: str) -> str:
    """A lowercase-dashed id for a name not in the gazetteer ("Leiwei Technology")."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = _SLUG_JUNK.sub("-", ascii_name.lower()).strip("-")
    return slug or _WORD_JUNK.sub("-", name.lower()).strip("-")


# Lowercase words that may stand inside a name ("Bank of America", "Procter & Gamble").
_CONNECTORS = frozenset({"of", "&", "de", "du", "des", "der", "van", "von", "la", "le", "y"})
_INITIALS = re.compile(r"(?:[A-Z]\.){2,}")
_TOKEN_CHARS = "&-'."


def _capitalised(token: str) -> bool:
    return token[0].isupper() or (token[0].isdigit() and any(c.isupper() for c in token))


def name_before(text: str, end: int, max_words: int = 6) -> tuple[int, int] | None:
    """The capitalised words ending at `end` ("Leiwei Technology" before " Co., Ltd."),
    without sentence-initial function words; None when there are none."""
    words: list[tuple[int, int]] = []
    i = end
    while len(words) < max_words:
        j = i
        while j > 0 and text[j - 1] in " \t":
            j -= 1
        if words and j == i:
            break
        k = j
        while k > 0 and (text[k - 1].isalnum() or text[k - 1] in _TOKEN_CHARS):
            k -= 1
        token = text[k:j]
        if not token or (token.endswith(".") and not _INITIALS.fullmatch(token)):
            break
        if not (_capitalised(token) or (words and token in _CONNECTORS)):
            break
        words.append((k, j))
        i = k
    return _trimmed(text, words[::-1])


def name_after(text: str, start: int, max_words: int = 5) -> tuple[int, int] | None:
    """The capitalised words starting at `start` ("Brightloop" after "startup "), without a
    trailing possessive; None when there are none."""
    words: list[tuple[int, int]] = []
    i = start
    size = len(text)
    while len(words) < max_words and i < size:
        k = i
        while k < size and (text[k].isalnum() or text[k] in _TOKEN_CHARS):
            k += 1
        token = text[i:k].rstrip(_TOKEN_CHARS)
        if not token or not (_capitalised(token) or (words and token in _CONNECTORS)):
            break
        if token.endswith("'s"):
            token = token[:-2]
        words.append((i, i + len(token)))
        if i + len(token) < k or k >= size or text[k] != " ":
            break
        i = k + 1
    while words and text[words[-1][0] : words[-1][1]] in _CONNECTORS:
        words.pop()
    return _trimmed(text, words)


def _trimmed(text: str, words: list[tuple[int, int]]) -> tuple[int, int] | None:
    while words:
        first = text[words[0][0] : words[0][1]]
        if first.lower() in FUNCTION_WORDS or first in _CONNECTORS:
            words.pop(0)
        else:
            break
    if not words:
        return None
    if len(words) == 1 and text[words[0][0] : words[0][1]].lower() in NOT_NAMES:
        return None
    return words[0][0], words[-1][1]
