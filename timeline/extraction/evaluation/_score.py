"""Match predicted deal events to gold ones by key: article, type, companies (and kind, person)."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple, Protocol

from timeline.extraction.evaluation._aliases import Aliases
from timeline.extraction.evaluation._gold import GoldEvent
from timeline.extraction.evaluation._wire import EventLine

__all__ = [
    "Item",
    "Key",
    "Matching",
    "Resolver",
    "companies_fit",
    "company_key",
    "fold_name",
    "fold_person",
    "gold_alternatives",
    "gold_item",
    "gold_names",
    "key_of",
    "match",
    "predicted_item",
]


class _Named(Protocol):
    @property
    def slug(self) -> str: ...


class Resolver(Protocol):
    """What scoring needs of the gazetteer: names and slugs to companies."""

    def resolve(self, query: str) -> _Named | None: ...

    def company(self, slug: str) -> _Named | None: ...


class Item(NamedTuple):
    """An event reduced to what matching compares, with the event it came from for reports.

    Each company is the set of its alternatives, "id:<slug>" for a name the gazetteer knows
    and "name:<folded name>" for the rest: a gold company holds one per name it may go by
    ("A|B" and its aliases), a predicted one exactly one. `people` holds case-folded names.
    """

    article: str
    type: str
    deal_kind: str
    companies: frozenset[frozenset[str]]
    people: frozenset[str]
    source: GoldEvent | EventLine


class Key(NamedTuple):
    article: str
    type: str
    companies: frozenset[frozenset[str]]
    deal_kind: str
    people: frozenset[str]


class Matching(NamedTuple):
    """Distinct gold and predicted keys, the pairs matched, and a first event for each key."""

    gold: dict[Key, Item]
    predicted: dict[Key, Item]
    pairs: list[tuple[Key, Key]]

    def missed(self) -> list[Item]:
        matched = {g for g, _ in self.pairs}
        return [item for key, item in self.gold.items() if key not in matched]

    def spurious(self) -> list[Item]:
        matched = {p for _, p in self.pairs}
        return [item for key, item in self.predicted.items() if key not in matched]


# Legal forms that end a company name ("Brightloop Inc.", "Leiwei Technology Co., Ltd.").
_LEGAL = (
    "co|corp|corporation|company|inc|incorporated|ltd|limited|llc|l\\.l\\.c|llp|plc|gmbh|ag"
    "|sa|s\\.a|nv|n\\.v|bv|b\\.v|pte|pty|sdn bhd|se|ab|asa|oyj|kk|k\\.k|spa|s\\.p\\.a|sas"
)
_SUFFIXES = re.compile(rf"(?:[\s,]+(?:{_LEGAL})\.?)+$")
_ENDORSEMENT = "endorsement"


def fold_name(name: str) -> str:
    """A name as compared when the gazetteer does not know it: case-folded, no legal suffix."""
    text = unicodedata.normalize("NFKC", name).replace("\u2019", "'").casefold()
    text = " ".join(text.split()).rstrip(" ,")
    return _SUFFIXES.sub("", text) or text


def company_key(name: str, slug: str | None = None) -> str:
    """How a company is compared: "id:<slug>" when the gazetteer knows it, else
    "name:<folded name>". The extraction pipeline keys its parties the same way."""
    return f"id:{slug}" if slug else f"name:{fold_name(name)}"


def fold_person(name: str) -> str:
    """A person's name as compared: case-folded, spaces collapsed."""
    return " ".join(name.casefold().split())


def _company(resolver: Resolver, name: str, slug: str | None = None) -> str:
    # resolve() maps a brand to its owner ("nubia" is ZTE); companies with their own entry
    # stay themselves even when they have a parent, as the gold names them.
    known = resolver.company(slug) if slug else None
    known = known or resolver.resolve(name)
    return company_key(name, known.slug if known else None)


def _people(names: Iterable[str]) -> frozenset[str]:
    return frozenset(fold_person(name) for name in names)


def gold_names(written: str, aliases: Aliases) -> list[str]:
    """Every name a gold company goes by: each side of "A|B" and every alias listed for it.

    An alias file entry is keyed by the gold string as written; one keyed by a single side
    of "A|B" names that side, so it applies too.
    """
    parts = [part.strip() for part in written.split("|")]
    names = [*parts, *aliases.get(written, ())]
    return names + [alias for part in parts if part != written for alias in aliases.get(part, ())]


def gold_alternatives(resolver: Resolver, written: str, aliases: Aliases) -> frozenset[str]:
    """The keys a gold company may match, one for each of its names."""
    return frozenset(_company(resolver, name) for name in gold_names(written, aliases))


def gold_item(event: GoldEvent, resolver: Resolver, aliases: Aliases | None = None) -> Item:
    return Item(
        article=event.article,
        type=event.type,
        deal_kind=str(event.deal_kind),
        companies=frozenset(
            gold_alternatives(resolver, name, aliases or {}) for name in event.companies
        ),
        people=_people(event.people),
        source=event,
    )


def predicted_item(line: EventLine, resolver: Resolver) -> Item:
    # An unverified company's id was made up from its name and may equal a real slug.
    return Item(
        article=line.article,
        type=line.type,
        deal_kind=line.deal_kind,
        companies=frozenset(
            frozenset({_company(resolver, c.name, c.id if c.verified else None)})
            for c in line.companies
        ),
        people=_people(p.name for p in line.people),
        source=line,
    )


def key_of(item: Item, *, strict: bool) -> Key:
    """What two events must share to match; only endorsements keep their people."""
    return Key(
        article=item.article,
        type=item.type,
        companies=item.companies,
        deal_kind=item.deal_kind if strict else "",
        people=item.people if item.type == _ENDORSEMENT else frozenset(),
    )


def companies_fit(gold: frozenset[frozenset[str]], predicted: frozenset[frozenset[str]]) -> bool:
    """Whether picking one alternative per gold company can give the predicted companies.

    That holds when every gold company has an alternative among the predicted ones and each
    predicted company is the pick of a distinct gold company. Two gold companies may pick
    the same one, as a brand and its owner both resolve to the owner ("AMD", "Xilinx").
    """
    tokens = [token for company in predicted for token in company]
    if any(company.isdisjoint(tokens) for company in gold):
        return False
    choices = list(gold)
    paired = _max_matching(len(tokens), len(choices), lambda p, g: tokens[p] in choices[g])
    return len(paired) == len(tokens)


def match(gold: Sequence[Item], predicted: Sequence[Item], *, strict: bool) -> Matching:
    """Reduce each side to distinct keys, then pair them one to one, as many as can be.

    A gold key matches a predicted key with the same article and type (and kind when
    `strict`) whose companies fit (`companies_fit`) and whose people include the gold key's
    people, so a predicted endorsement must name the gold endorser and may name others too.
    """
    gold_keys = _distinct(gold, strict)
    predicted_keys = _distinct(predicted, strict)
    candidates: dict[tuple[str, str, str], list[Key]] = defaultdict(list)
    for key in predicted_keys:
        candidates[key.article, key.type, key.deal_kind].append(key)
    groups: dict[tuple[str, str, str], list[Key]] = defaultdict(list)
    for key in gold_keys:
        groups[key.article, key.type, key.deal_kind].append(key)
    pairs: list[tuple[Key, Key]] = []
    for base, members in groups.items():
        pairs += _pair(members, candidates.get(base, []))
    return Matching(gold=gold_keys, predicted=predicted_keys, pairs=pairs)


def _distinct(items: Sequence[Item], strict: bool) -> dict[Key, Item]:
    keys: dict[Key, Item] = {}
    for item in items:
        keys.setdefault(key_of(item, strict=strict), item)
    return keys


def _pair(gold: list[Key], predicted: list[Key]) -> list[tuple[Key, Key]]:
    """A maximum matching of gold to predicted keys of one article, type and kind.

    With alternatives a gold key may fit several predicted keys and the other way round, so
    greedy pairing could strand a key; the groups are small enough for augmenting paths.
    """

    def fits(g: int, p: int) -> bool:
        return gold[g].people <= predicted[p].people and companies_fit(
            gold[g].companies, predicted[p].companies
        )

    owner = _max_matching(len(gold), len(predicted), fits)
    return [(gold[g], predicted[p]) for p, g in sorted(owner.items(), key=lambda pg: pg[1])]


def _max_matching(left: int, right: int, edge: Callable[[int, int], bool]) -> dict[int, int]:
    """A maximum bipartite matching (Kuhn's algorithm), as {right index: left index}."""
    owner: dict[int, int] = {}

    def augment(a: int, seen: set[int]) -> bool:
        for b in range(right):
            if b in seen or not edge(a, b):
                continue
            seen.add(b)
            if b not in owner or augment(owner[b], seen):
                owner[b] = a
                return True
        return False

    for a in range(left):
        augment(a, set())
    return owner
