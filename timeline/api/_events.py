"""GET /deals, /deals/{id}, /events and its live stream; POST /events and retractions."""

from __future__ import annotations

import time
import uuid
from collections.abc import AsyncIterator
from typing import Annotated

import anyio
import msgspec
from litestar import get, post
from litestar.di import NamedDependency
from litestar.params import (
    FromPath,
    FromQuery,
    HeaderParameter,
    JSONBody,
    PathParameter,
    QueryParameter,
    SkipValidation,
)
from litestar.response import ServerSentEvent, ServerSentEventMessage

from timeline.api import _wire as w
from timeline.api._companies import find
from timeline.api._context import Context
from timeline.api._convert import deal_out, log_event_out
from timeline.api._cursor import decode_cursor, encode_cursor
from timeline.api._docs import json_only
from timeline.api._problems import InvalidParam, ProblemError, bad_param, problems
from timeline.api._security import WRITE
from timeline.api._writes import HandEventIn, RecordedOut, RetractionIn
from timeline.domain.events import EVENT_TYPES
from timeline.projections import deal_thread, deal_threads
from timeline.services import BadField, CorrectionError, hand_event, record_by_hand, retract
from timeline.store import MAX_POSITION

__all__ = ["reads", "writes"]

Api = NamedDependency[SkipValidation[Context]]
_KEEPALIVE = 15.0  # seconds between comments on a quiet stream, so proxies keep it open


@get(
    "/deals",
    summary="Deal threads: every event about one deal, with its status",
    responses=problems(400, 401, 403, 404),
    tags=["deals"],
    sync_to_thread=True,
    cache=True,
)
def deals(
    api: Api,
    company: Annotated[str | None, QueryParameter(max_length=200)] = None,
    status: FromQuery[list[w.DealStatus] | None] = None,
    kind: FromQuery[list[w.DealKind] | None] = None,
    limit: Annotated[int, QueryParameter(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, QueryParameter(max_length=500)] = None,
) -> w.DealPage:
    after = decode_cursor(cursor, str)
    with api.reading() as conn:
        slug = find(api, conn, company).slug if company is not None else None
        threads, last = deal_threads(
            conn, company=slug, kinds=kind or (), statuses=status or (), after=after, limit=limit
        )
    return w.DealPage(
        deals=[deal_out(t) for t in threads],
        next_cursor=encode_cursor(last) if last else None,
    )


@get(
    "/deals/{deal_id:str}",
    summary="One deal thread",
    responses=problems(401, 403, 404),
    tags=["deals"],
    sync_to_thread=True,
    cache=True,
)
def deal(api: Api, deal_id: Annotated[str, PathParameter(max_length=64)]) -> w.DealOut:
    with api.reading() as conn:
        thread = deal_thread(conn, deal_id)
    if thread is None:
        raise ProblemError(404, f"no deal {deal_id!r}")
    return deal_out(thread)


def _types(types: list[str] | None) -> list[str] | None:
    for name in types or ():
        if name not in EVENT_TYPES:
            raise bad_param("type", f"unknown event type {name!r}; one of {', '.join(EVENT_TYPES)}")
    return types


@get(
    "/events",
    summary="The event log in order",
    description="Events after position `after`; `type` keeps those of the named types"
    " (RumorReported, ArticleIngested, ...).",
    responses=problems(400, 401, 403),
    tags=["events"],
    sync_to_thread=True,
    cache=True,
)
def events(
    api: Api,
    after: Annotated[int, QueryParameter(ge=0, le=MAX_POSITION)] = 0,
    limit: Annotated[int, QueryParameter(ge=1, le=1000)] = 100,
    type: Annotated[list[str] | None, QueryParameter(max_items=20)] = None,
) -> w.EventPage:
    head = api.app.store.head()
    records = api.app.store.read_all(after, limit, _types(type))
    # With fewer than a page, everything up to the head was read: the next page starts there.
    last = records[-1].position if records else after
    next_after = last if len(records) == limit else max(last, head, after)
    return w.EventPage(events=[log_event_out(r) for r in records], next_after=next_after, head=head)


@get(
    "/events/stream",
    summary="The event log live, as server-sent events",
    description="Each event's SSE id is its log position: a client that reconnects with"
    " `Last-Event-ID` resumes after it (the header wins over `after`). `limit` ends the"
    " stream after that many events.",
    responses=problems(400, 401, 403),
    tags=["events"],
)
async def stream(
    api: Api,
    after: Annotated[int, QueryParameter(ge=0, le=MAX_POSITION)] = 0,
    type: Annotated[list[str] | None, QueryParameter(max_items=20)] = None,
    limit: Annotated[int | None, QueryParameter(ge=1)] = None,
    last_event_id: Annotated[str | None, HeaderParameter(name="Last-Event-ID")] = None,
) -> ServerSentEvent:
    start = after
    if last_event_id is not None:
        if not last_event_id.strip().isdigit() or int(last_event_id) > MAX_POSITION:
            raise bad_param("Last-Event-ID", "not a log position", source="header")
        start = int(last_event_id)
    return ServerSentEvent(_follow(api, start, _types(type), limit))


async def _follow(
    api: Context, position: int, types: list[str] | None, limit: int | None
) -> AsyncIterator[ServerSentEventMessage]:
    store, sent, quiet = api.app.store, 0, 0.0
    while limit is None or sent < limit:
        head = await anyio.to_thread.run_sync(store.head)
        page = 500 if limit is None else min(500, limit - sent)
        records = await anyio.to_thread.run_sync(store.read_all, position, page, types)
        for record in records:
            data = msgspec.json.encode(log_event_out(record)).decode()
            yield ServerSentEventMessage(data=data, event=record.type, id=record.position)
        sent += len(records)
        if records:
            position, quiet = records[-1].position, 0.0
        if len(records) == page:
            continue
        position = max(position, head)  # events of other types up to the head were skipped
        waited = time.monotonic()
        await api.news.wait(position, _KEEPALIVE - quiet)
        quiet += time.monotonic() - waited
        if quiet >= _KEEPALIVE:
            quiet = 0.0
            yield ServerSentEventMessage(comment="keep-alive")


@post(
    "/events/{event_id:uuid}/retractions",
    summary="Withdraw a deal event (it stays in the log)",
    responses=problems(400, 401, 403, 404, 409, 413, 415, 422, 429),
    tags=["corrections"],
    **WRITE,
    before_request=json_only,
    sync_to_thread=True,
)
def retraction(
    api: Api, event_id: FromPath[uuid.UUID], data: JSONBody[RetractionIn]
) -> RecordedOut:
    if api.app.store.find_event(event_id) is None:
        raise ProblemError(404, f"no event {event_id} in the log")
    try:
        position = retract(api.app.store, event_id, reason=data.reason, by=data.by)
    except CorrectionError as error:
        status = 409 if "retracted already" in str(error) else 422
        raise ProblemError(status, str(error)) from None
    api.appended(1)
    found = api.app.store.read_all(position - 1, 1)
    return RecordedOut(event_id=found[0].event_id, position=position)


@post(
    "/events",
    summary="Record a deal event by hand",
    description="Companies are names, aliases or tickers the gazetteer knows; the first of"
    " several is the actor.",
    responses=problems(400, 401, 403, 413, 415, 422, 429),
    tags=["corrections"],
    **WRITE,
    before_request=json_only,
    sync_to_thread=True,
)
def record(api: Api, data: JSONBody[HandEventIn]) -> RecordedOut:
    try:
        event = hand_event(
            api.gazetteer,
            type=data.type,
            kind=data.deal_kind,
            companies=data.companies,
            people=data.people,
            sources=data.sources,
            date=data.date,
            evidence=data.evidence,
            by=data.by,
        )
        position = record_by_hand(api.app.store, event, by=data.by, reason=data.reason)
    except BadField as error:
        bad = InvalidParam(name=error.field, reason=str(error), source="body")
        raise ProblemError(422, f"{error.field}: {error}", invalid_params=[bad]) from None
    except CorrectionError as error:
        raise ProblemError(422, str(error)) from None
    api.appended(1)
    found = api.app.store.read_all(position - 1, 1)
    return RecordedOut(event_id=found[0].event_id, position=position)


reads = [deals, deal, events, stream]
writes = [retraction, record]
