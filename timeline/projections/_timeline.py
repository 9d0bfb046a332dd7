"""The company timeline: one entry per (company, deal event), kept with its validity."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from timeline.domain.events import DealEvent
from timeline.projections._base import TableProjection
from timeline.projections._tables import timeline_entries
from timeline.store import RecordedEvent

__all__ = ["TimelineProjection"]


class TimelineProjection(TableProjection):
    name = "company_timeline"
    version = 1
    default_tables = (timeline_entries,)

    def apply(self, conn: sa.Connection, records: Sequence[RecordedEvent]) -> None:
        entries = self.validity("timeline_entries")
        for record in records:
            if entries.handle(conn, record) or not isinstance(record.event, DealEvent):
                continue
            event = record.event
            kind = type(event).deal_type
            seen: set[str] = set()
            for company in event.companies:
                if company.slug in seen:
                    continue  # a company and its own brand (A bought B, now its brand): one entry
                seen.add(company.slug)
                others = [
                    {"slug": c.slug, "name": c.name, "role": str(c.role), "verified": c.verified}
                    for c in event.companies
                    if c is not company
                ]
                entries.add(
                    {
                        "company": company.slug,
                        "event_id": record.event_id,
                        "position": record.position,
                        "valid_to": None,
                        "type": kind,
                        "deal_kind": str(event.deal_kind),
                        "role": str(company.role),
                        "counterparties": others,
                        "people": [
                            {"name": p.name, "role": p.role, "company": p.company}
                            for p in event.people
                        ],
                        "sources": list(event.sources),
                        "evidence": [
                            {"text": e.text, "start": e.start, "end": e.end} for e in event.evidence
                        ],
                        "sort_date": event.occurred.value,
                        "date_precision": str(event.occurred.precision),
                        "article_id": event.article_id,
                        "confidence": event.confidence,
                        "recorded_at": record.recorded_at,
                    }
                )
        entries.flush(conn)
