"""The read models' tables: each projection owns its own, plus one checkpoint row."""

from __future__ import annotations

import sqlalchemy as sa

from timeline.store import metadata

__all__ = [
    "article_events",
    "articles",
    "checkpoints",
    "timeline_entries",
]

_json = sa.JSON()

checkpoints = sa.Table(
    "projection_checkpoints",
    metadata,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("position", sa.BigInteger(), nullable=False),
    sa.Column("version", sa.Integer(), nullable=False),
)

# Entries are never deleted: superseded or retracted ones get `valid_to`, so a timeline can
# be read as of any past position.
timeline_entries = sa.Table(
    "timeline_entries",
    metadata,
    sa.Column("company", sa.String(200), primary_key=True),
    sa.Column("event_id", sa.Uuid(), primary_key=True),
    sa.Column("position", sa.BigInteger(), nullable=False),
    sa.Column("valid_to", sa.BigInteger(), nullable=True),
    sa.Column("type", sa.String(20), nullable=False),
    sa.Column("deal_kind", sa.String(20), nullable=False),
    sa.Column("role", sa.String(10), nullable=False),
    sa.Column("counterparties", _json, nullable=False),
    sa.Column("people", _json, nullable=False),
    sa.Column("sources", _json, nullable=False),
    sa.Column("evidence", _json, nullable=False),
    sa.Column("sort_date", sa.Date(), nullable=True),
    sa.Column("date_precision", sa.String(10), nullable=False),
    sa.Column("article_id", sa.String(32), nullable=False),
    sa.Column("confidence", sa.Float(), nullable=False),
    sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    sa.Index("ix_timeline_entries_company_sort", "company", "sort_date", "position"),
    sa.Index("ix_timeline_entries_event_id", "event_id"),
    sa.Index("ix_timeline_entries_article_id", "article_id"),
)

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("article_id", sa.String(32), primary_key=True),
    sa.Column("url", sa.Text(), nullable=True),
    sa.Column("title", sa.Text(), nullable=False),
    sa.Column("publisher", sa.Text(), nullable=True),
    sa.Column("published", sa.Date(), nullable=True),
    sa.Column("published_precision", sa.String(10), nullable=False),
    sa.Column("revision", sa.Integer(), nullable=False),
    sa.Column("position", sa.BigInteger(), nullable=False),
    sa.Column("extraction_position", sa.BigInteger(), nullable=False),
)

article_events = sa.Table(
    "article_events",
    metadata,
    sa.Column("article_id", sa.String(32), primary_key=True),
    sa.Column("event_id", sa.Uuid(), primary_key=True),
    sa.Column("type", sa.String(20), nullable=False),
    sa.Column("position", sa.BigInteger(), nullable=False),
    sa.Column("valid_to", sa.BigInteger(), nullable=True),
    sa.Index("ix_article_events_event_id", "event_id"),
)
