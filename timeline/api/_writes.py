"""What the write and admin endpoints take and answer: msgspec Structs of their own."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

import msgspec

from timeline.api._wire import ArticleOut, DealKind, DealType

__all__ = [
    "ArticleIn",
    "HandEventIn",
    "HealthOut",
    "IngestOut",
    "ProjectionOut",
    "ProjectionsOut",
    "ReadyOut",
    "RecordedOut",
    "ReplayOut",
    "RetractionIn",
    "SourcesReady",
]

_Name = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
_Text = Annotated[str, msgspec.Meta(min_length=1, max_length=10_000)]


class ArticleIn(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """An article as JSON; `format` says what `text` holds (sniffed when absent)."""

    text: Annotated[str, msgspec.Meta(min_length=1)]
    title: Annotated[str, msgspec.Meta(max_length=1000)] | None = None
    url: Annotated[str, msgspec.Meta(max_length=2000)] | None = None
    publisher: Annotated[str, msgspec.Meta(max_length=300)] | None = None
    published: Annotated[str, msgspec.Meta(max_length=40)] | None = None  # 2014, 2014-04, ...
    published_precision: Literal["day", "month", "year", "unknown"] | None = None
    language: Annotated[str, msgspec.Meta(max_length=20)] | None = None
    format: Literal["text", "markdown", "html"] | None = None


class IngestOut(msgspec.Struct, frozen=True, kw_only=True):
    outcome: Literal["new", "revised", "duplicate"]
    article: ArticleOut


class RetractionIn(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    reason: _Text
    by: _Name = "api"


class HandEventIn(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    type: DealType
    deal_kind: DealKind
    companies: Annotated[list[_Name], msgspec.Meta(min_length=1, max_length=20)]
    evidence: _Text  # the sentence that states it
    reason: _Text  # why it is recorded by hand
    by: _Name = "api"
    people: Annotated[list[_Name], msgspec.Meta(max_length=20)] = []
    sources: Annotated[list[_Name], msgspec.Meta(max_length=20)] = []
    date: Annotated[str, msgspec.Meta(max_length=40)] | None = None  # 2014, 2014-04, 2014-04-09


class RecordedOut(msgspec.Struct, frozen=True, kw_only=True):
    event_id: uuid.UUID
    position: int


class ReplayOut(msgspec.Struct, frozen=True, kw_only=True):
    projections: list[str]
    events: int
    seconds: float
    position: int


class ProjectionOut(msgspec.Struct, frozen=True, kw_only=True):
    name: str
    position: int
    lag: int  # events in the log it has not applied yet
    version: int  # the version its tables were built by
    code_version: int  # this code's: a replay is due when they differ


class ProjectionsOut(msgspec.Struct, frozen=True, kw_only=True):
    head: int
    projections: list[ProjectionOut]


class HealthOut(msgspec.Struct, frozen=True, kw_only=True):
    status: Literal["ok"]


class SourcesReady(msgspec.Struct, frozen=True, kw_only=True):
    """The sources' health, shown by /ready without making it fail (see its description)."""

    ok: bool  # no unhealthy source
    count: int
    paused: int
    unhealthy: list[str]  # ids of the sources that failed 3 runs in a row, not paused


class ReadyOut(msgspec.Struct, frozen=True, kw_only=True):
    status: Literal["ready"]
    head: int
    lag: int
    sources: SourcesReady
