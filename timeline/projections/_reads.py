"""Reading the directory, the deal threads and the article index, for the API and the CLI."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from typing import Any

import msgspec
import sqlalchemy as sa

from timeline.extraction.gazetteer import Gazetteer
from timeline.projections._tables import (
    article_events,
    articles,
    companies,
    thread_events,
    timeline_entries,
)

__all__ = [
    "STATUSES",
    "ArticleRow",
    "CompanyRow",
    "DealThread",
    "Resolved",
    "ThreadEvent",
    "article_row",
    "company_row",
    "company_rows",
    "deal_thread",
    "deal_threads",
    "resolve_company",
    "search_companies",
    "threads_by_id",
]

# A thread's status follows its latest event's type.
STATUSES = {
    "rumor": "rumored",
    "denial": "denied",
    "partnership": "confirmed",
    "endorsement": "confirmed",
}


class Resolved(msgspec.Struct, frozen=True, kw_only=True):
    """A company as a query named it: its slug and display name."""

    slug: str
    name: str


def resolve_company(conn: sa.Connection, gazetteer: Gazetteer, query: str) -> Resolved | None:
    """A slug, name, alias, brand or ticker the gazetteer knows, else a slug the read models
    hold (companies the gazetteer does not know are still shown under their slug)."""
    company = gazetteer.resolve(query)
    if company is not None:
        return Resolved(slug=company.slug, name=company.name)
    row = conn.execute(sa.select(companies.c.name).where(companies.c.slug == query)).first()
    if row is not None:
        return Resolved(slug=query, name=str(row.name))
    t = timeline_entries
    found = conn.execute(sa.select(t.c.company).where(t.c.company == query).limit(1)).scalar()
    return Resolved(slug=str(found), name=str(found)) if found else None


class CompanyRow(msgspec.Struct, frozen=True, kw_only=True):
    slug: str
    name: str
    verified: bool
    rumors: int
    denials: int
    partnerships: int
    endorsements: int
    first_date: dt.date | None
    last_date: dt.date | None
    last_position: int


def _company(row: Any) -> CompanyRow:
    return CompanyRow(
        slug=row.slug,
        name=row.name,
        verified=row.verified,
        rumors=row.rumors,
        denials=row.denials,
        partnerships=row.partnerships,
        endorsements=row.endorsements,
        first_date=row.first_date,
        last_date=row.last_date,
        last_position=row.last_position,
    )


def company_row(conn: sa.Connection, slug: str) -> CompanyRow | None:
    row = conn.execute(sa.select(companies).where(companies.c.slug == slug)).first()
    return _company(row) if row is not None else None


def company_rows(conn: sa.Connection, slugs: Sequence[str]) -> list[CompanyRow]:
    """The companies with these slugs, in the order given."""
    rows = conn.execute(sa.select(companies).where(companies.c.slug.in_(slugs)))
    found = {row.slug: _company(row) for row in rows}
    return [found[slug] for slug in slugs if slug in found]


def search_companies(
    conn: sa.Connection,
    gazetteer: Gazetteer,
    query: str | None,
    *,
    after: str | None = None,
    limit: int = 20,
) -> list[CompanyRow]:
    """Companies in the directory whose slug or name contains `query`, or one of whose
    aliases, brands or tickers does (or that `query` resolves to), by slug; after a slug."""
    c = companies
    select = sa.select(c)
    if query:
        needle = query.strip().lower()
        known = {slug for slug, forms in gazetteer.company_forms if needle in forms}
        resolved = gazetteer.resolve(query)
        if resolved is not None:
            known.add(resolved.slug)
        pattern = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        select = select.where(
            sa.or_(
                sa.func.lower(c.c.name).like(pattern, escape="\\"),
                c.c.slug.like(pattern, escape="\\"),
                c.c.slug.in_(sorted(known)),
            )
        )
    if after is not None:
        select = select.where(c.c.slug > after)
    rows = conn.execute(select.order_by(c.c.slug).limit(limit))
    return [_company(row) for row in rows]


class ThreadEvent(msgspec.Struct, frozen=True, kw_only=True):
    event_id: uuid.UUID
    type: str
    position: int
    date: dt.date | None
    date_precision: str
    article_id: str


class DealThread(msgspec.Struct, frozen=True, kw_only=True):
    """Every current event about one deal, oldest first; its status is the latest's."""

    thread_id: str
    deal_kind: str
    companies: list[dict[str, Any]]
    status: str
    events: list[ThreadEvent]


def deal_threads(
    conn: sa.Connection,
    *,
    company: str | None = None,
    kinds: Sequence[str] = (),
    statuses: Sequence[str] = (),
    after: str | None = None,
    limit: int = 50,
) -> tuple[list[DealThread], str | None]:
    """Deal threads by id, after an id; the page and the id the next page starts after.

    A page may hold fewer than `limit` threads when `statuses` filters some out.
    """
    t = thread_events
    ids = sa.select(t.c.thread_id).where(t.c.valid_to.is_(None)).distinct()
    if company is not None:
        mine = sa.select(timeline_entries.c.event_id).where(
            timeline_entries.c.company == company, timeline_entries.c.valid_to.is_(None)
        )
        ids = ids.where(t.c.event_id.in_(mine))
    if kinds:
        ids = ids.where(t.c.deal_kind.in_(sorted(kinds)))
    if after is not None:
        ids = ids.where(t.c.thread_id > after)
    chosen = [str(i) for i in conn.execute(ids.order_by(t.c.thread_id).limit(limit)).scalars()]
    threads = threads_by_id(conn, chosen)
    if statuses:
        threads = [th for th in threads if th.status in statuses]
    return threads, chosen[-1] if len(chosen) == limit else None


def deal_thread(conn: sa.Connection, thread_id: str) -> DealThread | None:
    found = threads_by_id(conn, [thread_id])
    return found[0] if found else None


def threads_by_id(conn: sa.Connection, ids: Sequence[str]) -> list[DealThread]:
    """The threads with these ids (those with a current event), by id."""
    if not ids:
        return []
    t = thread_events
    rows = conn.execute(
        sa.select(t)
        .where(t.c.thread_id.in_(ids), t.c.valid_to.is_(None))
        .order_by(t.c.thread_id, t.c.sort_date.is_(None), t.c.sort_date, t.c.position)
    ).all()
    grouped: dict[str, list[Any]] = {}
    for row in rows:
        grouped.setdefault(row.thread_id, []).append(row)
    threads = []
    for thread_id, members in grouped.items():
        latest = members[-1]
        threads.append(
            DealThread(
                thread_id=thread_id,
                deal_kind=latest.deal_kind,
                companies=_union(m.companies for m in members),
                status=STATUSES[latest.type],
                events=[
                    ThreadEvent(
                        event_id=m.event_id,
                        type=m.type,
                        position=m.position,
                        date=m.sort_date,
                        date_precision=m.date_precision,
                        article_id=m.article_id,
                    )
                    for m in members
                ],
            )
        )
    return threads


def _union(lists: Any) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for companies_ in lists:
        for company in companies_:
            seen.setdefault(company["slug"], company)
    return sorted(seen.values(), key=lambda c: c["slug"])


class ArticleRow(msgspec.Struct, frozen=True, kw_only=True):
    article_id: str
    url: str | None
    title: str
    publisher: str | None
    published: dt.date | None
    published_precision: str
    revision: int
    position: int
    current_events: list[uuid.UUID]  # its deal events not superseded or retracted


def article_row(conn: sa.Connection, article_id: str) -> ArticleRow | None:
    row = conn.execute(sa.select(articles).where(articles.c.article_id == article_id)).first()
    if row is None:
        return None
    e = article_events
    current = conn.execute(
        sa.select(e.c.event_id)
        .where(e.c.article_id == article_id, e.c.valid_to.is_(None))
        .order_by(e.c.position)
    ).scalars()
    return ArticleRow(
        article_id=row.article_id,
        url=row.url,
        title=row.title,
        publisher=row.publisher,
        published=row.published,
        published_precision=row.published_precision,
        revision=row.revision,
        position=row.position,
        current_events=list(current),
    )
