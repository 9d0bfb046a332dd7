"""A page of a timeline as JSON built by the database: each entry ready for the wire.

The API's hot path: the database renders every entry as the JSON object the API sends
(`TimelineEventOut`), so a page costs one query and a join of strings, with no row decoded
into Python and encoded again. `tests/api` checks it equals the page built in Python.
"""

from __future__ import annotations

import functools
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


@functools.cache
def _entry_json(dialect: str) -> sa.ColumnElement[str]:
    if dialect == "postgresql":
        return sa.cast(sa.func.json_build_object(*_postgres_fields()), sa.Text)
    return sa.literal_column(_SQLITE_ENTRY, sa.Text)


# On SQLite the object is written as text around the stored JSON columns (valid JSON, as
# msgspec wrote them) and values that need no escaping (enums, hex ids, ISO dates, numbers):
# several times faster than json_object(), which parses every JSON argument again.
_SQLITE_ENTRY = """'{"event_id":"' || substr(e.event_id, 1, 8) || '-' || substr(e.event_id, 9, 4)
 || '-' || substr(e.event_id, 13, 4) || '-' || substr(e.event_id, 17, 4) || '-'
 || substr(e.event_id, 21, 12) || '","position":' || e.position
 || ',"type":"' || e.type || '","deal_kind":"' || e.deal_kind || '","role":"' || e.role
 || '","date":' || CASE
    WHEN e.sort_date IS NULL OR e.date_precision = 'unknown' THEN 'null'
    WHEN e.date_precision = 'year' THEN '"' || substr(e.sort_date, 1, 4) || '"'
    WHEN e.date_precision = 'month' THEN '"' || substr(e.sort_date, 1, 7) || '"'
    ELSE '"' || e.sort_date || '"' END
 || ',"date_precision":"' || e.date_precision || '","counterparties":' || e.counterparties
 || ',"people":' || e.people || ',"sources":' || e.sources || ',"evidence":' || e.evidence
 || ',"article_id":"' || e.article_id || '","confidence":' || round(e.confidence, DIGITS)
 || ',"current":' || CASE WHEN e.valid_to IS NULL THEN 'true' ELSE 'false' END || '}'
""".replace("e.", "timeline_entries.").replace("DIGITS", str(CONFIDENCE_DIGITS))


def _postgres_fields() -> list[Any]:
    """TimelineEventOut's fields as name, SQL pairs for json_build_object."""
    t = timeline_entries
    day = sa.func.to_char(t.c.sort_date, "YYYY-MM-DD")
    shown = sa.case(
        (t.c.date_precision == "unknown", sa.null()),
        (t.c.date_precision == "year", sa.func.substr(day, 1, 4)),
        (t.c.date_precision == "month", sa.func.substr(day, 1, 7)),
        else_=day,
    )
    pairs: list[tuple[str, Any]] = [
        ("event_id", sa.cast(t.c.event_id, sa.Text)),
        ("position", t.c.position),
        ("type", t.c.type),
        ("deal_kind", t.c.deal_kind),
        ("role", t.c.role),
        ("date", shown),
        ("date_precision", t.c.date_precision),
        ("counterparties", t.c.counterparties),
        ("people", t.c.people),
        ("sources", t.c.sources),
        ("evidence", t.c.evidence),
        ("article_id", t.c.article_id),
        ("confidence", sa.func.round(sa.cast(t.c.confidence, sa.Numeric), CONFIDENCE_DIGITS)),
        ("current", t.c.valid_to.is_(None)),
    ]
    # Names inline, not bound: PostgreSQL cannot type a bound argument of json_build_object.
    parts: list[Any] = []
    for name, value in pairs:
        parts += [sa.literal_column(f"'{name}'"), value]
    return parts
