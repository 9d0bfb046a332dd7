"""Read models: deal threads, the company directory, and replay leases.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 10:36:52.171021
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "companies",
        sa.Column("slug", sa.String(length=200), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("verified", sa.Boolean(), nullable=False),
        sa.Column("rumors", sa.Integer(), nullable=False),
        sa.Column("denials", sa.Integer(), nullable=False),
        sa.Column("partnerships", sa.Integer(), nullable=False),
        sa.Column("endorsements", sa.Integer(), nullable=False),
        sa.Column("first_date", sa.Date(), nullable=True),
        sa.Column("last_date", sa.Date(), nullable=True),
        sa.Column("last_position", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("slug", name=op.f("pk_companies")),
    )
    op.create_table(
        "company_events",
        sa.Column("company", sa.String(length=200), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("article_id", sa.String(length=32), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("sort_date", sa.Date(), nullable=True),
        sa.Column("position", sa.BigInteger(), nullable=False),
        sa.Column("valid_to", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("company", "event_id", name=op.f("pk_company_events")),
    )
    op.create_index("ix_company_events_article_id", "company_events", ["article_id"], unique=False)
    op.create_index("ix_company_events_event_id", "company_events", ["event_id"], unique=False)
    op.create_table(
        "replay_leases",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("owner", sa.String(length=100), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_replay_leases")),
    )
    op.create_table(
        "thread_events",
        sa.Column("thread_id", sa.String(length=32), nullable=False),
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("deal_kind", sa.String(length=20), nullable=False),
        sa.Column("companies", sa.JSON(), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("position", sa.BigInteger(), nullable=False),
        sa.Column("valid_to", sa.BigInteger(), nullable=True),
        sa.Column("sort_date", sa.Date(), nullable=True),
        sa.Column("date_precision", sa.String(length=10), nullable=False),
        sa.Column("article_id", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("thread_id", "event_id", name=op.f("pk_thread_events")),
    )
    op.create_index("ix_thread_events_article_id", "thread_events", ["article_id"], unique=False)
    op.create_index("ix_thread_events_event_id", "thread_events", ["event_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_thread_events_event_id", table_name="thread_events")
    op.drop_index("ix_thread_events_article_id", table_name="thread_events")
    op.drop_table("thread_events")
    op.drop_table("replay_leases")
    op.drop_index("ix_company_events_event_id", table_name="company_events")
    op.drop_index("ix_company_events_article_id", table_name="company_events")
    op.drop_table("company_events")
    op.drop_table("companies")
