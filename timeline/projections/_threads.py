"""Deal threads: all events about one deal (one kind, one set of companies) in order."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import sqlalchemy as sa

from timeline.domain.events import DealEvent
from timeline.projections._base import TableProjection
from timeline.projections._tables import thread_events
from timeline.store import RecordedEvent

__all__ = ["DealThreadsProjection", "thread_id"]


def thread_id(deal_kind: str, companies: Sequence[str]) -> str:
    """A stable id for the deal: its kind and its companies, in any order."""
    key = f"{deal_kind}:{','.join(sorted(set(companies)))}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


class DealThreadsProjection(TableProjection):
    name = "deal_threads"
    version = 1
    default_tables = (thread_events,)

    def apply(self, conn: sa.Connection, records: Sequence[RecordedEvent]) -> None:
        events = self.validity("thread_events")
        for record in records:
            if events.handle(conn, record) or not isinstance(record.event, DealEvent):
                continue
            event = record.event
            slugs = sorted({c.slug for c in event.companies})
            events.add(
                {
                    "thread_id": thread_id(str(event.deal_kind), slugs),
                    "event_id": record.event_id,
                    "deal_kind": str(event.deal_kind),
                    "companies": [
                        {"slug": c.slug, "name": c.name, "verified": c.verified}
                        for c in event.companies
                    ],
                    "type": type(event).deal_type,
                    "position": record.position,
                    "valid_to": None,
                    "sort_date": event.occurred.value,
                    "date_precision": str(event.occurred.precision),
                    "article_id": event.article_id,
                }
            )
        events.flush(conn)
