"""What moved lately: the companies and deal threads with the newest current events."""

from __future__ import annotations

import sqlalchemy as sa

from timeline.domain.events import DEAL_EVENT_TYPES
from timeline.projections._reads import CompanyRow, DealThread, company_rows, threads_by_id
from timeline.projections._tables import companies, thread_events
from timeline.store import events

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
    """Deal threads by their newest current event, newest first.

    The newest deal events are read off the end of the log (its key) and looked up in the
    threads, rather than grouping every thread event there is.
    """
    t = thread_events
    deal_types = sorted(cls.__name__ for cls in DEAL_EVENT_TYPES.values())
    newest = (
        sa.select(events.c.event_id)
        .where(events.c.type.in_(deal_types))
        .order_by(events.c.position.desc())
        .limit(limit * 20)
    )
    rows = conn.execute(
        sa.select(t.c.thread_id)
        .where(t.c.event_id.in_(newest.scalar_subquery()), t.c.valid_to.is_(None))
        .order_by(t.c.position.desc())
    ).scalars()
    ids = list(dict.fromkeys(str(thread_id) for thread_id in rows))[:limit]
    found = {thread.thread_id: thread for thread in threads_by_id(conn, ids)}
    return [found[i] for i in ids if i in found]
