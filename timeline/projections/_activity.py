"""What moved lately: the companies and deal threads with the newest current events."""

from __future__ import annotations

import sqlalchemy as sa

from timeline.projections._reads import CompanyRow, DealThread, company_rows, threads_by_id
from timeline.projections._tables import companies, thread_events

__all__ = ["recent_companies", "recent_threads"]


def recent_companies(conn: sa.Connection, limit: int) -> list[CompanyRow]:
    """Companies with current events, the one named in the newest event first."""
    c = companies
    counted = c.c.rumors + c.c.denials + c.c.partnerships + c.c.endorsements
    slugs = conn.execute(
        sa.select(c.c.slug).where(counted > 0).order_by(c.c.last_position.desc()).limit(limit)
    ).scalars()
    return company_rows(conn, list(slugs))


def recent_threads(conn: sa.Connection, limit: int) -> list[DealThread]:
    """Deal threads by their newest current event, newest first."""
    t = thread_events
    newest = sa.func.max(t.c.position)
    ids = [
        str(thread_id)
        for thread_id in conn.execute(
            sa.select(t.c.thread_id)
            .where(t.c.valid_to.is_(None))
            .group_by(t.c.thread_id)
            .order_by(newest.desc())
            .limit(limit)
        ).scalars()
    ]
    found = {thread.thread_id: thread for thread in threads_by_id(conn, ids)}
    return [found[i] for i in ids if i in found]
