"""The read models' tables: each projection owns its own, plus one checkpoint row."""

from __future__ import annotations

import sqlalchemy as sa

from timeline.store import metadata

__all__ = [
    "article_events",
    "articles",
    "checkpoints",
    "companies",
    "company_events",
    "replay_leases",
    "thread_events",
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

# Deal threads: every event about one deal (one kind, one set of companies), with validity.
thread_events = sa.Table(
    "thread_events",
    metadata,
    sa.Column("thread_id", sa.String(32), primary_key=True),
    sa.Column("event_id", sa.Uuid(), primary_key=True),
    sa.Column("deal_kind", sa.String(20), nullable=False),
    sa.Column("companies", _json, nullable=False),
    sa.Column("type", sa.String(20), nullable=False),
    sa.Column("position", sa.BigInteger(), nullable=False),
    sa.Column("valid_to", sa.BigInteger(), nullable=True),
    sa.Column("sort_date", sa.Date(), nullable=True),
    sa.Column("date_precision", sa.String(10), nullable=False),
    sa.Column("article_id", sa.String(32), nullable=False),
    sa.Index("ix_thread_events_event_id", "event_id"),
    sa.Index("ix_thread_events_article_id", "article_id"),
)

# The company directory: one row per company with its counts, and the events behind them.
companies = sa.Table(
    "companies",
    metadata,
    sa.Column("slug", sa.String(200), primary_key=True),
    sa.Column("name", sa.String(300), nullable=False),
    sa.Column("verified", sa.Boolean(), nullable=False),
    sa.Column("rumors", sa.Integer(), nullable=False),
    sa.Column("denials", sa.Integer(), nullable=False),
    sa.Column("partnerships", sa.Integer(), nullable=False),
    sa.Column("endorsements", sa.Integer(), nullable=False),
    sa.Column("first_date", sa.Date(), nullable=True),
    sa.Column("last_date", sa.Date(), nullable=True),
    sa.Column("last_position", sa.BigInteger(), nullable=False),
)
company_events = sa.Table(
    "company_events",
    metadata,
    sa.Column("company", sa.String(200), primary_key=True),
    sa.Column("event_id", sa.Uuid(), primary_key=True),
    sa.Column("article_id", sa.String(32), nullable=False),
    sa.Column("type", sa.String(20), nullable=False),
    sa.Column("sort_date", sa.Date(), nullable=True),
    sa.Column("position", sa.BigInteger(), nullable=False),
    sa.Column("valid_to", sa.BigInteger(), nullable=True),
    sa.Index("ix_company_events_event_id", "event_id"),
    sa.Index("ix_company_events_article_id", "article_id"),
)

# Who is rebuilding a projection now: a lease, renewed as the replay goes, so two replays
# never run at once and a crashed one does not block the next for long.
replay_leases = sa.Table(
    "replay_leases",
    metadata,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("owner", sa.String(100), nullable=False),
    sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
)
