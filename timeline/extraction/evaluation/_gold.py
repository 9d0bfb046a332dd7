"""Gold deal events, one JSON object a line, read into Structs with errors naming the line."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import msgspec

from timeline.domain.events import DealKind

__all__ = ["DEAL_TYPES", "DealType", "GoldError", "GoldEvent", "parse_gold", "read_gold"]

DealType = Literal["rumor", "denial", "partnership", "endorsement"]
DEAL_TYPES: tuple[DealType, ...] = ("rumor", "denial", "partnership", "endorsement")


class GoldError(ValueError):
    """The gold file cannot be used; the message names the file and line, on one line."""


class _GoldLine(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    # Unknown fields are refused so that a misspelt "people" is an error, not an empty list.
    article: str
    type: DealType
    companies: tuple[str, ...]
    people: tuple[str, ...] = ()
    deal_kind: DealKind
    source: str | None = None
    evidence: str | None = None


class GoldEvent(msgspec.Struct, frozen=True, kw_only=True):
    """One expected deal event; `line` is where the gold file states it (from 1)."""

    line: int
    article: str
    type: DealType
    companies: tuple[str, ...]
    people: tuple[str, ...] = ()
    deal_kind: DealKind
    source: str | None = None
    evidence: str | None = None


_DECODER = msgspec.json.Decoder(_GoldLine)


def read_gold(path: str | Path) -> list[GoldEvent]:
    """The gold events in the file at `path`; raises GoldError."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as error:
        raise GoldError(f"{file}: cannot read: {error.strerror or error}") from None
    except UnicodeDecodeError as error:
        raise GoldError(f"{file}: not UTF-8 text: {error.reason}") from None
    return parse_gold(text, str(file))


def parse_gold(text: str, name: str = "gold") -> list[GoldEvent]:
    """The gold events in `text`; blank lines are skipped. Raises GoldError naming `name`."""
    events: list[GoldEvent] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{name} line {number}"
        try:
            raw = _DECODER.decode(line)
        except msgspec.ValidationError as error:
            raise GoldError(f"{where}: {error}") from None
        except msgspec.DecodeError as error:
            raise GoldError(f"{where}: not valid JSON: {error}") from None
        _check(raw, where)
        events.append(GoldEvent(line=number, **msgspec.structs.asdict(raw)))
    return events


def _check(raw: _GoldLine, where: str) -> None:
    if not raw.article.strip():
        raise GoldError(f'{where}: "article" is empty')
    if not raw.companies:
        raise GoldError(f'{where}: "companies" is empty')
    for field, names in (("companies", raw.companies), ("people", raw.people)):
        if any(not name.strip() for name in names):
            raise GoldError(f'{where}: "{field}" holds an empty name')
    # "A|B" is a company known by either name; an empty side would match nothing useful.
    for name in raw.companies:
        if any(not part.strip() for part in name.split("|")):
            raise GoldError(f'{where}: company "{name}" has an empty alternative')
