"""HTML articles: main text and metadata through trafilatura."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from timeline.domain.dates import FuzzyDate
from timeline.extraction.loading._article import Metadata
from timeline.extraction.loading._errors import ArticleRejected
from timeline.extraction.loading._parsed import Parsed, title_line

__all__ = ["declared_charset", "parse_html"]

_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)", re.I)
_CHARSET = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)
# Only dates stated in the markup: a date guessed from page text would claim a false day.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in a <meta> tag near its start."""
    found = _CHARSET.search(data[:4096])
    return found.group(1).decode("ascii") if found else None


def parse_html(text: str, given_title: str | None) -> Parsed:
    # Imported here: trafilatura pulls in lxml and dateparser, slow for callers without HTML.
    import trafilatura
    from trafilatura.settings import Document

    try:
        document = trafilatura.bare_extraction(
            text,
            with_metadata=True,
            include_comments=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as error:  # trafilatura and lxml raise many kinds on broken markup
        raise ArticleRejected(f"cannot parse HTML: {error}") from None
    if not isinstance(document, Document) or not document.text:
        raise ArticleRejected("no main text found in the HTML")
    body = document.text
    # trafilatura keeps the <h1> as the first line; it repeats the page's title.
    title = document.title or given_title
    _, body_start = title_line(body, 0, title) if title else (None, 0)
    language = _LANG.search(text[:4096])
    return Parsed(
        original=body,
        drop=[(0, body_start)],
        meta=Metadata(
            title=document.title,
            url=_absolute(document.url),
            publisher=document.sitename,
            published=_date(document.date),
            language=language.group(1).lower() if language else None,
        ),
        body_start=body_start,
    )


def _absolute(url: str | None) -> str | None:
    # A relative canonical link names no article we could find again.
    if not url:
        return None
    parts = urlsplit(url)
    return url if parts.scheme in {"http", "https"} and parts.netloc else None


def _date(value: str | None) -> FuzzyDate | None:
    if not value:
        return None
    try:
        return FuzzyDate.parse(value)
    except ValueError:
        return None  # a date the page states badly is no date, not a broken article
