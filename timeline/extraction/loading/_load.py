"""Load one article from text, bytes or a file, in any of the supported formats."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Literal

import msgspec

from timeline.domain.articles import canonical_url
from timeline.domain.dates import FuzzyDate
from timeline.extraction.loading._article import Article, Metadata
from timeline.extraction.loading._boilerplate import boilerplate_ranges
from timeline.extraction.loading._dateline import dateline_date
from timeline.extraction.loading._decode import DEFAULT_MAX_BYTES, check_size, check_text, decode
from timeline.extraction.loading._errors import ArticleRejected
from timeline.extraction.loading._html import declared_charset, parse_html
from timeline.extraction.loading._markdown import front_matter, parse_markdown
from timeline.extraction.loading._normalise import clean_line, normalise
from timeline.extraction.loading._parsed import Parsed, metadata, parse_published
from timeline.extraction.loading._plain import parse_json, parse_plain

__all__ = ["EXTENSIONS", "Format", "load_bytes", "load_file", "load_text", "sniff_format"]

Format = Literal["text", "markdown", "html", "json"]

EXTENSIONS: Mapping[str, Format] = MappingProxyType(
    {
        ".txt": "text",
        ".md": "markdown",
        ".markdown": "markdown",
        ".html": "html",
        ".htm": "html",
        ".json": "json",
    }
)
_CONTENT_TYPES: Mapping[str, Format] = MappingProxyType(
    {
        "text/plain": "text",
        "text/markdown": "markdown",
        "text/x-markdown": "markdown",
        "text/html": "html",
        "application/xhtml+xml": "html",
        "application/json": "json",
    }
)
_PARSERS: Mapping[Format, Callable[[str, str | None], Parsed]] = MappingProxyType(
    {"text": parse_plain, "markdown": parse_markdown, "html": parse_html, "json": parse_json}
)
_HTML_START = re.compile(r"\s*(?:<!doctype\s+html|<html\b|<head\b|<body\b)", re.I)
_HTML_TAGS = re.compile(r"<(?:p|div|article|br|h[1-6])\b[^>]*>", re.I)
_MARKDOWN_HEADING = re.compile(r"\s*#{1,6} \S")
_CHARSET = re.compile(r";\s*charset\s*=\s*[\"']?([^\"';\s]+)", re.I)
_TITLE_LIMIT = 200


def sniff_format(text: str) -> Format:
    """Guess the format of text that came without a file name or content type."""
    head = text[:2048]
    if head.lstrip().startswith("{"):
        return "json"
    if _HTML_START.match(head) or len(_HTML_TAGS.findall(head)) >= 2:
        return "html"
    if front_matter(text)[1] or _MARKDOWN_HEADING.match(head):
        return "markdown"
    return "text"


def load_text(
    text: str,
    *,
    format: Format | None = "text",
    title: str | None = None,
    url: str | None = None,
    publisher: str | None = None,
    published: FuzzyDate | str | None = None,
    published_precision: str | None = None,
    language: str | None = None,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Article:
    """An article from text already decoded (stdin, an API body); `format=None` sniffs it.

    Given metadata wins over what the text says. Raises ArticleRejected.
    """
    check_text(text, max_bytes)
    given = _given(title, url, publisher, published, published_precision, language)
    return _load(text, format or sniff_format(text), given, source)


def load_bytes(
    data: bytes,
    *,
    filename: str | None = None,
    content_type: str | None = None,
    title: str | None = None,
    url: str | None = None,
    publisher: str | None = None,
    published: FuzzyDate | str | None = None,
    published_precision: str | None = None,
    language: str | None = None,
    source: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Article:
    """An article from raw bytes; the format comes from the file name, the content type or
    the content itself. `source` defaults to the file name. Raises ArticleRejected."""
    given = _given(title, url, publisher, published, published_precision, language)
    return _load_bytes(data, filename, content_type, given, source, max_bytes)


def load_file(
    path: str | Path, *, metadata: Metadata | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Article:
    """An article from a file, named by its file name; `metadata` wins over the file's own."""
    file = Path(path)
    try:
        check_size(file.stat().st_size, max_bytes)
        data = file.read_bytes()
    except OSError as error:
        raise ArticleRejected(f"cannot read the file: {error.strerror or error}") from None
    return _load_bytes(data, file.name, None, metadata or Metadata(), None, max_bytes)


def _load_bytes(
    data: bytes,
    filename: str | None,
    content_type: str | None,
    given: Metadata,
    source: str | None,
    max_bytes: int,
) -> Article:
    format: Format | None = None
    charset: str | None = None
    if filename:
        suffix = Path(filename).suffix.lower()
        format = EXTENSIONS.get(suffix)
        if format is None and suffix:
            raise ArticleRejected(f"unsupported file type {suffix!r}")
    if content_type:
        mime = content_type.split(";", 1)[0].strip().lower()
        declared = _CHARSET.search(content_type)
        charset = declared.group(1) if declared else None
        if format is None and mime != "application/octet-stream":
            format = _CONTENT_TYPES.get(mime)
            if format is None and not mime.endswith("+json"):
                raise ArticleRejected(f"unsupported content type {mime!r}")
            format = format or "json"
    if charset is None and format in {None, "html"}:
        charset = declared_charset(data)
    text = decode(data, max_bytes=max_bytes, charset=charset)
    name = Path(filename).name if filename else None
    return _load(text, format or sniff_format(text), given, source or name)


def _given(
    title: str | None,
    url: str | None,
    publisher: str | None,
    published: FuzzyDate | str | None,
    precision: str | None,
    language: str | None,
) -> Metadata:
    fields = metadata(title=title, url=url, publisher=publisher, language=language, where="given")
    if isinstance(published, FuzzyDate):
        return msgspec.structs.replace(fields, published=published)
    date = parse_published(published, precision, where="given")
    return fields if date is None else msgspec.structs.replace(fields, published=date)


def _load(text: str, format: Format, given: Metadata, source: str | None) -> Article:
    return _build(_PARSERS[format](text, given.title), given, source)


def _build(parsed: Parsed, given: Metadata, source: str | None) -> Article:
    """Normalise the parsed text and settle its metadata; given metadata wins."""
    meta = parsed.meta.overridden_by(given)
    drop = [*parsed.drop, *boilerplate_ranges(parsed.original, parsed.body_start)]
    normalised = normalise(parsed.original, drop)
    if not normalised.text:
        empty = not normalise(parsed.original, parsed.drop).text
        raise ArticleRejected(
            "empty: the article has no body text"
            if empty
            else "empty: nothing but boilerplate is left of the body text"
        )
    if meta.url is not None:
        try:
            canonical_url(meta.url)
        except ValueError as error:
            raise ArticleRejected(f"bad url: {error}") from None
    published = meta.published
    if published is None:
        # No metadata states a date (an "unknown" one counts as stated): a dateline at the top
        # of the body, read before boilerplate goes since "Published: ..." lines are dropped.
        published = dateline_date(parsed.original[parsed.body_start :]) or FuzzyDate()
    return Article(
        title=_title(meta.title, normalised.text),
        text=normalised.text,
        original=parsed.original,
        offsets=normalised.offsets,
        url=meta.url,
        publisher=meta.publisher,
        published=published,
        language=meta.language or "en",
        source=source,
    )


def _title(title: str | None, text: str) -> str:
    if title:
        return clean_line(title)
    first = text.split("\n", 1)[0].strip()
    if len(first) <= _TITLE_LIMIT:
        return first
    return first[:_TITLE_LIMIT].rsplit(" ", 1)[0] + "..."
