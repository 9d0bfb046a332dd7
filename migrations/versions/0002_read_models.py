"""Read models: the company timeline, the article index and projection checkpoints.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-21 10:31:48.763223
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "article_events",
        sa.Column("article_id", sa.String(length=32), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("position", sa.BigInteger(), nullable=False),
        sa.Column("valid_to", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("article_id", "event_id", name=op.f("pk_article_events")),
    )
    op.create_index("ix_article_events_event_id", "article_events", ["event_id"], unique=False)
    op.create_table(
        "articles",
        sa.Column("article_id", sa.String(length=32), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("publisher", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("published_precision", sa.String(length=10), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("position", sa.BigInteger(), nullable=False),
        sa.Column("extraction_position", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("article_id", name=op.f("pk_articles")),
    )
    op.create_table(
        "projection_checkpoints",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("position", sa.BigInteger(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_projection_checkpoints")),
    )
    op.create_table(
        "timeline_entries",
        sa.Column("company", sa.String(length=200), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.BigInteger(), nullable=False),
        sa.Column("valid_to", sa.BigInteger(), nullable=True),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("deal_kind", sa.String(length=20), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("counterparties", sa.JSON(), nullable=False),
        sa.Column("people", sa.JSON(), nullable=False),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("sort_date", sa.Date(), nullable=True),
        sa.Column("date_precision", sa.String(length=10), nullable=False),
        sa.Column("article_id", sa.String(length=32), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("company", "event_id", name=op.f("pk_timeline_entries")),
    )
    op.create_index(
        "ix_timeline_entries_article_id", "timeline_entries", ["article_id"], unique=False
    )
    op.create_index(
        "ix_timeline_entries_company_sort",
        "timeline_entries",
        ["company", "sort_date", "position"],
        unique=False,
    )
    op.create_index("ix_timeline_entries_event_id", "timeline_entries", ["event_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_timeline_entries_event_id", table_name="timeline_entries")
    op.drop_index("ix_timeline_entries_company_sort", table_name="timeline_entries")
    op.drop_index("ix_timeline_entries_article_id", table_name="timeline_entries")
    op.drop_table("timeline_entries")
    op.drop_table("projection_checkpoints")
    op.drop_table("articles")
    op.drop_index("ix_article_events_event_id", table_name="article_events")
    op.drop_table("article_events")
