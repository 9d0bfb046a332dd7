"""Read-model rows and log records to the wire types the endpoints answer with."""

from __future__ import annotations

import datetime as dt
from typing import Any, cast

import msgspec

from timeline.api import _wire as w
from timeline.domain.events import DealEvent
from timeline.projections import CompanyRow, DealThread, TimelineEntry
from timeline.store import RecordedEvent

__all__ = [
    "article_event_out",
    "company_detail",
    "company_summary",
    "deal_out",
    "entry_out",
    "log_event_out",
    "shown",
]


def shown(date: dt.date | None, precision: str) -> str | None:
    """The date as precise as it is known: "2014-04" for a month, None when unknown."""
    if date is None or precision == "unknown":
        return None
    text = date.isoformat()
    return {"year": text[:4], "month": text[:7]}.get(precision, text)


def company_summary(row: CompanyRow) -> w.CompanySummary:
    return w.CompanySummary(**_summary_fields(row))


def _summary_fields(row: CompanyRow) -> dict[str, Any]:
    return {
        "slug": row.slug,
        "name": row.name,
        "verified": row.verified,
        "counts": w.Counts(
            rumors=row.rumors,
            denials=row.denials,
            partnerships=row.partnerships,
            endorsements=row.endorsements,
        ),
        "first_date": row.first_date,
        "last_date": row.last_date,
    }


def company_detail(row: CompanyRow, threads: list[DealThread]) -> w.CompanyDetail:
    return w.CompanyDetail(**_summary_fields(row), deals=[deal_out(t) for t in threads])


def deal_out(thread: DealThread) -> w.DealOut:
    return w.DealOut(
        deal_id=thread.thread_id,
        deal_kind=cast(w.DealKind, thread.deal_kind),
        status=cast(w.DealStatus, thread.status),
        companies=[
            w.PartyOut(slug=c["slug"], name=c["name"], verified=bool(c.get("verified", True)))
            for c in thread.companies
        ],
        events=[
            w.DealEventRef(
                event_id=e.event_id,
                type=cast(w.DealType, e.type),
                position=e.position,
                date=shown(e.date, e.date_precision),
                date_precision=cast(w.Precision, e.date_precision),
                article_id=e.article_id,
            )
            for e in thread.events
        ],
    )


def entry_out(entry: TimelineEntry) -> w.TimelineEventOut:
    return w.TimelineEventOut(
        event_id=entry.event_id,
        position=entry.position,
        type=cast(w.DealType, entry.type),
        deal_kind=cast(w.DealKind, entry.deal_kind),
        role=cast(Any, entry.role),
        date=shown(entry.date, entry.date_precision),
        date_precision=cast(w.Precision, entry.date_precision),
        counterparties=[
            w.CompanyOut(
                slug=c["slug"], name=c["name"], role=c["role"], verified=c.get("verified", True)
            )
            for c in entry.counterparties
        ],
        people=[
            w.PersonOut(name=p["name"], role=p.get("role"), company=p.get("company"))
            for p in entry.people
        ],
        sources=list(entry.sources),
        evidence=[
            w.EvidenceOut(text=e["text"], start=e["start"], end=e["end"]) for e in entry.evidence
        ],
        article_id=entry.article_id,
        confidence=entry.confidence,
        current=entry.current,
    )


def article_event_out(record: RecordedEvent) -> w.ArticleEventOut:
    event = record.event
    assert isinstance(event, DealEvent)
    return w.ArticleEventOut(
        event_id=record.event_id,
        position=record.position,
        type=cast(w.DealType, type(event).deal_type),
        deal_kind=cast(w.DealKind, str(event.deal_kind)),
        companies=[
            w.CompanyOut(slug=c.slug, name=c.name, role=cast(Any, str(c.role)), verified=c.verified)
            for c in event.companies
        ],
        evidence=[w.EvidenceOut(text=e.text, start=e.start, end=e.end) for e in event.evidence],
        date=shown(event.occurred.value, str(event.occurred.precision)),
        date_precision=cast(w.Precision, str(event.occurred.precision)),
        confidence=event.confidence,
    )


def log_event_out(record: RecordedEvent) -> w.LogEventOut:
    data = msgspec.to_builtins(record.event)
    data.pop("type", None)
    return w.LogEventOut(
        position=record.position,
        event_id=record.event_id,
        stream_id=record.stream_id,
        stream_version=record.stream_version,
        type=record.type,
        occurred_at=record.occurred_at,
        recorded_at=record.recorded_at,
        metadata=msgspec.to_builtins(record.metadata),
        data=data,
    )
