"""GET /companies, /companies/{slug}, its timeline (json, csv, ics) and its Atom feed."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, cast

import msgspec
import sqlalchemy as sa
from litestar import Request, Response, get
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery, QueryParameter, SkipValidation

from timeline.api import _wire as w
from timeline.api._context import Context
from timeline.api._convert import company_detail, company_summary
from timeline.api._cursor import decode_cursor, encode_cursor
from timeline.api._docs import with_content
from timeline.api._problems import ProblemError, Suggestion, bad_param, problems
from timeline.api._render import atom_feed, calendar, csv_table
from timeline.domain.dates import FuzzyDate
from timeline.projections import (
    CompanyRow,
    Resolved,
    TimelineFilters,
    TimelineKey,
    company_row,
    company_timeline,
    deal_threads,
    position_at,
    resolve_company,
    search_companies,
    timeline_json,
)
from timeline.store import MAX_POSITION

__all__ = ["handlers"]

Api = NamedDependency[SkipValidation[Context]]
_CSV, _ICS, _ATOM = (
    "text/csv; charset=utf-8",
    "text/calendar; charset=utf-8",
    "application/atom+xml",
)


@get(
    "/companies",
    summary="Search the company directory",
    description="Companies named in deals whose name, slug, alias, brand or ticker contains"
    " `q` (all when it is empty), by slug, a page at a time.",
    responses=problems(400, 401, 403),
    tags=["companies"],
    sync_to_thread=True,
    cache=True,
)
def search(
    api: Api,
    q: Annotated[str | None, QueryParameter(max_length=200)] = None,
    limit: Annotated[int, QueryParameter(ge=1, le=200)] = 20,
    cursor: Annotated[str | None, QueryParameter(max_length=500)] = None,
) -> w.CompanyPage:
    after = decode_cursor(cursor, str)
    with api.reading() as conn:
        rows = search_companies(conn, api.gazetteer, q, after=after, limit=limit + 1)
    more = len(rows) > limit
    return w.CompanyPage(
        companies=[company_summary(r) for r in rows[:limit]],
        next_cursor=encode_cursor(rows[limit - 1].slug) if more else None,
    )


def find(api: Context, conn: sa.Connection, query: str) -> Resolved:
    """The company `query` names, or a 404 suggesting close names."""
    found = resolve_company(conn, api.gazetteer, query)
    if found is None:
        close = [Suggestion(slug=c.slug, name=c.name) for c in api.gazetteer.suggest(query, 3)]
        hint = f"; did you mean {', '.join(s.name for s in close)}?" if close else ""
        raise ProblemError(404, f"unknown company {query!r}{hint}", suggestions=close)
    return found


@get(
    "/companies/{slug:str}",
    summary="One company with its counts and deal threads",
    description="`slug` may also be a name, alias or ticker the gazetteer knows.",
    responses=problems(400, 401, 403, 404),
    tags=["companies"],
    sync_to_thread=True,
    cache=True,
)
def company(api: Api, slug: FromPath[str]) -> w.CompanyDetail:
    with api.reading() as conn:
        found = find(api, conn, slug)
        row = company_row(conn, found.slug) or _no_deals(found)
        threads, _next = deal_threads(conn, company=found.slug, limit=1000)
    return company_detail(row, threads)


def _no_deals(found: Resolved) -> CompanyRow:
    return CompanyRow(
        slug=found.slug,
        name=found.name,
        verified=True,
        rumors=0,
        denials=0,
        partnerships=0,
        endorsements=0,
        first_date=None,
        last_date=None,
        last_position=0,
    )


def _date(name: str, value: str | None, *, end: bool) -> dt.date | None:
    """`2014`, `2014-04` or `2014-04-09`; as the period's last day when `end` is set."""
    if value is None:
        return None
    try:
        date = FuzzyDate.parse(value)
    except ValueError:
        date = FuzzyDate()
    if date.value is None:  # not a date, or one with no value ("unknown")
        raise bad_param(name, f"{value!r} is not a date (2014, 2014-04 or 2014-04-09)")
    if not end or date.precision == "day":
        return date.value
    if date.precision == "year" or date.value.month == 12:
        return date.value.replace(month=12, day=31)
    return date.value.replace(month=date.value.month + 1, day=1) - dt.timedelta(days=1)


def _as_of(conn: sa.Connection, position: int | None, when: str | None) -> int | None:
    if position is not None and when is not None:
        raise bad_param("as_of", "give as_of or as_of_position, not both")
    if when is None:
        return position
    try:
        moment = dt.datetime.fromisoformat(when)
    except ValueError:
        raise bad_param("as_of", f"{when!r} is not an ISO 8601 time") from None
    return position_at(conn, moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC))


Format = Literal["json", "csv", "ics"]


@get(
    "/companies/{slug:str}/timeline",
    summary="A company's deal timeline",
    description="Its deal events by date, then log position. `as_of_position` or `as_of`"
    " (an ISO time) reads it as it was then. `from` and `to` take 2014, 2014-04 or"
    " 2014-04-09. `format=csv` and `format=ics` give the whole filtered timeline as one"
    " file; json pages with `cursor`.",
    responses=problems(400, 401, 403, 404),
    operation_class=with_content(_CSV, _ICS),
    tags=["companies"],
    sync_to_thread=True,
    cache=True,
)
def timeline(
    api: Api,
    request: Request[Any, Any, Any],
    slug: FromPath[str],
    type: FromQuery[list[w.DealType] | None] = None,  # named as in the query, so errors name it
    deal_kind: FromQuery[list[w.DealKind] | None] = None,
    counterparty: Annotated[str | None, QueryParameter(max_length=200)] = None,
    date_from: Annotated[str | None, QueryParameter(name="from", max_length=40)] = None,
    date_to: Annotated[str | None, QueryParameter(name="to", max_length=40)] = None,
    as_of_position: Annotated[int | None, QueryParameter(ge=0, le=MAX_POSITION)] = None,
    as_of: Annotated[str | None, QueryParameter(max_length=60)] = None,
    limit: Annotated[int, QueryParameter(ge=1, le=500)] = 100,
    cursor: Annotated[str | None, QueryParameter(max_length=500)] = None,
    format: FromQuery[Format] = "json",
) -> w.TimelinePage:
    since, until = _date("from", date_from, end=False), _date("to", date_to, end=True)
    after = decode_cursor(cursor, TimelineKey)
    with api.reading() as conn:
        found = find(api, conn, slug)
        other = None
        if counterparty is not None:
            other = resolve_company(conn, api.gazetteer, counterparty)
            if other is None:
                raise bad_param("counterparty", f"unknown company {counterparty!r}")
        position = _as_of(conn, as_of_position, as_of)
        filters = TimelineFilters(
            deal_kinds=deal_kind,
            counterparty=other.slug if other else None,
            since=since,
            until=until,
        )
        if format == "json":
            found_page = timeline_json(
                conn,
                found.slug,
                types=type,
                as_of_position=position,
                filters=filters,
                after=after,
                limit=limit + 1,
            )
        else:
            entries = company_timeline(
                conn, found.slug, types=type, as_of_position=position, filters=filters
            )
    if format == "csv":
        return _file(csv_table(entries), _CSV)
    if format == "ics":
        return _file(calendar(found.name, entries, dt.datetime.now(dt.UTC)), _ICS)
    more = len(found_page.entries) > limit
    cursor = encode_cursor(found_page.keys[limit - 1]) if more else None
    # The entries come as JSON from the database: the page is put together around them.
    head = msgspec.json.encode(
        {"company": found.slug, "name": found.name, "as_of_position": position}
    )
    body = b"".join(
        [
            head[:-1],
            b',"events":[',
            ",".join(found_page.entries[:limit]).encode(),
            b'],"next_cursor":',
            msgspec.json.encode(cursor),
            b"}",
        ]
    )
    return _file(body, "application/json")


def _file(body: bytes, media_type: str) -> w.TimelinePage:
    """A body made here: Litestar sends a Response as it is (its schema lists its format)."""
    return cast(w.TimelinePage, Response(body, media_type=media_type))


@get(
    "/companies/{slug:str}/timeline.atom",
    summary="A company's deal timeline as an Atom feed",
    description="The newest 50 current events first, for feed readers.",
    media_type=_ATOM,
    responses=problems(401, 403, 404),
    tags=["companies"],
    sync_to_thread=True,
    cache=True,
)
def feed(api: Api, request: Request[Any, Any, Any], slug: FromPath[str]) -> bytes:
    with api.reading() as conn:
        found = find(api, conn, slug)
        entries = company_timeline(conn, found.slug)
    newest = sorted(entries, key=lambda e: e.position, reverse=True)[:50]
    base = str(request.base_url).rstrip("/")
    return atom_feed(found.slug, found.name, newest, base, dt.datetime.now(dt.UTC))


handlers = [search, company, timeline, feed]
