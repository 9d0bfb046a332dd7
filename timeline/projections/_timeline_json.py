"""A page of a timeline as JSON built by the database: each entry ready for the wire.

The API's hot path: the database renders every entry as the JSON object the API sends
(`TimelineEventOut`), so a page costs one query and a join of strings, with no row decoded
into Python and encoded again. `tests/api` checks it equals the page built in Python.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import sqlalchemy as sa

from timeline.projections._queries import (
    CONFIDENCE_DIGITS,
    TimelineFilters,
    TimelineKey,
    timeline_rows,
)
from timeline.projections._tables import timeline_entries

__all__ = ["TimelineJson", "timeline_json"]


class TimelineJson:
    """Entries as JSON texts, in order, and the key of each (for the next page's cursor)."""

    def __init__(self, rows: list[sa.Row[Any]]) -> None:
        values = [tuple(row) for row in rows]
        self.entries: list[str] = [str(wire) for wire, _, _ in values]
        self.keys = [TimelineKey(day, position) for _, day, position in values]


def timeline_json(
    conn: sa.Connection,
    company: str,
    *,
    types: Collection[str] | None = None,
    as_of_position: int | None = None,
    filters: TimelineFilters | None = None,
    after: TimelineKey | None = None,
    limit: int | None = None,
) -> TimelineJson:
    t = timeline_entries
    rows = timeline_rows(
        conn,
        [_entry_json(conn.dialect.name), t.c.sort_date, t.c.position],
        company,
        types=types,
        as_of_position=as_of_position,
        filters=filters,
        after=after,
        limit=limit,
    )
    return TimelineJson(rows)


def _entry_json(dialect: str) -> sa.ColumnElement[str]:
    t = timeline_entries
    if dialect == "postgresql":
        day = sa.func.to_char(t.c.sort_date, "YYYY-MM-DD")
        return sa.cast(
            sa.func.json_build_object(
                *_fields(
                    sa.cast(t.c.event_id, sa.Text),
                    day,
                    lambda column: column,
                    sa.func.round(sa.cast(t.c.confidence, sa.Numeric), CONFIDENCE_DIGITS),
                ),
                sa.literal_column("'current'"),
                t.c.valid_to.is_(None),
            ),
            sa.Text,
        )
    # SQLite keeps a UUID as 32 hex digits and a date as ISO text.
    hexa = t.c.event_id
    dashed = sa.func.printf(
        "%s-%s-%s-%s-%s",
        sa.func.substr(hexa, 1, 8),
        sa.func.substr(hexa, 9, 4),
        sa.func.substr(hexa, 13, 4),
        sa.func.substr(hexa, 17, 4),
        sa.func.substr(hexa, 21, 12),
    )
    current = sa.case((t.c.valid_to.is_(None), "true"), else_="false")
    return sa.func.json_object(
        *_fields(
            dashed, t.c.sort_date, sa.func.json, sa.func.round(t.c.confidence, CONFIDENCE_DIGITS)
        ),
        sa.literal_column("'current'"),
        sa.func.json(current),
        type_=sa.Text,
    )


def _fields(event_id: Any, day: Any, as_json: Any, confidence: Any) -> list[Any]:
    """TimelineEventOut's fields but `current`, as name, SQL pairs."""
    t = timeline_entries
    shown = sa.case(
        (t.c.date_precision == "unknown", sa.null()),
        (t.c.date_precision == "year", sa.func.substr(day, 1, 4)),
        (t.c.date_precision == "month", sa.func.substr(day, 1, 7)),
        else_=day,
    )
    pairs: list[tuple[str, Any]] = [
        ("event_id", event_id),
        ("position", t.c.position),
        ("type", t.c.type),
        ("deal_kind", t.c.deal_kind),
        ("role", t.c.role),
        ("date", shown),
        ("date_precision", t.c.date_precision),
        ("counterparties", as_json(t.c.counterparties)),
        ("people", as_json(t.c.people)),
        ("sources", as_json(t.c.sources)),
        ("evidence", as_json(t.c.evidence)),
        ("article_id", t.c.article_id),
        ("confidence", confidence),
    ]
    # Names inline, not bound: PostgreSQL cannot type a bound argument of json_build_object.
    parts: list[Any] = []
    for name, value in pairs:
        parts += [sa.literal_column(f"'{name}'"), value]
    return parts
