"""Synthetic business-news articles built from templates, reproducible by seed."""

from __future__ import annotations

import functools
import random
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple, TypeVar

import msgspec

from bench.synthetic._templates import (
    AREAS,
    CAMPAIGNS,
    CITIES,
    COMPONENTS,
    DENIALS,
    DESCRIPTORS,
    ENDORSEMENTS,
    EVENTS,
    FILLERS,
    FOLLOW_UPS,
    GIVEN_NAMES,
    GOALS,
    KIND_NOUNS,
    MONTHS,
    PARTNERSHIPS,
    PLACES,
    PRODUCTS,
    QUOTES,
    REGIONS,
    RESEARCH_FIRMS,
    RUMORS,
    SURNAMES,
    TECHNOLOGIES,
    TITLES,
    WEEKDAYS,
    Template,
)
from timeline.extraction.gazetteer import Gazetteer

__all__ = ["ExpectedEvent", "SyntheticArticle", "generate", "write_folder"]

SIDECAR = "articles.json"
_T = TypeVar("_T")

_TEMPLATES: dict[str, tuple[Template, ...]] = {
    "rumor": RUMORS,
    "denial": DENIALS,
    "partnership": PARTNERSHIPS,
    "endorsement": ENDORSEMENTS,
}
_TYPES = ("rumor", "denial", "partnership", "endorsement")
_TYPE_WEIGHTS = (30, 15, 35, 20)
_EVENT_COUNTS = (0, 1, 2, 3, 4)
_EVENT_COUNT_WEIGHTS = (4, 30, 36, 20, 10)
_PRECISIONS = ("day", "month", "year")
_PRECISION_WEIGHTS = (60, 28, 12)
# Gazetteer titles of people who may plausibly be seen with a product (not heads of government).
_FIGURE_TITLES = frozenset(
    {"First Lady", "First Gentleman", "Queen", "Princess", "Prince", "Duchess", "Crown Princess"}
)
# Gazetteer titles that do not describe one famous person.
_NOT_DESCRIPTORS = frozenset(
    {
        "band",
        "boy band",
        "girl group",
        "brand ambassador",
        "spokesperson",
        "spokesmodel",
        "director",
        "author",
        "chef",
        "celebrity",
        "idol",
        "wanghong",
    }
)
_NEWS = frozenset({"wire", "newspaper", "online", "magazine", "tv"})
_ROLES = ("chief executive", "chairman", "president", "founder")
_SPOKES = ("spokesman", "spokeswoman", "spokesperson")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


class ExpectedEvent(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """An event the article was built to state; a sanity check, not a gold label.

    `companies` are display names in the order of the labelling conventions (one for an
    endorsement); `people` the endorser or the person named as denying; `source` the outlet a
    rumor cites, if any.
    """

    type: str
    deal_kind: str
    companies: tuple[str, ...]
    people: tuple[str, ...] = ()
    source: str | None = None


class SyntheticArticle(msgspec.Struct, frozen=True, kw_only=True):
    """One article: `text` is the title line, a blank line, then the body (like seeds/*.txt)."""

    file: str
    title: str
    text: str
    url: str
    publisher: str
    published: str
    published_precision: str
    expected: tuple[ExpectedEvent, ...] = ()


class _Company(NamedTuple):
    slug: str
    name: str
    sector: str
    family: str  # the top parent's slug: one family never deals with itself here


class _Pool(NamedTuple):
    companies: tuple[_Company, ...]
    executives: dict[str, tuple[tuple[str, str], ...]]  # slug -> (role, name)
    outlets: tuple[str, ...]
    titles: tuple[str, ...]  # gazetteer titles of people seen in public: First Lady, Princess
    descriptors: tuple[str, ...]
    names: tuple[str, ...]  # invented names that the gazetteer knows nothing about


def generate(
    count: int,
    seed: int,
    *,
    size: int = 4000,
    companies: Sequence[tuple[str, str]] | None = None,
) -> list[SyntheticArticle]:
    """`count` articles of about `size` bytes each, the same ones for the same arguments.

    `companies` are (slug, display name) pairs to use instead of the shipped gazetteer's
    companies; people, outlets and public figures always come from the gazetteer. The first
    n articles do not depend on `count`.
    """
    if count < 0:
        raise ValueError("count must not be negative")
    if size < 1:
        raise ValueError("size must be positive")
    gazetteer = _shipped_gazetteer()
    pool = _shipped_pool() if companies is None else _pool(gazetteer, companies, check=False)
    if len(pool.companies) < 2:
        raise ValueError("at least two distinct companies are needed")
    rng = random.Random(seed)
    writer = _Writer(rng, pool)
    return [writer.article(n, size) for n in range(count)]


def write_folder(articles: Sequence[SyntheticArticle], folder: Path) -> None:
    """Write each article as `<file>` in UTF-8 and their metadata to `articles.json`."""
    folder.mkdir(parents=True, exist_ok=True)
    entries = []
    for article in articles:
        (folder / article.file).write_bytes(article.text.encode("utf-8"))
        entry = {
            "file": article.file,
            "url": article.url,
            "title": article.title,
            "publisher": article.publisher,
            "published": article.published,
            "published_precision": article.published_precision,
        }
        entries.append(b"  " + msgspec.json.encode(entry))
    (folder / SIDECAR).write_bytes(b"[\n" + b",\n".join(entries) + b"\n]\n")


@functools.cache
def _shipped_gazetteer() -> Gazetteer:
    return Gazetteer.load()


@functools.cache
def _shipped_pool() -> _Pool:
    gazetteer = _shipped_gazetteer()
    return _pool(gazetteer, [(c.slug, c.name) for c in gazetteer.companies], check=True)


def _pool(gazetteer: Gazetteer, companies: Sequence[tuple[str, str]], *, check: bool) -> _Pool:
    known = {c.slug: c for c in gazetteer.companies}

    def family(slug: str) -> str:
        seen = {slug}
        while (company := known.get(slug)) is not None and company.parent not in ("", *seen):
            slug = company.parent
            seen.add(slug)
        return slug

    pool = []
    for slug, name in dict.fromkeys(companies):
        company = known.get(slug)
        pool.append(_Company(slug, name, company.sector if company else "", family(slug)))
    if check:
        pool = _recognised(gazetteer, pool)
    executives: dict[str, list[tuple[str, str]]] = {}
    for person in gazetteer.people:
        role = person.role.strip()
        if person.company and role and not role.startswith(("former", "late")):
            executives.setdefault(person.company, []).append((role, person.name))
    descriptors = [
        title for title in gazetteer.titles if title[:1].islower() and title not in _NOT_DESCRIPTORS
    ]
    return _Pool(
        companies=tuple(pool),
        executives={slug: tuple(people) for slug, people in executives.items()},
        outlets=tuple(o.name for o in gazetteer.outlets if o.kind in _NEWS),
        titles=tuple(t for t in gazetteer.titles if t in _FIGURE_TITLES),
        descriptors=tuple(dict.fromkeys([*DESCRIPTORS, *descriptors])),
        names=_unknown_names(gazetteer),
    )


def _recognised(gazetteer: Gazetteer, pool: list[_Company]) -> list[_Company]:
    """The companies whose display name the gazetteer finds as themselves in plain text."""
    lines, spans = [], []
    offset = 0
    for company in pool:
        line = f"Shares of {company.name} rose on Monday."
        start = offset + len("Shares of ")
        spans.append((start, start + len(company.name)))
        lines.append(line)
        offset += len(line) + 1
    found = {
        (m.start, m.end): m.id
        for m in gazetteer.find("\n".join(lines))
        if m.kind == "company" and m.verified
    }
    return [c for c, span in zip(pool, spans, strict=True) if found.get(span) == c.slug]


def _unknown_names(gazetteer: Gazetteer) -> tuple[str, ...]:
    names = [f"{given} {surname}" for given in GIVEN_NAMES for surname in SURNAMES]
    text = "\n".join(f"{name} spoke." for name in names)
    taken = {text[m.start : m.end] for m in gazetteer.find(text)}
    return tuple(n for n in names if not any(t in n or n in t for t in taken))


class _Fill(dict[str, str]):
    """Slot values for one unit of text: fixed ones given, the others drawn when first used."""

    def __init__(
        self, writer: _Writer, a: _Company, b: _Company | None, *, merch: bool = False
    ) -> None:
        super().__init__(a=a.name, b=b.name if b else "")
        self.writer = writer
        self.a = a
        self.b = b
        self.merch = merch  # products are things a public figure can be seen with
        self.people: list[str] = []

    def __missing__(self, key: str) -> str:
        value = self[key] = self.writer.draw(key, self)
        return value


class _Event(NamedTuple):
    type: str
    template: Template
    fill: _Fill


class _Writer:
    """Writes one article at a time from a shared random generator."""

    def __init__(self, rng: random.Random, pool: _Pool) -> None:
        self.rng = rng
        self.pool = pool
        self.year = 2015
        self.deck: list[str] = []
        self.cast: list[_Company] = []  # the companies of the article being written
        self.extras: list[_Company] = []  # more companies, named only in filler
        self.known: list[_Company] = []  # the companies named so far in the article

    def article(self, n: int, size: int) -> SyntheticArticle:
        rng = self.rng
        year = self.year = _between(rng, 2010, 2024)
        self.deck = []
        month = _between(rng, 1, 12)
        day = _between(rng, 1, 28)
        precision = rng.choices(_PRECISIONS, _PRECISION_WEIGHTS)[0]
        published = {
            "day": f"{year:04d}-{month:02d}-{day:02d}",
            "month": f"{year:04d}-{month:02d}",
            "year": f"{year:04d}",
        }[precision]
        events = self._events(rng.choices(_EVENT_COUNTS, _EVENT_COUNT_WEIGHTS)[0])
        cast = list(dict.fromkeys(c for e in events for c in (e.fill.a, e.fill.b) if c))
        extras = self._companies(2, avoid=cast)
        cast = cast or extras[:1]
        title = self._title(events[0] if events else None, cast[0])
        self.cast, self.extras = cast, extras
        paragraphs = self._body(events, size - len(title.encode()) - 3)
        text = title + "\n\n" + "\n\n".join(paragraphs) + "\n"
        slug = _NOT_SLUG.sub("-", title.lower()).strip("-")[:60].rstrip("-")
        where = f"{year:04d}" if precision == "year" else f"{year:04d}/{month:02d}"
        return SyntheticArticle(
            file=f"a{n:06d}.txt",
            title=title,
            text=text,
            url=f"https://news.example.com/{where}/{slug}-{n:06d}",
            publisher=_pick(rng, self.pool.outlets),
            published=published,
            published_precision=precision,
            expected=tuple(e for event in events for e in _expected(event)),
        )

    def _events(self, count: int) -> list[_Event]:
        rng = self.rng
        events: list[_Event] = []
        lead: _Company | None = None
        used: list[_Company] = []
        for index in range(count):
            kind = rng.choices(_TYPES, _TYPE_WEIGHTS)[0]
            template = _pick(rng, _TEMPLATES[kind])
            # The first event names the article's main company; later ones often name it again
            # with a new counterparty, so that every pair of companies is a different deal.
            fresh = self._companies(2, avoid=used)
            if lead is None or index == 0:
                a, b = fresh
            elif rng.random() < 0.55:
                a, b = (lead, fresh[0]) if rng.random() < 0.7 else (fresh[0], lead)
            else:
                a, b = fresh
            lead = lead or a
            if kind == "endorsement":
                used.append(a)
                events.append(_Event(kind, template, _Fill(self, a, None, merch=True)))
            else:
                used.extend((a, b))
                events.append(_Event(kind, template, _Fill(self, a, b)))
        return events

    def _companies(self, count: int, avoid: Sequence[_Company]) -> list[_Company]:
        """`count` companies of different families, none of a family in `avoid` if possible."""
        companies = self.pool.companies
        families = {c.family for c in avoid}
        chosen: list[_Company] = []
        for _ in range(count * 20):
            company = companies[self.rng.randrange(len(companies))]
            if company.family not in families:
                chosen.append(company)
                families.add(company.family)
                if len(chosen) == count:
                    return chosen
        # A small explicit list: repeat families rather than fail.
        while len(chosen) < count:
            company = _pick(self.rng, companies)
            if all(company.slug != c.slug for c in chosen):
                chosen.append(company)
        return chosen

    def _title(self, lead: _Event | None, company: _Company) -> str:
        if lead is None:
            fill = _Fill(self, company, None)
            return _render(_pick(self.rng, TITLES["none"]), fill)
        fill = lead.fill
        fill["noun"] = KIND_NOUNS[lead.template.kind]
        titles = TITLES[lead.type]
        if lead.type == "endorsement" and "{product}" in lead.template.text:
            titles = TITLES["sighting"]
        return _render(_pick(self.rng, titles), fill)

    def _body(self, events: list[_Event], budget: int) -> list[str]:
        rng = self.rng
        lo = min(max(4, budget // 700), 10)
        hi = max(lo, min(10, budget // 300))
        count = _between(rng, lo, hi)
        target = max(1, (budget - 2 * (count - 1)) // count)
        homes = [0, *sorted(_between(rng, 1, count - 1) for _ in events[1:])]
        # Paragraphs as sentences, each flagged True when it may be dropped to trim the length.
        paragraphs: list[list[tuple[str, bool]]] = []
        # Filler names only the companies that an event has brought in by then.
        self.known = self.cast[:1]
        knowns: list[list[_Company]] = []
        spare = ""  # a filler too long for the paragraph before, kept for the next one
        for index in range(count):
            paragraph: list[tuple[str, bool]] = []
            for event, home in zip(events, homes, strict=False):
                if home != index:
                    continue
                if index and rng.random() < 0.4:
                    paragraph.append((self._filler(), True))
                paragraph.append((_render(event.template.text, event.fill), False))
                follow_ups = FOLLOW_UPS[event.type]
                for line in rng.sample(follow_ups, _pick(rng, (0, 1, 1, 2))):
                    if "{b}" not in line or event.fill.b is not None:
                        paragraph.append((_render(line, event.fill), True))
                for company in (event.fill.a, event.fill.b):
                    if company is not None and company not in self.known:
                        self.known = [*self.known, company]
            goal = target * (0.75 + 0.5 * rng.random())
            length = _length(paragraph)
            while length < goal:
                line = spare or self._filler()
                spare = ""
                grown = length + len(line.encode()) + 1
                if paragraph and grown - goal > goal - length:
                    spare = line
                    break
                paragraph.append((line, True))
                length = grown
            paragraphs.append(paragraph)
            knowns.append(self.known)
        total = sum(_length(p) for p in paragraphs) + 2 * (count - 1)
        while total < budget * 0.95:
            index = int(rng.random() * count)
            self.known = knowns[index]
            line = self._filler()
            paragraphs[index].append((line, True))
            total += len(line.encode()) + 1
        while total > budget * 1.05:
            longest = max(paragraphs, key=_length)
            removable = [i for i, (_, free) in enumerate(longest) if free]
            if len(longest) < 2 or not removable:
                break
            line, _ = longest.pop(_pick(rng, removable))
            total -= len(line.encode()) + 1
        return [" ".join(line for line, _ in p) for p in paragraphs if p]

    def _filler(self) -> str:
        rng = self.rng
        known = self.known
        a = known[0] if rng.random() < 0.4 else _pick(rng, known)
        while True:
            if not self.deck:  # each filler once an article, until all have been used
                self.deck = rng.sample(FILLERS, len(FILLERS))
            template = self.deck.pop()
            # Product news only about companies that make things.
            if a.sector in PRODUCTS or "{product" not in template:
                return _render(template, _Fill(self, a, None))

    def draw(self, key: str, fill: _Fill) -> str:
        """A value for slot `key` of a unit whose companies are in `fill`."""
        rng = self.rng
        choices = _CHOICES.get(key)
        if choices is not None:
            return _pick(rng, choices)
        make = _DRAWS.get(key)
        if make is not None:
            return make(rng)
        pool = self.pool
        a = fill.a
        match key:
            case "c":
                others = [c for c in self.known + self.extras if c.family != a.family]
                return _pick(rng, others).name if others else "its rivals"
            case "outlet":
                return _pick(rng, pool.outlets)
            case "analyst":
                return _pick(rng, pool.names)
            case "year":
                return str(self.year - _between(rng, 1, 6))
            case "old_year":
                return str(self.year - _between(rng, 8, 40))
            case "a_art":
                return _article_for(a.name)
            case "a_cap":
                return _article_for(a.name).capitalize()
            case "product":
                products = PRODUCTS.get(a.sector)
                if products is None:
                    return _pick(rng, PRODUCTS[""]) if fill.merch else "product"
                return _pick(rng, products)
            case "products":
                return _plural(fill["product"])
            case "boss_a":
                role, name = self._boss(a)
                fill.people.append(name)
                return f"{a.name} {role} {name}"
            case "spokes_a":
                if rng.random() < 0.5:
                    return f"A {a.name} {_pick(rng, _SPOKES)}"
                name = _pick(rng, pool.names)
                fill.people.append(name)
                return f"{a.name} {_pick(rng, _SPOKES)} {name}"
            case "spokes_name":
                name = _pick(rng, pool.names)
                fill.people.append(name)
                return name
            case "figure" | "fig_name" | "fig_last":
                self._figure(fill)
                return fill[key]
        raise KeyError(key)

    def _boss(self, company: _Company) -> tuple[str, str]:
        executives = self.pool.executives.get(company.slug)
        if executives and self.rng.random() < 0.8:
            return _pick(self.rng, executives)
        return _pick(self.rng, _ROLES), _pick(self.rng, self.pool.names)

    def _figure(self, fill: _Fill) -> None:
        # Invented people only: no real person is made to endorse anything.
        rng = self.rng
        pool = self.pool
        name = _pick(rng, pool.names)
        titles = pool.titles if pool.titles and rng.random() < 0.1 else pool.descriptors
        figure = f"{_pick(rng, titles)} {name}"
        fill.update(figure=figure, fig_name=name, fig_last=name.rsplit(" ", 1)[-1])
        fill.people.append(name)


def _when(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.35:
        return f"on {_pick(rng, WEEKDAYS)}"
    if roll < 0.5:
        return f"in {_pick(rng, MONTHS)}"
    return _pick(rng, ("last week", "earlier this month", "this week", "on Monday"))


# Slots filled by one pick from a list, and slots drawn by a function of the generator only.
_CHOICES: dict[str, tuple[str, ...]] = {
    "weekday": WEEKDAYS,
    "month": MONTHS,
    "quarter": ("first quarter", "second quarter", "third quarter", "fourth quarter"),
    "half": ("first half of next year", "second half", "coming months"),
    "region": REGIONS,
    "city": CITIES,
    "tech": TECHNOLOGIES,
    "component": COMPONENTS,
    "area": AREAS,
    "goal": GOALS,
    "place": PLACES,
    "event": EVENTS,
    "campaign": CAMPAIGNS,
    "research": RESEARCH_FIRMS,
    "quote": QUOTES,
    "x": ("two", "three", "four", "1.5", "2.5"),
}
_DRAWS: dict[str, Callable[[random.Random], str]] = {
    "money": lambda rng: _money(rng, large=True),
    "price": lambda rng: _price(rng),
    "pct": lambda rng: f"{_between(rng, 3, 49)} percent",
    "pct_small": lambda rng: f"{_between(rng, 1, 9)}.{_between(rng, 0, 9)} percent",
    "when": _when,
    "n": lambda rng: str(_between(rng, 2, 90)),
    "hundreds": lambda rng: f"{_between(rng, 2, 90) * 100:,}",
    "pe": lambda rng: str(_between(rng, 8, 45)),
    "years": lambda rng: str(_between(rng, 3, 15)),
}


def _expected(event: _Event) -> list[ExpectedEvent]:
    template, fill = event.template, event.fill
    names = {"a": fill.a.name, "b": fill.b.name if fill.b else ""}
    out = []
    if template.rumor:
        out.append(
            ExpectedEvent(
                type="rumor",
                deal_kind=template.kind,
                companies=tuple(names[c] for c in template.rumor),
                source=fill.get("outlet"),
            )
        )
    out.append(
        ExpectedEvent(
            type=event.type,
            deal_kind=template.kind,
            companies=tuple(names[c] for c in template.order),
            people=tuple(fill.people) if event.type in ("denial", "endorsement") else (),
            source=fill.get("outlet") if event.type == "rumor" else None,
        )
    )
    return out


def _length(paragraph: list[tuple[str, bool]]) -> int:
    return sum(len(line.encode()) + 1 for line, _ in paragraph) - 1 if paragraph else 0


def _pick(rng: random.Random, items: Sequence[_T]) -> _T:
    """`rng.choice`, faster: one float per draw."""
    return items[int(rng.random() * len(items))]


def _between(rng: random.Random, low: int, high: int) -> int:
    """`rng.randint`, faster."""
    return low + int(rng.random() * (high - low + 1))


def _article_for(name: str) -> str:
    """The indefinite article before a name: an Apple phone, an HP laptop, a Xiaomi phone."""
    first = name.split(" ", 1)[0]
    if first.isupper() and len(first) > 1:  # read letter by letter
        return "an" if first[0] in "AEFHILMNORSX" else "a"
    return "an" if first[:1] in "AEIOU" else "a"


def _render(template: str, fill: _Fill) -> str:
    """The template filled in, capitalised unless it starts with a name ("iQiyi", "vivo")."""
    line = template.format_map(fill)
    names = (fill["a"], fill["b"], fill.get("c", ""))
    if not line[:1].islower() or any(name and line.startswith(name) for name in names):
        return line
    return line[:1].upper() + line[1:]


def _plural(noun: str) -> str:
    return noun + "es" if noun.endswith(("ch", "sh", "s", "x")) else noun + "s"


def _money(rng: random.Random, *, large: bool) -> str:
    if rng.random() < 0.5:
        return f"${_pick(rng, (120, 250, 300, 450, 600, 800, 950))} million"
    unit = "billion" if large else "million"
    number = f"{_between(rng, 1, 19)}.{_between(rng, 0, 9)}"
    return _pick(rng, (f"${number} {unit}", f"{number} {unit} yuan", f"€{number} {unit}"))


def _price(rng: random.Random) -> str:
    amount = f"{_between(rng, 2, 900)}.{_between(rng, 0, 99):02d}"
    return _pick(rng, (f"${amount}", f"HK${amount}", f"{amount} yuan", f"€{amount}"))
