"""What a source holds now: articles (or why one failed) from a folder, a feed or a page."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import msgspec

from timeline.domain.events import Validator
from timeline.extraction.loading import (
    Article,
    ArticleRejected,
    Loaded,
    load_bytes,
    load_folder,
    load_text,
)
from timeline.jobs._http import Fetched, Fetcher, FetchError
from timeline.jobs._model import SourceSpec
from timeline.jobs._state import SourceState

__all__ = ["Collected", "Item", "SourceFailed", "collect"]


class SourceFailed(Exception):
    """The source itself gave nothing (unreachable, not a feed, not a folder)."""


class Item(msgspec.Struct, frozen=True, kw_only=True):
    """One thing found: an article, or the reason it could not be read. `key` marks it seen."""

    key: str
    article: Article | None = None
    error: str | None = None


class Collected(msgspec.Struct, frozen=True, kw_only=True):
    """Items (read lazily, one page fetch each for feeds) and the validators to keep."""

    items: Iterator[Item]
    validators: tuple[Validator, ...] = ()


def collect(spec: SourceSpec, state: SourceState, fetcher: Fetcher) -> Collected:
    """What is new at the source since `state`; raises SourceFailed."""
    if spec.kind == "folder":
        return Collected(items=_folder(Path(spec.location), state))
    fetched = _fetch_source(spec.location, state, fetcher)
    validators = (
        Validator(url=spec.location, etag=fetched.etag, last_modified=fetched.last_modified),
    )
    if fetched.not_modified:
        return Collected(items=iter(()), validators=validators)
    if spec.kind == "page":
        return Collected(items=iter((_page(spec.location, fetched),)), validators=validators)
    return Collected(items=_feed(spec.location, fetched, state, fetcher), validators=validators)


def _fetch_source(url: str, state: SourceState, fetcher: Fetcher) -> Fetched:
    known = state.validators.get(url)
    try:
        return fetcher.get(
            url,
            etag=known.etag if known else None,
            last_modified=known.last_modified if known else None,
        )
    except FetchError as error:
        raise SourceFailed(str(error)) from None


def _folder(folder: Path, state: SourceState) -> Iterator[Item]:
    if not folder.is_dir():
        raise SourceFailed(f"{folder}: not a folder")
    for result in load_folder(folder):
        if isinstance(result, Loaded):
            # By content, not by path: a moved or re-saved file is the same article.
            article = result.article
            key = f"a:{article.id}:{article.content_hash}"
            if key not in state.seen:
                yield Item(key=key, article=article)
        else:
            key = f"r:{result.path.name}:{_digest(result.path)}"
            if key not in state.seen:  # a rejected file is reported once, until it changes
                yield Item(key=key, error=f"{result.path.name}: {result.reason}")


def _digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()[:24]
    except OSError:
        return "unreadable"


def _page(url: str, fetched: Fetched) -> Item:
    try:
        article = load_bytes(fetched.body, content_type=fetched.content_type, url=url, source=url)
    except ArticleRejected as error:
        raise SourceFailed(f"{url}: {error.reason}") from None
    return Item(key=f"a:{article.id}:{article.content_hash}", article=article)


def _feed(url: str, fetched: Fetched, state: SourceState, fetcher: Fetcher) -> Iterator[Item]:
    # Imported here: feedparser is only needed by workers that read feeds.
    import feedparser

    # Bytes, never a string: feedparser would take a string for a URL or path to open.
    parsed = feedparser.parse(
        fetched.body, response_headers={"content-type": fetched.content_type or "text/xml"}
    )
    if not parsed.entries and (parsed.bozo or not parsed.version):
        reason = parsed.get("bozo_exception") or "no RSS or Atom elements"
        raise SourceFailed(f"{url}: not an RSS or Atom feed: {reason}")
    publisher = parsed.feed.get("title") or None
    return _entries(parsed.entries, publisher, state, fetcher)


def _entries(
    entries: list[Any], publisher: str | None, state: SourceState, fetcher: Fetcher
) -> Iterator[Item]:
    for entry in entries:
        link = entry.get("link") or None
        if link is not None and urlsplit(link).scheme not in {"http", "https"}:
            link = None  # feedparser copies an Atom id (urn:...) into `link`: not a page
        key = "e:" + (entry.get("id") or link or _entry_digest(entry))
        if key in state.seen:
            continue
        try:
            article = _entry_article(entry, link, publisher, fetcher)
        except FetchError as error:
            yield Item(key=key, error=str(error))
            continue
        except ArticleRejected as error:
            yield Item(key=key, error=f"{link or key[2:]}: {error.reason}")
            continue
        yield Item(key=key, article=article)


def _entry_article(
    entry: Any, link: str | None, publisher: str | None, fetcher: Fetcher
) -> Article:
    title = entry.get("title") or None
    when = entry.get("published_parsed") or entry.get("updated_parsed")
    published = f"{when.tm_year:04d}-{when.tm_mon:02d}-{when.tm_mday:02d}" if when else None
    meta: dict[str, Any] = {
        "title": title,
        "publisher": publisher,
        "published": published,
        "published_precision": "day" if published else None,
    }
    if link is not None:
        page = fetcher.get(link)
        return load_bytes(page.body, content_type=page.content_type, url=link, source=link, **meta)
    content = entry.get("content") or []
    text = content[0].get("value") if content else entry.get("summary")
    if not text:
        raise ArticleRejected("the entry has neither a link nor content")
    return load_text(text, format=None, source=title, **meta)


def _entry_digest(entry: Any) -> str:
    text = f"{entry.get('title', '')}\n{entry.get('summary', '')}"
    return hashlib.sha256(text.encode()).hexdigest()[:24]
