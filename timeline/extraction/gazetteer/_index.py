"""The search structures built once from the data: automata, ticker and exchange tables."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from timeline.extraction.gazetteer._automaton import Automaton
from timeline.extraction.gazetteer._keys import AMBIGUOUS, COMPANY, OUTLET, build_keys
from timeline.extraction.gazetteer._load import Data
from timeline.extraction.gazetteer._words import Words

__all__ = ["Index", "normal_symbol"]


class Index:
    """Everything `find` and the lookups read, built once per gazetteer."""

    def __init__(self, data: Data, words: Words) -> None:
        self.companies = {c.slug: c for c in data.companies}
        self.people = {p.name: p for p in data.people}
        self.figures = {f.name: f for f in data.figures}
        self.outlets = {o.slug: o for o in data.outlets}
        self.children: dict[str, list[str]] = defaultdict(list)
        for company in data.companies:
            if company.parent:
                self.children[company.parent].append(company.slug)
        self.exchanges: dict[str, str] = {}
        for exchange in data.exchanges:
            for alias in (exchange.code, exchange.name, *exchange.aliases):
                self.exchanges.setdefault(alias.lower(), exchange.code)
        self.tickers: dict[tuple[str, str], str] = {}
        self.ticker_text: dict[tuple[str, str], str] = {}
        for company in data.companies:
            for ticker in company.tickers:
                code, _, symbol = ticker.partition(":")
                listing = (code, normal_symbol(symbol))
                self.tickers.setdefault(listing, company.slug)
                self.ticker_text.setdefault(listing, ticker)
        latin, spaceless = build_keys(data, words)
        # Marked copies of a short key share its Key objects (see MARKERS): count them once.
        entries = {id(e.keys): e for e in (*latin.values(), *spaceless.values())}
        everything = [k for entry in entries.values() for k in entry.keys]
        self.forms_lower = frozenset(
            f.text.lower() for info in everything for f in info.forms
        ) | frozenset(t.lower() for t in data.titles)
        self.warnings: list[str] = []
        for info in everything:
            top = info.forms[0] if info.forms else None
            tied = sorted({f.id for f in info.forms if top and f[:2] == top[:2]})
            if top is not None and top.rank < AMBIGUOUS and len(tied) > 1:
                self.warnings.append(f"'{top.text}' is a {top.via} of {', '.join(tied)}")
        self.latin = Automaton(latin.items())
        self.spaceless = Automaton(spaceless.items())
        # An outlet's own company, else the company it shares a written form with.
        self.outlet_company = {
            f.id: g.id
            for info in everything
            for f in info.forms
            if f.kind == OUTLET
            for g in info.forms
            if g.kind == COMPANY and g.rank < AMBIGUOUS
        }
        self.outlet_company.update({o.slug: o.company for o in data.outlets if o.company})

    def family(self, slug: str) -> Iterator[str]:
        """The company, its parent and its children: any of them makes a form plausible."""
        yield slug
        company = self.companies.get(slug)
        if company is not None and company.parent:
            yield company.parent
        yield from self.children.get(slug, ())


def normal_symbol(symbol: str) -> str:
    """A ticker symbol as tables key it: "0700" and "700" are one Hong Kong listing."""
    symbol = symbol.strip().upper()
    return (symbol.lstrip("0") or "0") if symbol.isdigit() else symbol
