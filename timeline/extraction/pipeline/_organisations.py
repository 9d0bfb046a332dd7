"""Organisations the gazetteer lacks, found from how a deal sentence uses their names."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from timeline.extraction.gazetteer import Mention
from timeline.extraction.gazetteer._text import FUNCTION_WORDS, NOT_NAMES, slugify

__all__ = ["is_place", "looks_like_organisation", "unknown_organisations"]

# A capitalised name: words starting upper-case or with a digit, joined by "&", "of", "de".
_WORD = r"(?:[A-Z][\w&.'-]*|[0-9][\w&.-]*[A-Za-z][\w&.-]*)"
_NAME = rf"{_WORD}(?: +(?:(?:&|and|of|de|du|des|da|del|la|le|van|von|y) +)?{_WORD}){{0,4}}"
# Words after which a capitalised name is a deal's party: "acquire X", "stake in X".
_ARGUMENT = re.compile(
    r"\b(?i:acquir(?:e|es|ed|ing)|buy(?:s|ing)?|bought|purchas(?:e|es|ed|ing)(?: of)?"
    r"|stakes? in|shares? in|invest(?:s|ed|ing|ment|ments)? in|merg(?:e|er|ing|ed) with"
    r"|(?:talks|discussions|negotiations|deal|agreement|partnership|alliance|tie-up|venture"
    r"|contract|pact) with|bids? for|offers? for|takeover of|acquisition of|sale of|unit of"
    r"|backed by|led by|funded by|from investors?|investors? including|backers? including"
    r"|including|such as|rival|rivals|startup|start-up|peer|suitors?|bidders?|buyers?"
    r"|sponsors?|partners?|owner|owners|parent|subsidiary|shareholders?|to sell \w+ to"
    r"|(?:sold|sell|sells|selling) (?:\w+ ){0,3}?to|joined by|along with|and)"
    rf"\s+(?:the\s+)?({_NAME})"
)
# "X, a UK developer of ..." / "X, the Y-based lender": an apposition marks X.
_APPOSITION = re.compile(
    rf"({_NAME}),\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,4}}?(?:company|firm|startup|start-up"
    r"|maker|developer|provider|operator|group|lender|bank|insurer|fund|investor|retailer"
    r"|manufacturer|producer|miner|carrier|airline|chain|platform|publisher|studio|brand"
    r"|conglomerate|distributor|supplier|unit|subsidiary|business|outfit|house)\b"
)
# "X's shares", "shares of X" and "the Y-based X" mark X as well.
_OWNED = re.compile(rf"({_NAME})'s? (?:shares|stock|board|chief executive|CEO|chairman)\b")
_BASED = re.compile(rf"\b[A-Z][\w-]+-based (?:[a-z-]+ ){{0,3}}({_NAME})")
# A name that ends with an organisation word is one: "Falcon Edge Capital".
_ORG_WORD = re.compile(
    r"\b(?:Capital|Partners|Ventures|Holdings|Group|Bank|Bancorp|Pharma|Pharmaceuticals"
    r"|Therapeutics|Biosciences|Biotech|Technologies|Technology|Systems|Labs|Motors|Airlines"
    r"|Airways|Energy|Mining|Minerals|Resources|Foods|Media|Telecom|Communications|Insurance"
    r"|Financial|Investments|Investment|Fund|Funds|Management|Advisors|Advisers|Equity"
    r"|Industries|Networks|Software|Games|Studios|Entertainment|Brands|Retail|Stores"
    r"|Petroleum|Oil|Gas|Power|Solar|Logistics|Shipping|Health|Healthcare|Medical|Semiconductor"
    r"|Electronics|Enterprises|Trust|Securities|Asset Management|Infrastructure)\s*$"
)


@cache
def _places() -> frozenset[str]:
    """Countries, nationalities, regions and cities: capitalised, yet never a party."""
    text = (resources.files("timeline.extraction") / "data" / "places.txt").read_text("utf-8")
    return frozenset(
        line.strip().casefold() for line in text.splitlines() if line.strip() and line[0] != "#"
    )


def is_place(name: str) -> bool:
    return name.casefold() in _places()


def looks_like_organisation(name: str) -> bool:
    """Ends with an organisation word: "Falcon Edge Capital", "Compose Coffee Co"."""
    return _ORG_WORD.search(name) is not None


def unknown_organisations(text: str, mentions: list[Mention]) -> list[Mention]:
    """`mentions` and, added to them, the unknown organisations marked by their use."""
    taken = [(m.start, m.end) for m in mentions]
    found: dict[int, Mention] = {}
    for pattern in (_ARGUMENT, _APPOSITION, _OWNED, _BASED):
        for match in pattern.finditer(text):
            start, end = match.span(1)
            span = _trim(text, start, end)
            if span is None:
                continue
            start, end = span
            if any(a <= start < b for a, b in taken) or start in found:
                continue
            # "Falcon Ridge Capital and Tencent": the name ends where a known one begins.
            cut = min((a for a, _ in taken if start < a < end), default=end)
            if cut < end:
                span = _trim(text, start, cut)
                if span is None:
                    continue
                start, end = span
            name = text[start:end]
            if not _plausible(name, pattern is _ARGUMENT):
                continue
            found[start] = Mention(
                kind="company",
                start=start,
                end=end,
                surface=name,
                id=slugify(name),
                name=name,
                via="pattern",
                verified=False,
            )
            taken.append((start, end))
    if not found:
        return mentions
    return sorted([*mentions, *found.values()], key=lambda m: m.start)


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Drop leading function words and a trailing possessive, "and" or "of"."""
    words = text[start:end].split()
    # "Israel's Tower Semiconductor": a place's possessive is not part of the name.
    if len(words) > 1 and words[0].endswith("'s") and words[0][:-2].casefold() in _places():
        start = text.index(words[1], start + len(words[0]))
        words = words[1:]
    while words and words[0].casefold() in FUNCTION_WORDS:
        start = text.index(words[0], start) + len(words[0])
        while start < end and text[start].isspace():
            start += 1
        words = words[1:]
    while words and words[-1].casefold() in {"and", "of", "&", "de", "y", "la", "the"}:
        end = text.rindex(words[-1], start, end)
        while end > start and text[end - 1].isspace():
            end -= 1
        words = words[:-1]
    while end > start and text[end - 1] in ".,'":
        end -= 1
    if end > start + 1 and text[end - 2 : end] in {"'s"}:
        end -= 2
    return (start, end) if end - start >= 2 else None


def _plausible(name: str, weak: bool) -> bool:
    """Not a place, month, title or lone ordinary word; a weak cue needs more than one word
    or an organisation word."""
    folded = name.casefold()
    words = folded.split()
    places = _places()
    if folded in places or words[0] in NOT_NAMES or words[-1] in NOT_NAMES:
        return False
    if all(w in places or w in FUNCTION_WORDS for w in words):
        return False
    if name.isupper() and len(name) <= 2:
        return False
    if weak and len(words) == 1 and not _ORG_WORD.search(name):
        return name[0].isupper() and not folded.endswith(("ese", "ian", "ish"))
    return True
