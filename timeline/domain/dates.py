"""Dates that keep their precision: a day, a month, a year, or unknown."""

from __future__ import annotations

import datetime as dt
import enum
import re

import msgspec

__all__ = ["FuzzyDate", "Precision"]


class Precision(enum.StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    UNKNOWN = "unknown"


_ISO = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


class FuzzyDate(msgspec.Struct, frozen=True, kw_only=True, gc=False, array_like=True):
    """A date known only to some precision; `value` is the first day it could be.

    Stored compactly as `["2014-04-01", "month"]`: every deal event carries one.
    """

    value: dt.date | None = None
    precision: Precision = Precision.UNKNOWN

    @classmethod
    def unknown(cls) -> FuzzyDate:
        return cls()

    @classmethod
    def parse(cls, text: str | None, precision: str | None = None) -> FuzzyDate:
        """Read `2014`, `2014-04` or `2014-04-09` (or a longer ISO timestamp)."""
        if not text:
            return cls()
        match = _ISO.match(text.strip()[:10].rstrip("-T"))
        if match is None:
            raise ValueError(f"not an ISO date: {text!r}")
        year, month, day = match.groups()
        found = Precision.DAY if day else Precision.MONTH if month else Precision.YEAR
        value = dt.date(int(year), int(month or 1), int(day or 1))
        wanted = Precision(precision) if precision else found
        if _rank(wanted) < _rank(found):
            raise ValueError(f"{text!r} is not precise to the {wanted.value}")
        if wanted is Precision.UNKNOWN:
            return cls()
        return cls(value=_truncate(value, wanted), precision=wanted)

    def __str__(self) -> str:
        if self.value is None:
            return "unknown"
        if self.precision is Precision.YEAR:
            return f"{self.value.year:04d}"
        if self.precision is Precision.MONTH:
            return f"{self.value.year:04d}-{self.value.month:02d}"
        return self.value.isoformat()


def _rank(precision: Precision) -> int:
    return [Precision.DAY, Precision.MONTH, Precision.YEAR, Precision.UNKNOWN].index(precision)


def _truncate(value: dt.date, precision: Precision) -> dt.date:
    if precision is Precision.YEAR:
        return value.replace(month=1, day=1)
    if precision is Precision.MONTH:
        return value.replace(day=1)
    return value
