"""Reading and checking gazetteer TOML: the shipped files, extra files, run-time additions."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Iterable, Iterator, Sequence
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, TypeVar

import msgspec

from timeline.extraction.gazetteer._model import (
    Company,
    Exchange,
    Outlet,
    Person,
    PublicFigure,
)

__all__ = ["Data", "GazetteerError", "merge", "path_sources", "read_data", "shipped_sources"]

_SLUG = re.compile(r"[a-z0-9]+(?:[-_.][a-z0-9]+)*")
_MAX_LISTED = 25
_T = TypeVar("_T")


class GazetteerError(ValueError):
    """The gazetteer data is unusable; `problems` names each file and entry at fault."""

    def __init__(self, problems: Sequence[str]) -> None:
        shown = list(problems[:_MAX_LISTED])
        if len(problems) > _MAX_LISTED:
            shown.append(f"... and {len(problems) - _MAX_LISTED} more")
        super().__init__("invalid gazetteer data:\n  " + "\n  ".join(shown))
        self.problems = tuple(problems)


class Data(msgspec.Struct, frozen=True, kw_only=True):
    """Everything the gazetteer knows, checked; `origins` maps "kind:key" to its file."""

    companies: tuple[Company, ...] = ()
    exchanges: tuple[Exchange, ...] = ()
    people: tuple[Person, ...] = ()
    outlets: tuple[Outlet, ...] = ()
    figures: tuple[PublicFigure, ...] = ()
    titles: tuple[str, ...] = ()
    origins: dict[str, str] = {}


class _File(msgspec.Struct, forbid_unknown_fields=True):
    # A misspelt table name ([[companys]]) would otherwise drop a whole file in silence.
    company: list[Company] = []
    exchange: list[Exchange] = []
    person: list[Person] = []
    outlet: list[Outlet] = []
    public_figure: list[PublicFigure] = []
    titles: list[str] = []


def shipped_sources() -> list[tuple[str, bytes]]:
    """The TOML files shipped in timeline.extraction's data/gazetteer, by relative path."""
    root = resources.files("timeline.extraction") / "data" / "gazetteer"
    return sorted(_walk(root, ""))


def _walk(node: Traversable, prefix: str) -> Iterator[tuple[str, bytes]]:
    for child in node.iterdir():
        if child.is_dir():
            yield from _walk(child, f"{prefix}{child.name}/")
        elif child.name.endswith(".toml"):
            yield f"{prefix}{child.name}", child.read_bytes()


def path_sources(paths: Iterable[Path]) -> list[tuple[str, bytes]]:
    """Extra files: each path a TOML file or a folder of them (searched recursively)."""
    sources: list[tuple[str, bytes]] = []
    for path in paths:
        if path.is_dir():
            files = sorted(path.rglob("*.toml"))
        elif path.is_file():
            files = [path]
        else:
            raise GazetteerError([f"{path}: no such file or folder"])
        sources.extend((str(file), file.read_bytes()) for file in files)
    return sources


def read_data(sources: Iterable[tuple[str, bytes]], base: Data | None = None) -> Data:
    """`base` plus the entries of every source, checked as a whole."""
    merged = _Merged(base or Data())
    problems: list[str] = []
    for label, raw in sources:
        problems.extend(merged.add_source(label, raw))
    if problems:
        raise GazetteerError(problems)
    return merged.checked()


def merge(
    base: Data,
    label: str,
    *,
    companies: Iterable[Company] = (),
    people: Iterable[Person] = (),
    outlets: Iterable[Outlet] = (),
    figures: Iterable[PublicFigure] = (),
    titles: Iterable[str] = (),
) -> Data:
    """`base` plus entries given in code (run-time extension), checked as a whole."""
    merged = _Merged(base)
    file = _File(
        company=list(companies),
        person=list(people),
        outlet=list(outlets),
        public_figure=list(figures),
        titles=list(titles),
    )
    merged.add(label, file)
    return merged.checked()


class _Merged:
    def __init__(self, base: Data) -> None:
        self.companies = list(base.companies)
        self.exchanges = list(base.exchanges)
        self.people = list(base.people)
        self.outlets = list(base.outlets)
        self.figures = list(base.figures)
        self.titles = list(base.titles)
        self.origins = dict(base.origins)
        self.problems: list[str] = []

    def add_source(self, label: str, raw: bytes) -> list[str]:
        try:
            table = tomllib.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
            return [f"{label}: not valid TOML: {error}"]
        try:
            file = msgspec.convert(table, _File)
        except msgspec.ValidationError as error:
            return [f"{label}: {_describe(table, str(error))}"]
        self.add(label, file)
        return []

    def add(self, label: str, file: _File) -> None:
        self._keyed("company", label, file.company, self.companies, lambda c: c.slug)
        self._keyed("exchange", label, file.exchange, self.exchanges, lambda e: e.code)
        self._keyed("person", label, file.person, self.people, lambda p: p.name)
        self._keyed("outlet", label, file.outlet, self.outlets, lambda o: o.slug)
        self._keyed("public_figure", label, file.public_figure, self.figures, lambda f: f.name)
        self.titles.extend(t.strip() for t in file.titles if t.strip())

    def _keyed(
        self, kind: str, label: str, new: Sequence[_T], into: list[_T], key: Callable[[_T], str]
    ) -> None:
        for number, entry in enumerate(new, 1):
            name = str(key(entry)).strip()
            where = f"{label}: {kind} #{number}"
            if not name:
                self.problems.append(f"{where}: empty {_KEY_FIELD[kind]}")
                continue
            seen = self.origins.get(f"{kind}:{name}")
            if seen is not None:
                self.problems.append(
                    f"{where} '{name}': duplicate {_KEY_FIELD[kind]}, already defined in {seen}"
                )
                continue
            self.origins[f"{kind}:{name}"] = label
            into.append(entry)

    def checked(self) -> Data:
        problems = self.problems
        codes = {e.code for e in self.exchanges}
        slugs = {c.slug: c for c in self.companies}
        for company in self.companies:
            where = f"{self.origins[f'company:{company.slug}']}: company '{company.slug}'"
            problems.extend(f"{where}: {p}" for p in _company_problems(company, slugs, codes))
        for person in self.people:
            if person.company and person.company not in slugs:
                where = self.origins[f"person:{person.name}"]
                problems.append(
                    f"{where}: person '{person.name}': unknown company slug '{person.company}'"
                )
        for outlet in self.outlets:
            where = f"{self.origins[f'outlet:{outlet.slug}']}: outlet '{outlet.slug}'"
            if not _SLUG.fullmatch(outlet.slug):
                problems.append(f"{where}: slug is not lowercase-dashed")
            if outlet.company and outlet.company not in slugs:
                problems.append(f"{where}: unknown company slug '{outlet.company}'")
        if problems:
            raise GazetteerError(problems)
        return Data(
            companies=tuple(self.companies),
            exchanges=tuple(self.exchanges),
            people=tuple(self.people),
            outlets=tuple(self.outlets),
            figures=tuple(self.figures),
            titles=tuple(dict.fromkeys(self.titles)),
            origins=self.origins,
        )


_KEY_FIELD = {
    "company": "slug",
    "exchange": "code",
    "person": "name",
    "outlet": "slug",
    "public_figure": "name",
}


def _company_problems(
    company: Company, slugs: dict[str, Company], codes: set[str]
) -> Iterator[str]:
    if not _SLUG.fullmatch(company.slug):
        yield "slug is not lowercase-dashed"
    if not company.name.strip():
        yield "empty name"
    if company.parent:
        if company.parent not in slugs:
            yield f"unknown parent slug '{company.parent}'"
        elif _in_cycle(company, slugs):
            yield f"parent chain through '{company.parent}' loops back to itself"
    for ticker in company.tickers:
        code, colon, symbol = ticker.partition(":")
        if not colon or not symbol.strip():
            yield f"ticker '{ticker}' is not EXCHANGE:SYMBOL"
        elif code not in codes:
            yield f"ticker '{ticker}' names an exchange not in exchanges.toml"


def _in_cycle(company: Company, slugs: dict[str, Company]) -> bool:
    seen = {company.slug}
    parent = slugs.get(company.parent)
    while parent is not None:
        if parent.slug in seen:
            return True
        seen.add(parent.slug)
        parent = slugs.get(parent.parent) if parent.parent else None
    return False


_PATH_INDEX = re.compile(r"\$\.(\w+)\[(\d+)\]")


def _describe(table: dict[str, Any], error: str) -> str:
    """msgspec's message, with the entry it points into named by its slug or name."""
    found = _PATH_INDEX.search(error)
    if found is None:
        return error
    kind, index = found.group(1), int(found.group(2))
    entries = table.get(kind)
    entry = entries[index] if isinstance(entries, list) and index < len(entries) else None
    name = ""
    if isinstance(entry, dict):
        name = str(entry.get("slug") or entry.get("code") or entry.get("name") or "")
    label = f"{kind} #{index + 1}" + (f" '{name}'" if name else "")
    return f"{label}: {error}"
