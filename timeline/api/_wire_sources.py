"""What the /sources endpoints take and answer: msgspec Structs apart from the jobs' views."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec

from timeline.jobs import RunView, SourceView

__all__ = ["RunList", "RunOut", "SourceIn", "SourceList", "SourceOut"]

_Url = Annotated[str, msgspec.Meta(min_length=1, max_length=2000)]


class SourceIn(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A source to add (or change, by `id`): one of `folder`, `feed`, `page`; `every` or
    `cron`, or neither (every 15 minutes)."""

    id: Annotated[str, msgspec.Meta(min_length=1, max_length=64)] | None = None
    folder: _Url | None = None  # a path on the server
    feed: _Url | None = None  # an RSS or Atom feed's URL
    page: _Url | None = None  # a single web page's URL
    every: Annotated[str, msgspec.Meta(max_length=20)] | None = None  # 90, 30s, 15m, 2h, 1d
    cron: Annotated[str, msgspec.Meta(max_length=200)] | None = None  # crontab line, UTC

    def field(self, name: str) -> str:
        """The body field behind a field of the jobs' `BadSource` message."""
        if name in {"location", "kind"}:
            given = [k for k in ("folder", "feed", "page") if getattr(self, k) is not None]
            return given[0] if given else "feed"
        if name in {"interval", "schedule"}:
            return "every"
        return name


class SourceOut(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    kind: Literal["folder", "feed", "page"]
    location: str
    schedule: str  # `every 900s` or `cron 0 * * * *`
    interval: float | None  # seconds
    cron: str | None
    origin: str  # where it was declared: api, cli or config (the settings file)
    status: Literal["active", "paused", "unhealthy"]  # paused wins over unhealthy
    paused: bool
    healthy: bool  # False after 3 failed runs in a row
    failures: int  # failed runs in a row
    runs: int
    articles: int  # new and revised articles over all runs
    running: bool
    last_ok: dt.datetime | None
    last_error: str | None

    @classmethod
    def of(cls, view: SourceView) -> SourceOut:
        status = "paused" if view.paused else ("active" if view.healthy else "unhealthy")
        fields = msgspec.structs.asdict(view)
        return msgspec.convert({**fields, "status": status}, cls)


class SourceList(msgspec.Struct, frozen=True, kw_only=True):
    sources: list[SourceOut]


class RunOut(msgspec.Struct, frozen=True, kw_only=True):
    run_id: str
    source_id: str
    trigger: str  # schedule, retry, recover or manual
    started_at: dt.datetime
    finished_at: dt.datetime | None
    ok: bool | None  # None: still going, or its worker died (a later run says which)
    new: int
    duplicate: int
    revised: int
    rejected: int
    errors: list[str]

    @classmethod
    def of(cls, view: RunView) -> RunOut:
        return msgspec.convert(msgspec.structs.asdict(view), cls)


class RunList(msgspec.Struct, frozen=True, kw_only=True):
    runs: list[RunOut]
