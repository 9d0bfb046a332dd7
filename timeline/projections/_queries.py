"""Reading the projections: a company's timeline, now or as of a past position or time."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Collection, Sequence
from typing import Annotated, Any

import msgspec
import sqlalchemy as sa

from timeline.projections._tables import timeline_entries
from timeline.store import MAX_POSITION, events

__all__ = [
    "CONFIDENCE_DIGITS",
    "TimelineEntry",
    "TimelineFilters",
    "TimelineKey",
    "company_timeline",
    "position_at",
    "timeline_rows",
]


# Confidences are shown to 3 digits: what the rules' arithmetic leaves beyond is noise
# (0.7000000000000001), and the database's JSON writes a float to 15 digits anyway.
CONFIDENCE_DIGITS = 3


class TimelineEntry(msgspec.Struct, frozen=True, kw_only=True):
    company: str
    event_id: uuid.UUID
    position: int
    type: str
    deal_kind: str
    role: str
    counterparties: list[dict[str, Any]]
    people: list[dict[str, Any]]
    sources: list[str]
    evidence: list[dict[str, Any]]
    date: dt.date | None
    date_precision: str
    article_id: str
    confidence: float
    current: bool  # False when a later extraction or a retraction has since replaced it
    recorded_at: dt.datetime | None = None  # when the log recorded the event

    @property
    def shown_date(self) -> str:
        """The date as precise as it is known: "2014-04" for a month."""
        if self.date is None or self.date_precision == "unknown":
            return "unknown"
        text = self.date.isoformat()
        return {"year": text[:4], "month": text[:7]}.get(self.date_precision, text)


def position_at(conn: sa.Connection, when: dt.datetime) -> int:
    """The last log position recorded at or before `when`."""
    found = conn.execute(
        sa.select(sa.func.max(events.c.position)).where(events.c.recorded_at <= when)
    ).scalar()
    return int(found or 0)


class TimelineFilters(msgspec.Struct, frozen=True, kw_only=True):
    """Narrowing a timeline beyond its types: deal kinds, a counterparty, a date range."""

    deal_kinds: Collection[str] | None = None
    counterparty: str | None = None  # a slug: only events the company shares with it
    since: dt.date | None = None  # first possible day on or after
    until: dt.date | None = None  # first possible day on or before


class TimelineKey(msgspec.Struct, frozen=True, array_like=True):
    """Where a page of a timeline stopped: the last entry's date (None: unknown) and position."""

    date: dt.date | None
    position: Annotated[int, msgspec.Meta(ge=0, le=MAX_POSITION)]


def company_timeline(
    conn: sa.Connection,
    company: str,
    *,
    types: Collection[str] | None = None,
    as_of_position: int | None = None,
    filters: TimelineFilters | None = None,
    after: TimelineKey | None = None,
    limit: int | None = None,
) -> list[TimelineEntry]:
    """The company's deal events by date, then log position; as of a position if given.

    `after` and `limit` page through it: the next page starts after the key of the last entry.
    """
    rows = timeline_rows(
        conn,
        [timeline_entries],
        company,
        types=types,
        as_of_position=as_of_position,
        filters=filters,
        after=after,
        limit=limit,
    )
    return [_entry(row) for row in rows]


def timeline_rows(
    conn: sa.Connection,
    columns: Sequence[Any],
    company: str,
    *,
    types: Collection[str] | None = None,
    as_of_position: int | None = None,
    filters: TimelineFilters | None = None,
    after: TimelineKey | None = None,
    limit: int | None = None,
) -> list[sa.Row[Any]]:
    """`columns` of the company's timeline entries, in timeline order (see company_timeline)."""
    t = timeline_entries
    query = sa.select(*columns).where(t.c.company == company)
    if as_of_position is None:
        query = query.where(t.c.valid_to.is_(None))
    else:
        query = query.where(
            t.c.position <= as_of_position,
            sa.or_(t.c.valid_to.is_(None), t.c.valid_to > as_of_position),
        )
    if types:
        query = query.where(t.c.type.in_(sorted(types)))
    if filters is not None:
        query = _filtered(query, filters)
    # Dated entries, then the unknown dates: two queries that each walk the index on
    # (company, sort_date, position) in order, where one ORDER BY putting NULLs last
    # would sort every entry of the company to return a page.
    rows: list[sa.Row[Any]] = []
    if after is None or after.date is not None:
        dated = query.where(t.c.sort_date.is_not(None))
        if after is not None:
            key = sa.tuple_(t.c.sort_date, t.c.position)
            dated = dated.where(key > sa.tuple_(sa.literal(after.date), sa.literal(after.position)))
        dated = dated.order_by(t.c.sort_date, t.c.position)
        rows += conn.execute(_limited(dated, limit)).all()
    left = None if limit is None else limit - len(rows)
    if left is None or left > 0:
        undated = query.where(t.c.sort_date.is_(None))
        if after is not None and after.date is None:
            undated = undated.where(t.c.position > after.position)
        undated = undated.order_by(t.c.position)
        rows += conn.execute(_limited(undated, left)).all()
    return rows


def _limited(query: sa.Select[Any], limit: int | None) -> sa.Select[Any]:
    return query if limit is None else query.limit(limit)


def _filtered(query: sa.Select[Any], filters: TimelineFilters) -> sa.Select[Any]:
    t = timeline_entries
    if filters.deal_kinds:
        query = query.where(t.c.deal_kind.in_(sorted(filters.deal_kinds)))
    if filters.since is not None:
        query = query.where(t.c.sort_date >= filters.since)
    if filters.until is not None:
        query = query.where(t.c.sort_date <= filters.until)
    if filters.counterparty is not None:
        other = timeline_entries.alias("other")
        query = query.where(
            sa.exists().where(
                other.c.event_id == t.c.event_id, other.c.company == filters.counterparty
            )
        )
    return query


def _entry(row: Any) -> TimelineEntry:
    return TimelineEntry(
        company=row.company,
        event_id=row.event_id,
        position=row.position,
        type=row.type,
        deal_kind=row.deal_kind,
        role=row.role,
        counterparties=row.counterparties,
        people=row.people,
        sources=row.sources,
        evidence=row.evidence,
        date=row.sort_date,
        date_precision=row.date_precision,
        article_id=row.article_id,
        confidence=round(row.confidence, CONFIDENCE_DIGITS),
        current=row.valid_to is None,
        recorded_at=row.recorded_at,
    )
