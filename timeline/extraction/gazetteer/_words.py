"""English words, to tell ordinary words from company names and misspellings of them."""

from __future__ import annotations

import gzip
from functools import cache
from importlib import resources
from typing import NamedTuple

__all__ = ["Words", "english_words"]


class Words(NamedTuple):
    """`common` words occur in lowercase; `proper` nouns (lowercased here) never do."""

    common: frozenset[str]
    proper: frozenset[str]

    def is_common(self, word: str) -> bool:
        """An ordinary word; words under three letters count as ordinary."""
        lowered = word.lower()
        return len(lowered) < 3 or lowered in self.common

    def is_known(self, word: str) -> bool:
        """A common word or a proper noun such as a place or a given name."""
        lowered = word.lower()
        return len(lowered) < 3 or lowered in self.common or lowered in self.proper


@cache
def english_words() -> Words:
    """The shipped list (see english_words.NOTICE), read on first use."""
    resource = resources.files("timeline.extraction.gazetteer") / "english_words.txt.gz"
    lines = gzip.decompress(resource.read_bytes()).decode("utf-8").split()
    common = frozenset(w for w in lines if w.islower())
    proper = frozenset(w.lower() for w in lines if not w.islower())
    return Words(common, proper)
