"""The outlets a sentence cites as its source: "according to Bloomberg", "the Nikkei reported"."""

from __future__ import annotations

import re

from timeline.extraction.gazetteer import Mention

__all__ = ["cited_outlets"]

_CITED = re.compile(
    r"(?:according to|reported by|reports? (?:by|from|in)|citing|told|sources? (?:at|from)"
    r"|SOURCE:|via|cited by|quoted by|reporting by)\s+(?:the\s+|a\s+|an\s+)?(?:[\w'-]+\s+){0,3}$",
    re.I,
)
_CITES_AFTER = re.compile(
    r"^\W{0,3}(?:\w+\s+){0,2}(?:reported|reports|said|says|cited|wrote|newspaper|daily|report"
    r"|story|quoted|article)\b",
    re.I,
)


def cited_outlets(text: str, mentions: list[Mention], start: int, end: int) -> list[str]:
    """Outlets the sentence cites: "according to <outlet>", "<outlet> reported"."""
    cited = []
    for m in mentions:
        if m.kind != "outlet":
            continue
        before = text[max(start, m.start - 40) : m.start]
        after = text[m.end : min(end, m.end + 30)]
        if _CITED.search(before) or _CITES_AFTER.match(after):
            cited.append(m.name)
    return cited
