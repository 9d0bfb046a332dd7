"""Plain text and JSON articles."""

from __future__ import annotations

import msgspec

from timeline.extraction.loading._errors import ArticleRejected
from timeline.extraction.loading._parsed import Parsed, metadata, title_line

__all__ = ["parse_json", "parse_plain"]


def parse_plain(text: str, given_title: str | None) -> Parsed:
    """The first line with content is the title, unless the caller names one."""
    title, body_start = title_line(text, 0, given_title)
    return Parsed(
        original=text,
        drop=[(0, body_start)],
        meta=metadata(title=title, where="text"),
        body_start=body_start,
    )


class _JsonArticle(msgspec.Struct, kw_only=True):
    text: str | None = None
    body: str | None = None
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: str | None = None
    published_precision: str | None = None
    language: str | None = None


def parse_json(text: str, given_title: str | None) -> Parsed:
    """`{"title", "text" or "body", "url", "publisher", "published", "published_precision"}`."""
    del given_title  # the text field is all body; a title comes from its own field
    try:
        fields = msgspec.json.decode(text, type=_JsonArticle)
    except msgspec.DecodeError as error:
        raise ArticleRejected(f"invalid JSON article: {error}") from None
    body = fields.text if fields.text is not None else fields.body
    if body is None:
        raise ArticleRejected('invalid JSON article: it has no "text" or "body" field')
    return Parsed(
        original=body,
        meta=metadata(
            title=fields.title,
            url=fields.url,
            publisher=fields.publisher,
            published=fields.published,
            published_precision=fields.published_precision,
            language=fields.language,
            where="JSON",
        ),
    )
