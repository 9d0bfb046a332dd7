"""GET /articles/{id}: an article with its events; POST /articles: ingest one."""

from __future__ import annotations

from typing import Annotated, Any, cast

import anyio
import msgspec
from litestar import Request, Response, get, post
from litestar.di import NamedDependency
from litestar.openapi import ResponseSpec
from litestar.params import PathParameter, QueryParameter, SkipValidation

from timeline.api import _wire as w
from timeline.api._context import Context
from timeline.api._convert import article_event_out, shown
from timeline.api._docs import with_bodies
from timeline.api._problems import InvalidParam, ProblemError, bad_param, problems
from timeline.api._security import WRITE
from timeline.api._writes import ArticleIn, IngestOut
from timeline.domain.events import ArticleIngested, ArticleRevised, DealEvent
from timeline.extraction.loading import Article, ArticleRejected, load_bytes, load_text
from timeline.projections import article_row
from timeline.services import Outcome, ingest_article, stream_of

__all__ = ["reads", "writes"]

Api = NamedDependency[SkipValidation[Context]]
_TEXT_TYPES = ("text/plain", "text/markdown", "text/html")


def _article(api: Context, article_id: str) -> w.ArticleOut | None:
    with api.reading() as conn:
        row = article_row(conn, article_id)
    if row is None:
        return None
    history = api.app.store.read_stream(stream_of(article_id))
    texts = [r.event for r in history if isinstance(r.event, ArticleIngested | ArticleRevised)]
    found = {r.event_id: r for r in history if isinstance(r.event, DealEvent)}
    return w.ArticleOut(
        article_id=row.article_id,
        url=row.url,
        title=row.title,
        publisher=row.publisher,
        published=shown(row.published, row.published_precision),
        published_precision=cast(Any, row.published_precision),
        revision=row.revision,
        position=row.position,
        text=texts[-1].text if texts else "",
        events=[article_event_out(found[i]) for i in row.current_events if i in found],
    )


@get(
    "/articles/{article_id:str}",
    summary="An article with its current deal events and their evidence offsets",
    responses=problems(401, 403, 404),
    tags=["articles"],
    sync_to_thread=True,
    cache=True,
)
def article(api: Api, article_id: Annotated[str, PathParameter(max_length=64)]) -> w.ArticleOut:
    found = _article(api, article_id)
    if found is None:
        raise ProblemError(404, f"no article {article_id!r}")
    return found


def _loaded(api: Context, body: bytes, content_type: str, given: dict[str, str | None]) -> Article:
    limit = api.settings.api_max_body_bytes
    media_type = content_type.split(";", 1)[0].strip().lower()
    if media_type == "application/json" or media_type.endswith("+json"):
        try:
            data = msgspec.json.decode(body, type=ArticleIn)
        except msgspec.ValidationError as error:
            text, _, where = str(error).rpartition(" - at `$.")
            name = where.rstrip("`") if text else "body"
            bad = InvalidParam(name=name, reason=text or str(error), source="body")
            raise ProblemError(400, f"{name}: {text or error}", invalid_params=[bad]) from None
        except msgspec.DecodeError as error:
            raise bad_param("body", f"not JSON: {error}", source="body") from None
        return load_text(
            data.text,
            format=data.format,
            title=data.title,
            url=data.url,
            publisher=data.publisher,
            published=data.published,
            published_precision=data.published_precision,
            language=data.language,
            source="api",
            max_bytes=limit,
        )
    if media_type not in _TEXT_TYPES:
        shown_type = media_type or "none"
        raise ProblemError(
            415, f"an article is application/json, text/plain or text/html, not {shown_type}"
        )
    return load_bytes(body, content_type=content_type, source="api", max_bytes=limit, **given)


@post(
    "/articles",
    summary="Ingest one article",
    description="JSON (`ArticleIn`), or the article's text as text/plain, text/markdown or"
    " text/html with its metadata in the query. 201 with its events when new (or a new"
    " revision of a known URL), 200 with the stored article when it is a duplicate.",
    responses={
        200: ResponseSpec(IngestOut, description="A duplicate: nothing was written."),
        **problems(400, 401, 403, 413, 415, 422, 429),
    },
    operation_class=with_bodies(ArticleIn, *_TEXT_TYPES),
    tags=["articles"],
    **WRITE,
)
async def ingest(
    api: Api,
    request: Request[Any, Any, Any],
    title: Annotated[str | None, QueryParameter(max_length=1000)] = None,
    url: Annotated[str | None, QueryParameter(max_length=2000)] = None,
    publisher: Annotated[str | None, QueryParameter(max_length=300)] = None,
    published: Annotated[str | None, QueryParameter(max_length=40)] = None,
) -> Response[IngestOut]:
    body = await request.body()
    content_type = request.headers.get("content-type", "")
    given = {"title": title, "url": url, "publisher": publisher, "published": published}
    try:
        loaded = _loaded(api, body, content_type, given)
    except ArticleRejected as error:
        raise ProblemError(422, f"the article was rejected: {error.reason}") from None
    return await _in_thread(api, loaded)


async def _in_thread(api: Context, loaded: Article) -> Response[IngestOut]:
    def work() -> Response[IngestOut]:
        outcome = ingest_article(api.app.store, api.extractor, loaded, actor="api")
        api.appended(len(outcome.positions))
        assert outcome.article_id is not None
        stored = _article(api, outcome.article_id)
        assert stored is not None, "the read models follow every append"
        fresh = outcome.outcome is not Outcome.DUPLICATE
        return Response(
            IngestOut(outcome=cast(Any, str(outcome.outcome)), article=stored),
            status_code=201 if fresh else 200,
            headers={"Location": f"/articles/{outcome.article_id}"},
        )

    return await anyio.to_thread.run_sync(work)


reads = [article]
writes = [ingest]
