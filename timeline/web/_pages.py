"""Routes for the pages: one HTML shell for every page path, and the static assets."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from litestar import MediaType, Response, Router, get
from litestar.datastructures import CacheControlHeader
from litestar.handlers import HTTPRouteHandler
from litestar.static_files import create_static_files_router

__all__ = ["web_handlers"]

# The pages run only our own script and style, so article text cannot bring in its own.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none';"
        " frame-ancestors 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def _static() -> Path:
    return Path(str(files("timeline.web") / "static"))


def web_handlers() -> list[HTTPRouteHandler | Router]:
    """The page routes (`/`, `/company/…`, `/article/…`, `/deal/…`) and `/static/`."""
    shell = (_static() / "index.html").read_bytes()

    @get(
        ["/", "/company/{slug:str}", "/article/{article_id:str}", "/deal/{deal_id:str}"],
        include_in_schema=False,
        media_type=MediaType.HTML,
        cache_control=CacheControlHeader(no_cache=True),
        sync_to_thread=False,
    )
    def page() -> Response[bytes]:
        return Response(shell, media_type=MediaType.HTML, headers=SECURITY_HEADERS)

    assets = create_static_files_router(
        path="/static",
        directories=[_static()],
        include_in_schema=False,
        cache_control=CacheControlHeader(max_age=300),
    )
    return [page, assets]
