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
_NAME = re.compile(rf"{_WORD}(?: +(?:(?:&|of|de|du|des|da|del|la|le|van|von|y) +)?{_WORD}){{0,4}}")
# Words just before which a capitalised name is a deal's party: "acquire X", "stake in X".
_CUE_WORDS = frozenset(
    [
        "acquire",
        "acquires",
        "acquired",
        "acquiring",
        "buy",
        "buys",
        "buying",
        "bought",
        "purchase",
        "purchases",
        "purchased",
        "purchasing",
        "including",
        "rival",
        "rivals",
        "startup",
        "start-up",
        "peer",
        "suitor",
        "suitors",
        "bidder",
        "bidders",
        "buyer",
        "buyers",
        "sponsor",
        "sponsors",
        "partner",
        "partners",
        "owner",
        "owners",
        "parent",
        "subsidiary",
        "shareholder",
        "shareholders",
        "and",
    ]
)
_CUE_PAIRS = frozenset(
    f"{a} {b}"
    for a, b in [
        *[(w, "in") for w in ("stake", "stakes", "share", "shares", "invest", "invests")],
        *[(w, "in") for w in ("invested", "investing", "investment", "investments")],
        *[(w, "with") for w in ("merge", "merger", "merging", "merged", "talks", "deal")],
        *[(w, "with") for w in ("discussions", "negotiations", "agreement", "partnership")],
        *[(w, "with") for w in ("alliance", "tie-up", "venture", "contract", "pact")],
        *[(w, "for") for w in ("bid", "bids", "offer", "offers")],
        *[(w, "of") for w in ("takeover", "acquisition", "sale", "unit", "purchase")],
        *[(w, "by") for w in ("backed", "led", "funded", "joined")],
        ("from", "investors"),
        ("from", "investor"),
        ("investors", "including"),
        ("backers", "including"),
        ("such", "as"),
        ("along", "with"),
    ]
)
_SELL = frozenset({"sell", "sells", "sold", "selling"})
# "X, a UK developer of ...", "X's shares" and "the Y-based X" mark X as well.
_APPOSITION_AFTER = re.compile(
    r",\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,4}?(?:company|firm|startup|start-up"
    r"|\w*maker|developer|provider|operator|group|lender|bank|insurer|fund|investor|retailer"
    r"|manufacturer|producer|miner|carrier|airline|chain|platform|publisher|studio|brand"
    r"|conglomerate|distributor|supplier|unit|subsidiary|business|outfit|house)\b"
)
_OWNED_AFTER = re.compile(r"(?:'s?)? (?:shares|stock|board|chief executive|CEO|chairman)\b")
_BASED_BEFORE = re.compile(r"\b[A-Z][\w-]+-based (?:[a-z-]+ ){0,3}$")
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

_AMOUNT = re.compile(r"[\d.,]+(?:m|mn|mln|bn|b|k|tn|pc|%)")
_INITIALS = re.compile(r"(?:[A-Z]\.)+[A-Z]?")


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
    taken = sorted((m.start, m.end) for m in mentions if m.via != "pattern")
    patterns = [m for m in mentions if m.via == "pattern"]
    found: list[Mention] = []
    for match in _NAME.finditer(text):
        start, end = match.span()
        weak = _after_cue(text, start)
        if not (
            weak
            or _APPOSITION_AFTER.match(text, end)
            or _OWNED_AFTER.match(text, end)
            or (
                "-based " in text[max(0, start - 60) : start]
                and _BASED_BEFORE.search(text, max(0, start - 60), start)
            )
        ):
            continue
        span = _trim(text, start, end)
        if span is None:
            continue
        start, end = span
        if any(a <= start < b for a, b in taken):
            continue
        # "Falcon Ridge Capital of Tencent": the name ends where a known one begins.
        cut = min((a for a, _ in taken if start < a < end), default=end)
        if cut < end:
            span = _trim(text, start, cut)
            if span is None:
                continue
            start, end = span
        # The gazetteer's own guess stands unless this name holds it whole:
        # "-CapVest Partners" beats "Partners".
        if any(
            start < m.end and m.start < end and not start <= m.start < m.end <= end
            for m in patterns
        ):
            continue
        name = text[start:end]
        if not _plausible(name, weak):
            continue
        found.append(
            Mention(
                kind="company",
                start=start,
                end=end,
                surface=name,
                id=slugify(name),
                name=name,
                via="pattern",
                verified=False,
            )
        )
    if not found:
        return mentions
    kept = [m for m in mentions if not any(f.start <= m.start and m.end <= f.end for f in found)]
    return sorted([*kept, *found], key=lambda m: m.start)


def _after_cue(text: str, start: int) -> bool:
    """Whether the words before `start` make what follows a deal's party."""
    words = text[max(0, start - 50) : start].lower().split()
    if words and words[-1] == "the":
        words.pop()
    if not words:
        return False
    if words[-1] in _CUE_WORDS or " ".join(words[-2:]) in _CUE_PAIRS:
        return True
    return words[-1] == "to" and not _SELL.isdisjoint(words[-5:-1])


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
    while end > start and (text[end - 1] in ".,'" or text[end - 1].isspace()):
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
    if (name.isupper() and len(name) <= 2) or _INITIALS.fullmatch(name):
        return False
    if _AMOUNT.fullmatch(folded):
        return False  # "$15m", "2bn"
    if len(words) == 1 and folded.endswith("ly") and len(folded) > 5:
        return False  # "Separately, the US private equity firm ..."
    if weak and len(words) == 1 and not _ORG_WORD.search(name):
        return name[0].isupper() and not folded.endswith(("ese", "ian", "ish"))
    return True
