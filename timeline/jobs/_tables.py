"""The sources read model's tables, and APScheduler's job table, on the schema's MetaData."""

from __future__ import annotations

import sqlalchemy as sa

from timeline.store import metadata

__all__ = ["JOBS_TABLE", "scheduler_jobs", "source_runs", "sources"]

JOBS_TABLE = "apscheduler_jobs"

sources = sa.Table(
    "sources",
    metadata,
    sa.Column("source_id", sa.String(64), primary_key=True),
    sa.Column("kind", sa.String(10), nullable=False),
    sa.Column("location", sa.Text(), nullable=False),
    sa.Column("interval", sa.Float(), nullable=True),
    sa.Column("cron", sa.String(200), nullable=True),
    sa.Column("origin", sa.String(20), nullable=False),
    sa.Column("paused", sa.Boolean(), nullable=False),
    sa.Column("removed", sa.Boolean(), nullable=False),
    sa.Column("failures", sa.Integer(), nullable=False),
    sa.Column("runs", sa.Integer(), nullable=False),
    sa.Column("articles", sa.Integer(), nullable=False),
    sa.Column("running", sa.String(32), nullable=True),
    sa.Column("last_run", sa.String(32), nullable=True),
    sa.Column("last_ok", sa.DateTime(timezone=True), nullable=True),
    sa.Column("last_error", sa.Text(), nullable=True),
    sa.Column("position", sa.BigInteger(), nullable=False),
)

source_runs = sa.Table(
    "source_runs",
    metadata,
    sa.Column("run_id", sa.String(32), primary_key=True),
    sa.Column("source_id", sa.String(64), nullable=False),
    sa.Column("trigger", sa.String(20), nullable=False),
    sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("ok", sa.Boolean(), nullable=True),
    sa.Column("new", sa.Integer(), nullable=False),
    sa.Column("duplicate", sa.Integer(), nullable=False),
    sa.Column("revised", sa.Integer(), nullable=False),
    sa.Column("rejected", sa.Integer(), nullable=False),
    sa.Column("errors", sa.JSON(), nullable=False),
    sa.Column("position", sa.BigInteger(), nullable=False),
    # Declared apart, not as `index=True`: a replay's shadow copy of the columns would carry
    # that index along under a name of its own, left behind on the swapped-in table.
    sa.Index("ix_source_runs_source_id", "source_id"),
)

# APScheduler's own table, declared as its SQLAlchemyJobStore does (3.11), so the migration
# creates it and the schema check knows it; the job store then finds it and creates nothing.
scheduler_jobs = sa.Table(
    JOBS_TABLE,
    metadata,
    sa.Column("id", sa.Unicode(191), primary_key=True),
    sa.Column("next_run_time", sa.Float(25), index=True),
    sa.Column("job_state", sa.LargeBinary(), nullable=False),
)
