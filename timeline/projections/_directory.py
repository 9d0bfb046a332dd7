"""The company directory: every company named in a deal, with its counts and dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import msgspec
import sqlalchemy as sa

from timeline.domain.events import DealEvent, EventRetracted
from timeline.projections._base import ARTICLE_HEADS, TableProjection, ValidityTable
from timeline.projections._tables import companies, company_events
from timeline.store import RecordedEvent

__all__ = ["COUNTS", "DirectoryProjection"]

# deal_type -> the column counting it
COUNTS = {
    "rumor": "rumors",
    "denial": "denials",
    "partnership": "partnerships",
    "endorsement": "endorsements",
}


class _Change(msgspec.Struct):
    """What a batch changed for one company, before it is written once."""

    name: str
    verified: bool
    counts: dict[str, int]
    first: dt.date | None = None
    last: dt.date | None = None
    last_position: int = 0
    lost_events: bool = False  # then its dates are looked up again


class DirectoryProjection(TableProjection):
    """Counts follow the current events: superseded and retracted ones no longer count."""

    name = "company_directory"
    version = 1
    default_tables = (companies, company_events)

    def apply(self, conn: sa.Connection, records: Sequence[RecordedEvent]) -> None:
        behind = self.validity("company_events")
        changes: dict[str, _Change] = {}
        for record in records:
            event = record.event
            if isinstance(event, ARTICLE_HEADS) and record.stream_version > 1:
                self._lose(conn, behind, changes, record, "article_id", event.article_id)
            elif isinstance(event, EventRetracted):
                self._lose(conn, behind, changes, record, "event_id", event.event_id)
            elif isinstance(event, DealEvent):
                kind = type(event).deal_type
                date = event.occurred.value
                for company in {c.slug: c for c in reversed(event.companies)}.values():
                    change = _change(changes, company.slug, company.name, company.verified)
                    change.last_position = record.position
                    row = {
                        "company": company.slug,
                        "event_id": record.event_id,
                        "article_id": event.article_id,
                        "type": kind,
                        "sort_date": date,
                        "position": record.position,
                        "valid_to": None,
                    }
                    behind.add(row)
                    if row["valid_to"] is None:  # in a replay, it may be closed already
                        change.counts[kind] += 1
                        change.first = min(filter(None, [change.first, date]), default=None)
                        change.last = max(filter(None, [change.last, date]), default=None)
        behind.flush(conn)
        self._write(conn, changes)

    def _lose(
        self,
        conn: sa.Connection,
        behind: ValidityTable,
        changes: dict[str, _Change],
        record: RecordedEvent,
        column: str,
        value: object,
    ) -> None:
        """Events superseded or retracted at `record` stop counting, stored or not yet."""
        t = self.t["company_events"]
        stored: Sequence[tuple[str, str]] = []
        if not behind.stored_rows_know(record.position):
            stored = conn.execute(
                sa.select(t.c.company, t.c.type).where(t.c[column] == value, t.c.valid_to.is_(None))
            ).all()
        waiting = behind.close(conn, column, value, record.position)
        for slug, kind in [*stored, *((row["company"], row["type"]) for row in waiting)]:
            change = _change(changes, slug, slug, True)
            change.counts[kind] -= 1
            change.lost_events = True

    def _write(self, conn: sa.Connection, changes: dict[str, _Change]) -> None:
        directory, t = self.t["companies"], self.t["company_events"]
        slugs = sorted(changes)
        existing: dict[str, Any] = {}
        for start in range(0, len(slugs), 500):
            chunk = slugs[start : start + 500]
            for found in conn.execute(sa.select(directory).where(directory.c.slug.in_(chunk))):
                existing[found.slug] = found
        updates: list[dict[str, Any]] = []
        inserts: list[dict[str, Any]] = []
        for slug in slugs:
            change = changes[slug]
            row: Any = existing.get(slug)
            values: dict[str, Any] = {
                column: (getattr(row, column) if row else 0) + change.counts[kind]
                for kind, column in COUNTS.items()
            }
            if change.lost_events:
                first, last = conn.execute(
                    sa.select(sa.func.min(t.c.sort_date), sa.func.max(t.c.sort_date)).where(
                        t.c.company == slug, t.c.valid_to.is_(None)
                    )
                ).one()
            else:
                first = min(
                    filter(None, [row.first_date if row else None, change.first]), default=None
                )
                last = max(
                    filter(None, [row.last_date if row else None, change.last]), default=None
                )
            values.update(
                first_date=first,
                last_date=last,
                last_position=max(row.last_position if row else 0, change.last_position),
            )
            if row is not None:
                updates.append({"key": slug, **values})
            else:
                inserts.append(
                    {"slug": slug, "name": change.name, "verified": change.verified, **values}
                )
        if updates:
            conn.execute(
                sa.update(directory)
                .where(directory.c.slug == sa.bindparam("key"))
                .values({k: sa.bindparam(k) for k in updates[0] if k != "key"}),
                updates,
            )
        if inserts:
            conn.execute(sa.insert(directory), inserts)


def _change(changes: dict[str, _Change], slug: str, name: str, verified: bool) -> _Change:
    change = changes.get(slug)
    if change is None:
        change = changes[slug] = _Change(name, verified, dict.fromkeys(COUNTS, 0))
    return change
