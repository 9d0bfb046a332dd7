"""Companies by slug, name, alias, brand or ticker, and close names for "did you mean"."""

from __future__ import annotations

from collections import defaultdict

from rapidfuzz import fuzz, process

from timeline.extraction.gazetteer._index import Index, normal_symbol
from timeline.extraction.gazetteer._tickers import parse_ticker
from timeline.extraction.gazetteer._unverified import strip_suffix

__all__ = ["Lookup"]

# Ranks of what a query may be; a lower rank wins, and a tie between companies names none.
_SLUG, _NAME, _ALIAS, _BRAND, _AMBIGUOUS = range(5)
_SUGGEST_CUTOFF = 60.0


class Lookup:
    """Tables for `resolve` and `suggest`, built on first use."""

    def __init__(self, index: Index) -> None:
        self._index = index
        self._names: dict[str, list[tuple[int, str]]] = defaultdict(list)
        self._symbols: dict[str, set[str]] = defaultdict(set)
        for company in index.companies.values():
            self._names[company.slug].append((_SLUG, company.slug))
            forms = (
                [(_NAME, company.name)]
                + [(_ALIAS, a) for a in company.aliases]
                + [(_BRAND, b) for b in company.brands]
                + [(_AMBIGUOUS, w) for w in company.ambiguous]
            )
            for rank, form in forms:
                self._names[_spaced(form).lower()].append((rank, company.slug))
            for ticker in company.tickers:
                self._symbols[normal_symbol(ticker.partition(":")[2])].add(company.slug)
        # "Did you mean" offers names, aliases and brands, never ambiguous words.
        choices = {k: min(v) for k, v in self._names.items() if min(v)[0] < _AMBIGUOUS}
        self._choices = list(choices)
        self._choice_slugs = [choices[k][1] for k in self._choices]

    def resolve(self, query: str) -> str | None:
        """The slug `query` stands for (see Gazetteer.resolve)."""
        spaced = _spaced(query.replace("\u2019", "'"))
        slug = self._by_name(spaced.lower()) or self._by_name(strip_suffix(spaced).lower())
        if slug is None:
            parsed = parse_ticker(self._index, query)
            if parsed is not None:
                slug = self._index.tickers.get(parsed)
        if slug is None:
            listed = self._symbols.get(normal_symbol(spaced), set())
            slug = next(iter(listed)) if len(listed) == 1 else None
        return slug

    def _by_name(self, key: str) -> str | None:
        entries = self._names.get(key)
        if not entries:
            return None
        best = min(rank for rank, _ in entries)
        slugs = {slug for rank, slug in entries if rank == best}
        return slugs.pop() if len(slugs) == 1 else None

    def suggest(self, query: str, limit: int) -> list[str]:
        """Slugs of the companies with names closest to `query`, closest first."""
        found = process.extract(
            _spaced(query).lower(),
            self._choices,
            scorer=fuzz.WRatio,
            limit=limit * 5,
            score_cutoff=_SUGGEST_CUTOFF,
        )
        slugs = dict.fromkeys(self._choice_slugs[index] for _, _, index in found)
        return list(slugs)[:limit]


def _spaced(text: str) -> str:
    return " ".join(text.split())
