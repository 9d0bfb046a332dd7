"""The company directory: every company named in a deal, with its counts and dates."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa

from timeline.domain.events import DealEvent
from timeline.projections._base import TableProjection, ValidityTable
from timeline.projections._tables import companies, company_events
from timeline.store import RecordedEvent

__all__ = ["DirectoryProjection"]

_COUNTS = {
    "rumor": "rumors",
    "denial": "denials",
    "partnership": "partnerships",
    "endorsement": "endorsements",
}


class DirectoryProjection(TableProjection):
    """Counts follow the current events: superseded and retracted ones no longer count."""

    name = "company_directory"
    version = 1
    default_tables = (companies, company_events)

    def apply(self, conn: sa.Connection, records: Sequence[RecordedEvent]) -> None:
        behind = ValidityTable(self.t["company_events"])
        touched: set[str] = set()
        names: dict[str, tuple[str, bool]] = {}
        for record in records:
            if behind.handle(conn, record):
                touched.update(self._companies_of(conn, record))
                continue
            if not isinstance(record.event, DealEvent):
                continue
            event = record.event
            for company in event.companies:
                names[company.slug] = (company.name, company.verified)
                touched.add(company.slug)
                behind.add(
                    {
                        "company": company.slug,
                        "event_id": record.event_id,
                        "article_id": event.article_id,
                        "type": type(event).deal_type,
                        "sort_date": event.occurred.value,
                        "position": record.position,
                        "valid_to": None,
                    }
                )
        behind.flush(conn)
        self._recount(conn, touched, names)

    def _companies_of(self, conn: sa.Connection, record: RecordedEvent) -> Iterable[str]:
        """The companies whose counts a supersession or retraction at `record` changed."""
        t = self.t["company_events"]
        return conn.execute(
            sa.select(t.c.company).where(t.c.valid_to == record.position).distinct()
        ).scalars()

    def _recount(
        self, conn: sa.Connection, slugs: set[str], names: dict[str, tuple[str, bool]]
    ) -> None:
        """Recount the companies in `slugs` from their current events, in a few statements."""
        t, directory = self.t["company_events"], self.t["companies"]
        values: dict[str, dict[str, Any]] = {
            slug: {
                **{column: 0 for column in _COUNTS.values()},
                "first_date": None,
                "last_date": None,
                "last_position": 0,
            }
            for slug in slugs
        }
        ordered = sorted(slugs)
        existing: set[str] = set()
        for start in range(0, len(ordered), 500):
            chunk = ordered[start : start + 500]
            rows = conn.execute(
                sa.select(
                    t.c.company,
                    t.c.type,
                    sa.func.count(),
                    sa.func.min(t.c.sort_date),
                    sa.func.max(t.c.sort_date),
                    sa.func.max(t.c.position),
                )
                .where(t.c.company.in_(chunk), t.c.valid_to.is_(None))
                .group_by(t.c.company, t.c.type)
            )
            for slug, kind, count, first, last, position in rows:
                row = values[slug]
                row[_COUNTS[kind]] = count
                row["first_date"] = min(filter(None, [row["first_date"], first]), default=None)
                row["last_date"] = max(filter(None, [row["last_date"], last]), default=None)
                row["last_position"] = max(row["last_position"], position)
            existing.update(
                conn.execute(
                    sa.select(directory.c.slug).where(directory.c.slug.in_(chunk))
                ).scalars()
            )
        updates = [{"key": slug, **values[slug]} for slug in ordered if slug in existing]
        if updates:
            conn.execute(
                sa.update(directory)
                .where(directory.c.slug == sa.bindparam("key"))
                .values({k: sa.bindparam(k) for k in updates[0] if k != "key"}),
                updates,
            )
        inserts = [
            {
                "slug": slug,
                "name": names.get(slug, (slug, True))[0],
                "verified": names.get(slug, (slug, True))[1],
                **values[slug],
            }
            for slug in ordered
            if slug not in existing
        ]
        if inserts:
            conn.execute(sa.insert(directory), inserts)
