"""What the read endpoints answer: msgspec Structs of their own, apart from domain types."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any, Literal

import msgspec

__all__ = [
    "ActivityOut",
    "ArticleEventOut",
    "ArticleOut",
    "CompanyDetail",
    "CompanyOut",
    "CompanyPage",
    "CompanySummary",
    "Counts",
    "DealEventRef",
    "DealKind",
    "DealOut",
    "DealPage",
    "DealStatus",
    "DealType",
    "EventPage",
    "EvidenceOut",
    "LogEventOut",
    "PartyOut",
    "PersonOut",
    "TimelineEventOut",
    "TimelinePage",
]

DealType = Literal["rumor", "denial", "partnership", "endorsement"]
DealKind = Literal[
    "investment",
    "acquisition",
    "merger",
    "partnership",
    "joint-venture",
    "distribution",
    "licensing",
    "endorsement",
    "other",
]
DealStatus = Literal["rumored", "denied", "confirmed"]
Precision = Literal["day", "month", "year", "unknown"]


class Counts(msgspec.Struct, frozen=True, kw_only=True):
    rumors: int
    denials: int
    partnerships: int
    endorsements: int


class CompanySummary(msgspec.Struct, frozen=True, kw_only=True):
    slug: str
    name: str
    verified: bool  # False: named in a deal but not in the gazetteer
    counts: Counts
    first_date: dt.date | None  # first day of the earliest current event's date
    last_date: dt.date | None


class CompanyPage(msgspec.Struct, frozen=True, kw_only=True):
    companies: list[CompanySummary]
    next_cursor: str | None  # pass as `cursor` for the next page; None on the last


class PartyOut(msgspec.Struct, frozen=True, kw_only=True):
    slug: str
    name: str
    verified: bool


class DealEventRef(msgspec.Struct, frozen=True, kw_only=True):
    event_id: uuid.UUID
    type: DealType
    position: int
    date: str | None  # ISO, as precise as known: "2014", "2014-04", "2014-04-09"
    date_precision: Precision
    article_id: str


class DealOut(msgspec.Struct, frozen=True, kw_only=True):
    deal_id: str
    deal_kind: DealKind
    status: DealStatus  # follows the latest current event
    companies: list[PartyOut]
    events: list[DealEventRef]


class DealPage(msgspec.Struct, frozen=True, kw_only=True):
    deals: list[DealOut]
    next_cursor: str | None


class ActivityOut(msgspec.Struct, frozen=True, kw_only=True):
    companies: list[CompanySummary]  # the one named in the newest event first
    deals: list[DealOut]  # the one with the newest current event first


class CompanyDetail(CompanySummary, frozen=True, kw_only=True):
    deals: list[DealOut]


class CompanyOut(msgspec.Struct, frozen=True, kw_only=True):
    slug: str
    name: str
    role: Literal["actor", "target", "party"]
    verified: bool


class PersonOut(msgspec.Struct, frozen=True, kw_only=True):
    name: str
    role: str | None
    company: str | None


class EvidenceOut(msgspec.Struct, frozen=True, kw_only=True):
    """A sentence stating the event; `start`, `end` are offsets into the article's text."""

    text: str
    start: int
    end: int


class TimelineEventOut(msgspec.Struct, frozen=True, kw_only=True):
    event_id: uuid.UUID
    position: int
    type: DealType
    deal_kind: DealKind
    role: Literal["actor", "target", "party"]  # the company's own role in it
    date: str | None
    date_precision: Precision
    counterparties: list[CompanyOut]
    people: list[PersonOut]
    sources: list[str]
    evidence: list[EvidenceOut]
    article_id: str
    confidence: float
    current: bool  # False when read as of a time before a later extraction replaced it


class TimelinePage(msgspec.Struct, frozen=True, kw_only=True):
    company: str
    name: str
    as_of_position: int | None
    events: list[TimelineEventOut]
    next_cursor: str | None


class LogEventOut(msgspec.Struct, frozen=True, kw_only=True):
    position: int
    event_id: uuid.UUID
    stream_id: str
    stream_version: int
    type: str
    occurred_at: dt.datetime
    recorded_at: dt.datetime
    metadata: dict[str, Any]
    data: dict[str, Any]


class EventPage(msgspec.Struct, frozen=True, kw_only=True):
    events: list[LogEventOut]
    next_after: int  # pass as `after` for the next page
    head: int  # the log's last position


class ArticleEventOut(msgspec.Struct, frozen=True, kw_only=True):
    event_id: uuid.UUID
    position: int
    type: DealType
    deal_kind: DealKind
    companies: list[CompanyOut]
    evidence: list[EvidenceOut]
    date: str | None
    date_precision: Precision
    confidence: float


class ArticleOut(msgspec.Struct, frozen=True, kw_only=True):
    article_id: str
    url: str | None
    title: str
    publisher: str | None
    published: str | None
    published_precision: Precision
    revision: int
    position: int
    text: str  # the text as stored: evidence offsets point into it
    events: list[ArticleEventOut]  # its current deal events
