"""One pass over a text: names, tickers, misspellings, titles, unverified names."""

from __future__ import annotations

from msgspec.structs import replace

from timeline.extraction.gazetteer._fuzzy import FuzzyIndex
from timeline.extraction.gazetteer._index import Index
from timeline.extraction.gazetteer._matcher import (
    Hit,
    companies_named,
    exact_hits,
    longest,
    settle,
    split_firm,
    to_mention,
)
from timeline.extraction.gazetteer._model import Mention
from timeline.extraction.gazetteer._text import fold_quotes, name_before, slugify
from timeline.extraction.gazetteer._tickers import (
    Ticker,
    find_tickers,
    possessor_end,
    tickers_by_paren,
)
from timeline.extraction.gazetteer._unverified import organisations, titled_name
from timeline.extraction.gazetteer._words import Words

__all__ = ["find_mentions"]


def find_mentions(index: Index, fuzzy: FuzzyIndex, words: Words, text: str) -> list[Mention]:
    """Every mention in `text`, sorted by start.

    Each step only claims characters no earlier step claimed, so the order is the
    precedence: tickers, firm names (longest first), misspellings, ambiguous forms the text
    supports, names before ticker parentheses, titled people, unverified organisations, and
    repeats of unverified names.
    """
    folded = fold_quotes(text)
    lowered = folded.lower()
    if len(lowered) != len(folded):
        # A few capitals lowercase to two characters ("İ"); keep them so offsets line up.
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)
    size = len(folded)
    taken = bytearray(size)
    # Tickers first: "Nasdaq" in "(Nasdaq: BIDU)" is an exchange, not Nasdaq the company.
    tickers = find_tickers(index, folded)
    for ticker in tickers:
        _take(taken, ticker.start, ticker.end)
    hits = exact_hits(index, folded, lowered)
    firm, doubtful = split_firm(folded, hits.names)
    firm = longest(firm, size, taken)
    named = companies_named(firm)
    named.update(t.slug for t in tickers if t.slug is not None)
    misspelt = fuzzy.find(folded, taken)
    for near in misspelt:
        _take(taken, near.start, near.end)
        named.add(near.slug)
    settled = longest(settle(index, folded, doubtful, named), size, taken)

    found = {m.start: to_mention(index, text, m) for m in (*firm, *settled)}
    for near in misspelt:
        found[near.start] = Mention(
            kind="company",
            start=near.start,
            end=near.end,
            surface=text[near.start : near.end],
            id=near.slug,
            name=index.companies[near.slug].name,
            via="fuzzy",
            score=near.score,
        )
    for ticker in tickers:
        if ticker.slug is not None:
            found[ticker.start] = _company(
                index, text, ticker.start, ticker.end, ticker.slug, ticker
            )
    for group in tickers_by_paren(tickers):
        _attach(index, text, folded, group, found, taken)
    _titled(text, folded, hits.titles, found, taken)
    _unverified(text, folded, words, hits.triggers, found, taken)
    _repeated(text, folded, words, found, taken)
    return sorted(found.values(), key=lambda m: m.start)


def _take(taken: bytearray, start: int, end: int) -> None:
    taken[start:end] = b"\x01" * (end - start)


def _company(index: Index, text: str, start: int, end: int, slug: str, ticker: Ticker) -> Mention:
    return Mention(
        kind="company",
        start=start,
        end=end,
        surface=text[start:end],
        id=slug,
        name=index.companies[slug].name,
        via="ticker",
        ticker=ticker.ticker,
    )


def _attach(
    index: Index,
    text: str,
    folded: str,
    group: list[Ticker],
    found: dict[int, Mention],
    taken: bytearray,
) -> None:
    """Give the name before "(HKEx: 700)" its ticker, or make the name a mention."""
    end = possessor_end(folded, group[0].paren)
    known = [t for t in group if t.slug is not None]
    ticker = known[0] if known else group[0]
    before = next((m for m in found.values() if m.end == end and m.kind == "company"), None)
    if before is not None:
        if before.id == ticker.slug and before.ticker is None:
            found[before.start] = replace(before, ticker=ticker.ticker)
        return
    span = name_before(folded, end)
    if span is None or taken.find(1, span[0], span[1]) != -1:
        return
    _take(taken, span[0], span[1])
    if ticker.slug is not None:
        found[span[0]] = _company(index, text, span[0], span[1], ticker.slug, ticker)
        return
    name = text[span[0] : span[1]]
    found[span[0]] = Mention(
        kind="company",
        start=span[0],
        end=span[1],
        surface=name,
        id=slugify(name),
        name=name,
        via="ticker",
        verified=False,
        ticker=ticker.ticker,
    )


def _titled(
    text: str, folded: str, title_hits: list[Hit], found: dict[int, Mention], taken: bytearray
) -> None:
    """People named after a title: known ones get the title, others become mentions."""
    titled: dict[int, tuple[int, str]] = {}
    for hit in sorted(title_hits, key=lambda h: h.start - h.end):
        span = titled_name(folded, hit.end)
        if span is not None and hit.key.title is not None:
            titled.setdefault(span[0], (span[1], hit.key.title))
    for start, (end, title) in titled.items():
        known = found.get(start)
        if known is not None:
            if known.kind == "person" and known.title is None:
                found[start] = replace(known, title=title)
            continue
        if taken.find(1, start, end) != -1:
            continue
        _take(taken, start, end)
        name = text[start:end]
        found[start] = Mention(
            kind="person",
            start=start,
            end=end,
            surface=name,
            id=name,
            name=name,
            via="title",
            verified=False,
            title=title,
        )


def _unverified(
    text: str,
    folded: str,
    words: Words,
    triggers: list[tuple[int, int, str]],
    found: dict[int, Mention],
    taken: bytearray,
) -> None:
    candidates = organisations(folded, words, triggers)
    for org in sorted(candidates, key=lambda o: (o.start - o.end, o.start)):
        known = found.get(org.start)
        if (
            known is not None
            and known.kind == "company"
            and known.end == org.start + len(org.name) < org.end
            and taken.find(1, known.end, org.end) == -1
        ):
            # A known name before a legal suffix: "Tencent Holdings Ltd" is Tencent's.
            _take(taken, known.end, org.end)
            found[org.start] = replace(known, end=org.end, surface=text[org.start : org.end])
            continue
        if taken.find(1, org.start, org.end) != -1:
            continue
        _take(taken, org.start, org.end)
        name = text[org.start : org.start + len(org.name)]
        found[org.start] = Mention(
            kind="company",
            start=org.start,
            end=org.end,
            surface=text[org.start : org.end],
            id=slugify(name),
            name=name,
            via="pattern",
            verified=False,
        )


def _repeated(
    text: str, folded: str, words: Words, found: dict[int, Mention], taken: bytearray
) -> None:
    """Later and earlier uses of a name that the text marked once ("startup Brightloop ...
    Brightloop said"), unless it is a single ordinary word."""
    marked = {m.name: m for m in found.values() if not m.verified}
    for name, first in marked.items():
        if len(name) < 3 or (" " not in name and words.is_common(name)):
            continue
        at = folded.find(name)
        while at != -1:
            end = at + len(name)
            if (
                not (at and folded[at - 1].isalnum())
                and not (end < len(folded) and folded[end].isalnum())
                and taken.find(1, at, end) == -1
            ):
                _take(taken, at, end)
                found[at] = replace(first, start=at, end=end, surface=text[at:end])
            at = folded.find(name, end)
