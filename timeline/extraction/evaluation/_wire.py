"""The JSON lines `timeline extract` prints: a stable contract, kept apart from the domain types."""

from __future__ import annotations

import datetime as dt

import msgspec

from timeline.domain.events import DealEvent

__all__ = [
    "CompanyLine",
    "EventLine",
    "EvidenceLine",
    "OccurredLine",
    "PersonLine",
    "event_line",
]

# Other tools parse these lines: field names and order are the contract, so none of these
# Structs omits defaults or renames fields, and a change here is a change of the contract.


class CompanyLine(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    name: str
    role: str
    verified: bool


class PersonLine(msgspec.Struct, frozen=True, kw_only=True):
    name: str
    role: str | None
    company: str | None


class EvidenceLine(msgspec.Struct, frozen=True, kw_only=True):
    """A sentence stating the event; offsets are into the article's original text."""

    text: str
    start: int
    end: int


class OccurredLine(msgspec.Struct, frozen=True, kw_only=True):
    """`date` is the first day it could be (ISO, or null when unknown) to `precision`."""

    date: dt.date | None
    precision: str


class EventLine(msgspec.Struct, frozen=True, kw_only=True):
    """One deal event; `article` is the file name the article was loaded from."""

    article: str
    type: str
    deal_kind: str
    companies: tuple[CompanyLine, ...]
    people: tuple[PersonLine, ...]
    sources: tuple[str, ...]
    evidence: tuple[EvidenceLine, ...]
    occurred: OccurredLine
    confidence: float
    rules: tuple[str, ...]
    extractor_version: str


def event_line(article: str, event: DealEvent) -> EventLine:
    """The wire form of `event`, found in the article loaded from the file named `article`."""
    return EventLine(
        article=article,
        type=type(event).deal_type,
        deal_kind=str(event.deal_kind),
        companies=tuple(
            CompanyLine(id=c.slug, name=c.name, role=str(c.role), verified=c.verified)
            for c in event.companies
        ),
        people=tuple(PersonLine(name=p.name, role=p.role, company=p.company) for p in event.people),
        sources=tuple(event.sources),
        evidence=tuple(EvidenceLine(text=e.text, start=e.start, end=e.end) for e in event.evidence),
        occurred=OccurredLine(date=event.occurred.value, precision=str(event.occurred.precision)),
        confidence=event.confidence,
        rules=tuple(event.rules),
        extractor_version=event.extractor_version,
    )
