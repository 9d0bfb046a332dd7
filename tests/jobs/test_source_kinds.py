"""Sources end to end: a drop folder, a feed with its pages, a single page, into the log."""

from __future__ import annotations

import shutil
from pathlib import Path

import sqlalchemy as sa
from jobserver import ARTICLES, Page, Server, article_html

from timeline.domain.events import ArticleIngested
from timeline.jobs import (
    RunContext,
    SourceSpec,
    configure_source,
    list_sources,
    pause_source,
    projector_with_sources,
    remove_source,
    resume_source,
    run_history,
    run_source,
)
from timeline.store import EventStore


def ingested(store: EventStore) -> list[ArticleIngested]:
    return [r.event for r in store.read_all(0, 10_000, ["ArticleIngested"])]  # type: ignore[misc]


def write_articles(folder: Path, count: int = 3) -> None:
    folder.mkdir(exist_ok=True)
    for i, (title, body) in enumerate(ARTICLES[:count]):
        (folder / f"{i}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")


def rss(server: Server, items: list[str]) -> str:
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        "<title>Deal News</title><link>" + server.url("/") + "</link>"
        "<description>news</description>" + "".join(items) + "</channel></rss>"
    )


def linked_item(server: Server, i: int) -> str:
    return (
        f"<item><title>{ARTICLES[i][0]}</title><link>{server.url(f'/a/{i}')}</link>"
        f"<guid>{server.url(f'/a/{i}')}</guid><pubDate>Mon, 0{i + 1} Sep 2025 10:00:00 GMT"
        "</pubDate></item>"
    )


def test_drop_folder_takes_new_and_changed_files_and_knows_moved_ones(
    context: RunContext, store: EventStore, tmp_path: Path
) -> None:
    folder = tmp_path / "drop"
    write_articles(folder, 2)
    configure_source(store, SourceSpec(id="drop", kind="folder", location=str(folder)))
    first = run_source(context, "drop", "manual")
    assert (first.ok, first.new, first.duplicate) == (True, 2, 0)
    # Moved and re-saved with the same text: nothing new, not even counted as a duplicate.
    (folder / "0.txt").rename(folder / "renamed.txt")
    (folder / "1.txt").write_text((folder / "1.txt").read_text(encoding="utf-8"), "utf-8")
    again = run_source(context, "drop", "manual")
    assert (again.ok, again.new, again.duplicate, again.errors) == (True, 0, 0, ())
    # A new file and a changed one are ingested.
    write_articles(tmp_path / "more", 3)
    shutil.copy(tmp_path / "more" / "2.txt", folder / "2.txt")
    (folder / "renamed.txt").write_text("A new title\n\nSamsung agreed to buy Harman.\n", "utf-8")
    third = run_source(context, "drop", "manual")
    assert (third.ok, third.new) == (True, 2)
    assert len(ingested(store)) == 4
    # A file that is no article is reported once, until it changes.
    (folder / "bad.txt").write_bytes(b"\x00\x01binary")
    bad = run_source(context, "drop", "manual")
    assert bad.ok and len(bad.errors) == 1 and bad.errors[0].startswith("bad.txt: binary data")
    assert run_source(context, "drop", "manual").errors == ()


def test_a_missing_folder_is_a_failed_run(
    context: RunContext, store: EventStore, tmp_path: Path
) -> None:
    configure_source(store, SourceSpec(id="gone", kind="folder", location=str(tmp_path / "no")))
    finished = run_source(context, "gone", "manual")
    assert not finished.ok and "not a folder" in finished.errors[0]


def test_feed_entries_pages_are_fetched_and_the_feed_asked_conditionally(
    context: RunContext, store: EventStore, server: Server
) -> None:
    for i in range(2):
        server.routes[f"/a/{i}"] = Page(article_html(*ARTICLES[i]))
    server.routes["/feed"] = Page(
        rss(server, [linked_item(server, 0), linked_item(server, 1)]),
        "application/rss+xml",
        etag='"v1"',
    )
    configure_source(store, SourceSpec(id="news", kind="feed", location=server.url("/feed")))
    first = run_source(context, "news", "schedule")
    assert (first.ok, first.new, first.errors) == (True, 2, ())
    articles = {a.url: a for a in ingested(store)}
    assert set(articles) == {server.url("/a/0"), server.url("/a/1")}
    page = articles[server.url("/a/0")]
    assert page.title == ARTICLES[0][0] and "Bloomberg reported" in page.text
    assert "Home | World" not in page.text  # the page's main text, not its navigation
    assert page.publisher == "Deal News" and str(page.published) == "2025-09-01"
    # The server says nothing changed: no page is fetched again.
    hits = len(server.hits)
    second = run_source(context, "news", "schedule")
    assert (second.ok, second.new, second.duplicate) == (True, 0, 0)
    assert server.hits[hits:] == [("/feed", '"v1"')]
    # A new entry: only its page is fetched.
    server.routes["/a/2"] = Page(article_html(*ARTICLES[2]))
    server.routes["/feed"] = Page(
        rss(server, [linked_item(server, i) for i in range(3)]), "application/rss+xml", etag='"v2"'
    )
    third = run_source(context, "news", "schedule")
    assert third.new == 1
    assert [path for path, _ in server.hits[hits + 1 :]] == ["/feed", "/a/2"]


def test_atom_entries_without_a_link_use_their_content(
    context: RunContext, store: EventStore, server: Server
) -> None:
    title, body = ARTICLES[2]
    server.routes["/atom"] = Page(
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        "<title>Wire</title><id>urn:wire</id><updated>2025-09-03T00:00:00Z</updated>"
        f"<entry><id>urn:wire:1</id><title>{title}</title>"
        "<updated>2025-09-03T00:00:00Z</updated>"
        f"<content type='text'>{body}</content></entry></feed>",
        "application/atom+xml",
    )
    configure_source(store, SourceSpec(id="wire", kind="feed", location=server.url("/atom")))
    finished = run_source(context, "wire", "manual")
    assert (finished.ok, finished.new) == (True, 1)
    [article] = ingested(store)
    assert article.url is None and article.title == title and "ZTE and Orange" in article.text
    assert run_source(context, "wire", "manual").new == 0


def test_a_single_page_source_is_ingested_and_revised(
    context: RunContext, store: EventStore, server: Server
) -> None:
    server.routes["/p"] = Page(article_html(*ARTICLES[0]))
    configure_source(store, SourceSpec(id="p", kind="page", location=server.url("/p")))
    assert run_source(context, "p", "manual").new == 1
    assert run_source(context, "p", "manual").duplicate == 1  # no validators: fetched again
    server.routes["/p"] = Page(article_html(ARTICLES[0][0], ARTICLES[1][1]))
    assert run_source(context, "p", "manual").revised == 1


def test_changes_and_runs_are_events_folded_into_the_read_model(
    context: RunContext, store: EventStore, engine: sa.Engine, tmp_path: Path
) -> None:
    write_articles(tmp_path / "d", 1)
    spec = SourceSpec(id="d", kind="folder", location=str(tmp_path / "d"), cron="*/5 * * * *")
    assert configure_source(store, spec)
    assert not configure_source(store, spec)  # unchanged: nothing written
    run_source(context, "d", "manual")
    assert pause_source(store, "d") and not pause_source(store, "d")
    projector = projector_with_sources(engine, store)
    projector.catch_up()
    [view] = list_sources(engine)
    assert (view.paused, view.schedule, view.runs, view.articles) == (
        True,
        "cron */5 * * * *",
        1,
        1,
    )
    [run] = run_history(engine, "d")
    assert (run.ok, run.new, run.trigger) == (True, 1, "manual") and run.finished_at
    assert resume_source(store, "d") and remove_source(store, "d")
    projector.catch_up()
    assert list_sources(engine) == []
    assert len(run_history(engine)) == 1  # the history stays
    types = [r.type for r in store.read_stream("source-d")]
    assert types == [
        "SourceConfigured",
        "SourceRunStarted",
        "SourceRunFinished",
        "SourcePaused",
        "SourceResumed",
        "SourceRemoved",
    ]
