"""What moved lately, for a front page: the newest companies and deal threads."""

from __future__ import annotations

from typing import Annotated

from litestar import get
from litestar.di import NamedDependency
from litestar.params import QueryParameter, SkipValidation

from timeline.api import _wire as w
from timeline.api._context import Context
from timeline.api._convert import company_summary, deal_out
from timeline.api._problems import problems
from timeline.projections import recent_companies, recent_threads

__all__ = ["handlers"]

Api = NamedDependency[SkipValidation[Context]]


@get(
    "/activity",
    summary="The most recently active companies and deal threads",
    responses=problems(400, 401, 403),
    tags=["companies"],
    sync_to_thread=True,
    cache=True,
)
def activity(api: Api, limit: Annotated[int, QueryParameter(ge=1, le=100)] = 10) -> w.ActivityOut:
    with api.reading() as conn:
        companies = recent_companies(conn, limit)
        threads = recent_threads(conn, limit)
    return w.ActivityOut(
        companies=[company_summary(c) for c in companies],
        deals=[deal_out(t) for t in threads],
    )


handlers = [activity]
