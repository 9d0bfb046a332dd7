"""Match predicted deal events to gold ones by key: article, type, companies (and kind, person)."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import NamedTuple, Protocol

from timeline.extraction.evaluation._gold import GoldEvent
from timeline.extraction.evaluation._wire import EventLine

__all__ = [
    "Item",
    "Key",
    "Matching",
    "Resolver",
    "fold_name",
    "gold_item",
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

    `companies` holds "id:<slug>" for companies the gazetteer knows and "name:<folded name>"
    for the rest; `people` holds case-folded names.
    """

    article: str
    type: str
    deal_kind: str
    companies: frozenset[str]
    people: frozenset[str]
    source: GoldEvent | EventLine


class Key(NamedTuple):
    article: str
    type: str
    companies: frozenset[str]
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


def _company(resolver: Resolver, name: str, slug: str | None = None) -> str:
    # resolve() maps a brand to its owner ("nubia" is ZTE); companies with their own entry
    # stay themselves even when they have a parent, as the gold names them.
    known = resolver.company(slug) if slug else None
    known = known or resolver.resolve(name)
    return f"id:{known.slug}" if known else f"name:{fold_name(name)}"


def _people(names: Iterable[str]) -> frozenset[str]:
    return frozenset(" ".join(name.casefold().split()) for name in names)


def gold_item(event: GoldEvent, resolver: Resolver) -> Item:
    return Item(
        article=event.article,
        type=event.type,
        deal_kind=str(event.deal_kind),
        companies=frozenset(_company(resolver, name) for name in event.companies),
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
            _company(resolver, c.name, c.id if c.verified else None) for c in line.companies
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


def match(gold: Sequence[Item], predicted: Sequence[Item], *, strict: bool) -> Matching:
    """Reduce each side to distinct keys, then pair them one to one, as many as can be.

    A gold key matches a predicted key with the same article, type and companies (and kind
    when `strict`) whose people include the gold key's people, so a predicted endorsement
    must name the gold endorser and may name others too.
    """
    gold_keys = _distinct(gold, strict)
    predicted_keys = _distinct(predicted, strict)
    candidates: dict[Key, list[Key]] = defaultdict(list)
    for key in predicted_keys:
        candidates[key._replace(people=frozenset())].append(key)
    pairs: list[tuple[Key, Key]] = []
    groups: dict[Key, list[Key]] = defaultdict(list)
    for key in gold_keys:
        groups[key._replace(people=frozenset())].append(key)
    for base, members in groups.items():
        pairs += _pair(members, candidates.get(base, []))
    return Matching(gold=gold_keys, predicted=predicted_keys, pairs=pairs)


def _distinct(items: Sequence[Item], strict: bool) -> dict[Key, Item]:
    keys: dict[Key, Item] = {}
    for item in items:
        keys.setdefault(key_of(item, strict=strict), item)
    return keys


def _pair(gold: list[Key], predicted: list[Key]) -> list[tuple[Key, Key]]:
    """A maximum matching of gold to predicted keys where the gold people are included.

    Groups are tiny (the endorsements of one brand in one article), so augmenting paths
    (Kuhn's algorithm) are plenty; greedy pairing could strand a gold key.
    """
    owner: dict[int, int] = {}

    def augment(g: int, seen: set[int]) -> bool:
        for p, candidate in enumerate(predicted):
            if p in seen or not gold[g].people <= candidate.people:
                continue
            seen.add(p)
            if p not in owner or augment(owner[p], seen):
                owner[p] = g
                return True
        return False

    for g in range(len(gold)):
        augment(g, set())
    return [(gold[g], predicted[p]) for p, g in sorted(owner.items(), key=lambda pg: pg[1])]
