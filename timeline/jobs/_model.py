"""Sources and their schedules: what a user declares, checked before it reaches the log."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any, Literal
from urllib.parse import urlsplit

import msgspec
from apscheduler.triggers.base import BaseTrigger
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

__all__ = [
    "KINDS",
    "BadSource",
    "Kind",
    "SourceSpec",
    "default_id",
    "parse_interval",
    "spec_from_config",
]

Kind = Literal["folder", "feed", "page"]
KINDS: tuple[Kind, ...] = ("folder", "feed", "page")
DEFAULT_INTERVAL = 900.0  # a quarter of an hour: often enough for news, polite to servers
_MIN_INTERVAL = 1.0
_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd]?)")
_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


class BadSource(ValueError):
    """A source declaration is unusable; the message names the field."""


class SourceSpec(msgspec.Struct, frozen=True, kw_only=True):
    """One source: an id, what it is, where, and when to look (interval or cron, not both)."""

    id: str
    kind: Kind
    location: str
    interval: float | None = None
    cron: str | None = None

    def __post_init__(self) -> None:
        if not _ID.fullmatch(self.id):
            raise BadSource(f"id: {self.id!r} must be 1-64 of a-z 0-9 _ - (starting a-z 0-9)")
        if self.kind not in KINDS:
            raise BadSource(f"kind: {self.kind!r} is not one of {', '.join(KINDS)}")
        if self.kind != "folder":
            parts = urlsplit(self.location)
            if parts.scheme not in {"http", "https"} or not parts.hostname:
                raise BadSource(f"location: {self.location!r} is not an http(s) URL")
        elif not self.location:
            raise BadSource("location: a folder is needed")
        if self.interval is not None and self.cron is not None:
            raise BadSource("schedule: give an interval or a cron line, not both")
        if self.interval is None and self.cron is None:
            msgspec.structs.force_setattr(self, "interval", DEFAULT_INTERVAL)
        if self.interval is not None and self.interval < _MIN_INTERVAL:
            raise BadSource(f"interval: {self.interval} is under {_MIN_INTERVAL:g} second")
        self.trigger()  # a bad cron line is refused now, not when the scheduler meets it

    def trigger(self) -> BaseTrigger:
        """The APScheduler trigger of this schedule, in UTC."""
        if self.cron is not None:
            try:
                return CronTrigger.from_crontab(self.cron, timezone=dt.UTC)
            except ValueError as error:
                raise BadSource(f"cron: {self.cron!r}: {error}") from None
        assert self.interval is not None
        return IntervalTrigger(seconds=self.interval, timezone=dt.UTC)

    @property
    def schedule(self) -> str:
        """The schedule as a user writes it: `every 900s` or `cron */5 * * * *`."""
        return f"cron {self.cron}" if self.cron is not None else f"every {self.interval:g}s"


def parse_interval(text: str) -> float:
    """Seconds in `90`, `30s`, `15m`, `2h` or `1d`."""
    found = _DURATION.fullmatch(text.strip().lower())
    if not found:
        raise BadSource(f"interval: {text!r} is not a duration such as 90, 30s, 15m, 2h, 1d")
    return float(found.group(1)) * _UNITS[found.group(2)]


def default_id(kind: Kind, location: str) -> str:
    """An id from the location: a URL's host and path, a folder's name."""
    if kind == "folder":
        base = location.rstrip("/\\").replace("\\", "/").rsplit("/", 1)[-1]
    else:
        parts = urlsplit(location)
        base = f"{parts.hostname or ''}{parts.path}"
    slug = re.sub(r"[^a-z0-9]+", "-", base.lower()).strip("-")[:64].strip("-")
    return slug or kind


def spec_from_config(table: Mapping[str, Any], index: int) -> SourceSpec:
    """A `[[sources]]` table: `id` (optional), one of `folder`/`feed`/`page`, and `every`
    (a duration) or `cron`."""
    where = f"TIMELINE_CONFIG: sources[{index}]"
    unknown = set(table) - {"id", *KINDS, "every", "cron"}
    if unknown:
        raise BadSource(f"{where}: unknown key {sorted(unknown)[0]!r}")
    kinds = [k for k in KINDS if k in table]
    if len(kinds) != 1:
        raise BadSource(f"{where}: give exactly one of folder, feed, page")
    kind = kinds[0]
    try:
        location = str(table[kind])
        every = table.get("every")
        interval = None if every is None else parse_interval(str(every))
        cron = table.get("cron")
        return SourceSpec(
            id=str(table.get("id") or default_id(kind, location)),
            kind=kind,
            location=location,
            interval=interval,
            cron=None if cron is None else str(cron),
        )
    except BadSource as error:
        raise BadSource(f"{where}: {error}") from None
