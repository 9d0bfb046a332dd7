"""Gazetteer entries as read from the data files, and the mentions found in text."""

from __future__ import annotations

from typing import Literal

import msgspec

__all__ = [
    "Company",
    "Exchange",
    "Mention",
    "MentionKind",
    "Outlet",
    "Person",
    "PublicFigure",
    "Via",
]

MentionKind = Literal["company", "person", "outlet"]
Via = Literal["name", "alias", "brand", "ticker", "fuzzy", "pattern", "title"]


# Entries refuse unknown fields: a misspelt "alias =" would otherwise vanish in silence.
class Company(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A company: `tickers` are "EXCHANGE:SYMBOL"; `parent` is a slug, empty for none.

    `brands` (products, services, subsidiaries without an entry of their own) resolve to
    this company. `ambiguous` forms are ordinary words or shared names that count only when
    the text around them supports this company.
    """

    slug: str
    name: str
    aliases: tuple[str, ...] = ()
    tickers: tuple[str, ...] = ()
    country: str = ""
    sector: str = ""
    parent: str = ""
    brands: tuple[str, ...] = ()
    ambiguous: tuple[str, ...] = ()


class Exchange(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A stock exchange: `code` is the one used in company tickers, `aliases` what news writes."""

    code: str
    name: str
    aliases: tuple[str, ...] = ()
    country: str = ""
    symbols: str = ""


class Person(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A business person with the slug of their company and their role there."""

    name: str
    aliases: tuple[str, ...] = ()
    company: str = ""
    role: str = ""


class Outlet(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A media outlet: a source of news, never a party to a deal.

    `kind` is wire, newspaper, magazine, tv, online, blog, social or research; `company` the
    slug of the company that is or owns the outlet, empty for none listed.
    """

    slug: str
    name: str
    aliases: tuple[str, ...] = ()
    kind: str = ""
    country: str = ""
    company: str = ""


class PublicFigure(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A politician or celebrity known by a title (endorsements name them)."""

    name: str
    title: str = ""
    country: str = ""
    aliases: tuple[str, ...] = ()


class Mention(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """A company, person or outlet named at `start:end` of the text given to `find`.

    `id` is the company slug, the person's name or the outlet slug; `name` the canonical
    display name. `verified` is False for names that only the text's wording marks as an
    organisation or a titled person. `via` says how it was found. `company` is a person's
    company, or the company an outlet shares its name with; `brand` the brand as the data
    spells it when the surface was a brand; `ticker` the "EXCHANGE:SYMBOL" seen for it;
    `score` the similarity (0 to 1) of a fuzzy match.
    """

    kind: MentionKind
    start: int
    end: int
    surface: str
    id: str
    name: str
    via: Via
    verified: bool = True
    score: float | None = None
    company: str | None = None
    role: str | None = None
    title: str | None = None
    brand: str | None = None
    ticker: str | None = None

    @property
    def fuzzy(self) -> bool:
        """Found as a misspelling of a known name."""
        return self.via == "fuzzy"
