"""Short forms of unknown companies: "Acme Inc." once, then "Acme"."""

from __future__ import annotations

import re

import msgspec

from timeline.extraction.gazetteer import Mention

__all__ = ["with_local_names"]

_GENERIC = frozenset(
    [
        "technology",
        "technologies",
        "group",
        "holdings",
        "international",
        "electronics",
        "industries",
        "systems",
        "solutions",
        "company",
        "motors",
        "capital",
        "global",
        "china",
        "shenzhen",
        "beijing",
        "shanghai",
        "hangzhou",
        "guangzhou",
        "hong",
        "kong",
        "tokyo",
        "seoul",
        "india",
        "american",
        "national",
        "digital",
        "networks",
        "media",
        "software",
        "labs",
        "partners",
        "ventures",
    ]
)


def with_local_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """An unknown company named once in full is the same company when named short later.

    "Acme Inc." then "Acme"; "Shenzhen Acme Technology Co., Ltd." then "Acme".
    """
    forms: dict[str, Mention] = {}
    known = {m.name: m for m in mentions if m.kind == "company" and m.verified}
    # "Acme" after "Acme Sports": a short form of a known company, not a new one.
    mentions = [
        _as_known(m, known) if m.kind == "company" and not m.verified else m for m in mentions
    ]
    for m in mentions:
        if m.kind == "company" and not m.verified:
            forms.setdefault(m.name, m)
            words = [w for w in re.findall(r"[A-Z][\w-]{3,}", m.name) if w.lower() not in _GENERIC]
            if words:
                forms.setdefault(words[0], m)
    if not forms:
        return mentions
    taken = [(m.start, m.end) for m in mentions]
    pattern = re.compile(
        r"(?<![\w-])(?:"
        + "|".join(map(re.escape, sorted(forms, key=len, reverse=True)))
        + r")(?![\w-])"
    )
    extra = []
    for match in pattern.finditer(text):
        if any(a < match.end() and match.start() < b for a, b in taken):
            continue
        source = forms[match.group(0)]
        extra.append(
            msgspec.structs.replace(
                source, start=match.start(), end=match.end(), surface=match.group(0), via="alias"
            )
        )
    return sorted(mentions + extra, key=lambda m: m.start)


def _as_known(mention: Mention, known: dict[str, Mention]) -> Mention:
    for name, other in known.items():
        if name.startswith(mention.name + " ") or name == mention.name:
            return msgspec.structs.replace(
                mention, id=other.id, name=other.name, verified=True, via="alias"
            )
    return mention
