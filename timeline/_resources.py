"""Folders that ship inside the wheel and sit beside the package in a source checkout."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["shipped_dir"]


def shipped_dir(name: str) -> Path:
    """`timeline/_<name>` when installed from a wheel, else `<checkout>/<name>`."""
    shipped = Path(str(resources.files("timeline") / f"_{name}"))
    if shipped.is_dir():
        return shipped
    return Path(__file__).resolve().parents[1] / name
