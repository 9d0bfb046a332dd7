"""The gazetteer: known companies, people and outlets, found in text and looked up by name."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cached_property
from pathlib import Path

from timeline.extraction.gazetteer._find import find_mentions
from timeline.extraction.gazetteer._fuzzy import FuzzyIndex
from timeline.extraction.gazetteer._index import Index
from timeline.extraction.gazetteer._load import (
    Data,
    merge,
    path_sources,
    read_data,
    shipped_sources,
)
from timeline.extraction.gazetteer._lookup import Lookup
from timeline.extraction.gazetteer._model import (
    Company,
    Exchange,
    Mention,
    Outlet,
    Person,
    PublicFigure,
)
from timeline.extraction.gazetteer._words import english_words

__all__ = ["Gazetteer"]


class Gazetteer:
    """Companies, people, outlets and public figures, and the matcher built from them.

    Make one with `Gazetteer.load()` and share it: it never changes, so threads may call
    `find` at once. `extend` returns a new gazetteer with more entries.
    """

    def __init__(self, data: Data) -> None:
        """Build the matcher over checked data; `load` is the usual way in."""
        words = english_words()
        self._data = data
        self._words = words
        self._index = Index(data, words)
        self._fuzzy = FuzzyIndex(data.companies, self._index.forms_lower, words)

    @classmethod
    def load(cls, paths: Sequence[Path] | None = None, *, shipped: bool = True) -> Gazetteer:
        """The shipped data (unless `shipped` is False) plus extra TOML files or folders.

        Raises GazetteerError naming the file and entry of every problem found.
        """
        sources = shipped_sources() if shipped else []
        sources += path_sources(paths or ())
        return cls(read_data(sources))

    def extend(
        self,
        *,
        companies: Iterable[Company] = (),
        people: Iterable[Person] = (),
        outlets: Iterable[Outlet] = (),
        figures: Iterable[PublicFigure] = (),
        titles: Iterable[str] = (),
        paths: Sequence[Path] = (),
    ) -> Gazetteer:
        """A new gazetteer with these entries and files added; this one stays as it is."""
        data = merge(
            self._data,
            "extend()",
            companies=companies,
            people=people,
            outlets=outlets,
            figures=figures,
            titles=titles,
        )
        return Gazetteer(read_data(path_sources(paths), base=data) if paths else data)

    @property
    def companies(self) -> tuple[Company, ...]:
        return self._data.companies

    @cached_property
    def company_forms(self) -> tuple[tuple[str, str], ...]:
        """Each company's slug and its names, aliases, brands and tickers, lowercased and
        joined by a separator: what a substring search looks in, built once."""
        return tuple(
            (c.slug, "\x1f".join(f.lower() for f in (c.name, *c.aliases, *c.brands, *c.tickers)))
            for c in self._data.companies
        )

    @property
    def people(self) -> tuple[Person, ...]:
        return self._data.people

    @property
    def outlets(self) -> tuple[Outlet, ...]:
        return self._data.outlets

    @property
    def figures(self) -> tuple[PublicFigure, ...]:
        return self._data.figures

    @property
    def exchanges(self) -> tuple[Exchange, ...]:
        return self._data.exchanges

    @property
    def titles(self) -> tuple[str, ...]:
        return self._data.titles

    @property
    def warnings(self) -> tuple[str, ...]:
        """Data that loads but deserves a look, such as one alias on two companies."""
        return tuple(self._index.warnings)

    def find(self, text: str) -> list[Mention]:
        """Companies, people and outlets named in `text`, sorted by start offset."""
        return find_mentions(self._index, self._fuzzy, self._words, text)

    def company(self, slug: str) -> Company | None:
        """The company with this slug."""
        return self._index.companies.get(slug)

    def person(self, name: str) -> Person | None:
        """The business person with this canonical name."""
        return self._index.people.get(name)

    def outlet(self, slug: str) -> Outlet | None:
        """The media outlet with this slug."""
        return self._index.outlets.get(slug)

    def parent_of(self, slug: str) -> Company | None:
        """The parent company of `slug`, None for a top-level or unknown company."""
        company = self._index.companies.get(slug)
        return self._index.companies.get(company.parent) if company and company.parent else None

    def resolve(self, query: str) -> Company | None:
        """The company a slug, name, alias, brand or ticker stands for, ignoring case.

        Tickers may be written "HKEX:700", "HKEx: 0700", "0700.HK", or as a bare symbol
        that only one company has ("BIDU"). A form that several companies share resolves
        to none of them; `suggest` lists them.
        """
        slug = self._lookup.resolve(query)
        return self._index.companies[slug] if slug is not None else None

    def suggest(self, query: str, limit: int = 5) -> list[Company]:
        """Companies whose names are close to `query`, closest first ("did you mean")."""
        return [self._index.companies[s] for s in self._lookup.suggest(query, limit)]

    @cached_property
    def _lookup(self) -> Lookup:
        # Built on first use, off the load path; two threads racing build it twice, harmlessly.
        return Lookup(self._index)
