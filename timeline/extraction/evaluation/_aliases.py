"""Other names gold companies go by, read from a JSON object {gold name: [other names]}."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import msgspec

__all__ = ["Aliases", "AliasesError", "parse_aliases", "read_aliases"]

# Keyed by the gold company exactly as the gold writes it, "Square|Block" included.
Aliases = Mapping[str, Sequence[str]]

_DECODER = msgspec.json.Decoder(dict[str, tuple[str, ...]])


class AliasesError(ValueError):
    """The aliases file cannot be used; the message names the file, on one line."""


def read_aliases(path: str | Path) -> dict[str, tuple[str, ...]]:
    """The aliases in the file at `path`; raises AliasesError."""
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as error:
        raise AliasesError(f"{file}: cannot read: {error.strerror or error}") from None
    return parse_aliases(data, str(file))


def parse_aliases(data: bytes | str, name: str = "aliases") -> dict[str, tuple[str, ...]]:
    """The aliases in `data`; raises AliasesError naming `name`."""
    try:
        aliases = _DECODER.decode(data)
    except msgspec.ValidationError as error:
        # msgspec names where the shape is wrong ("at `$[...]`"); say what was wanted too.
        raise AliasesError(
            f"{name}: not an object of name lists ({_one_line(str(error))})"
        ) from None
    except msgspec.DecodeError as error:
        raise AliasesError(f"{name}: not valid JSON: {_one_line(str(error))}") from None
    for company, others in aliases.items():
        if not company.strip() or any(not other.strip() for other in others):
            raise AliasesError(f"{name}: {company!r} has an empty name")
    return aliases


def _one_line(text: str) -> str:
    return " ".join(text.split())
