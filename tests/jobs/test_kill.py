"""A worker killed with SIGKILL in the middle of a run, restarted: every article once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from jobserver import ARTICLES, Page, Server, article_html

from timeline.store import create_engine, open_sql_store
from timeline.store._migrate import upgrade

PAGES = 3


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    url = (
        f"sqlite:///{tmp_path / 'timeline.db'}"
        if request.param == "sqlite"
        else request.getfixturevalue("postgres_schema_url")
    )
    engine = create_engine(url)
    upgrade(engine)
    engine.dispose()
    yield url


def start_worker(url: str, config: Path, log: Path) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TIMELINE_")}
    env.update(TIMELINE_DATABASE_URL=url, TIMELINE_CONFIG=str(config))
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "timeline.cli", "worker"], env=env, stdout=out, stderr=out
        )


def test_a_killed_worker_restarted_ingests_every_article_exactly_once(
    database_url: str, server: Server, tmp_path: Path
) -> None:
    items = ""
    for i in range(PAGES):
        title, body = ARTICLES[i % len(ARTICLES)]
        server.routes[f"/a/{i}"] = Page(article_html(f"{title} ({i})", body))
        items += f"<item><title>{title} ({i})</title><link>{server.url(f'/a/{i}')}</link></item>"
    server.routes["/feed"] = Page(
        f"<?xml version='1.0'?><rss version='2.0'><channel><title>F</title>{items}</channel></rss>",
        "application/rss+xml",
    )
    config = tmp_path / "timeline.toml"
    config.write_text(f'[[sources]]\nid = "news"\nfeed = "{server.url("/feed")}"\nevery = "1h"\n')
    store = open_sql_store(create_engine(database_url), poll_interval=0.05)

    def count(kind: str) -> int:
        return len(store.read_all(0, 1000, [kind]))

    def wait(check: object, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while not check():  # type: ignore[operator]
            assert time.monotonic() < deadline, (tmp_path / "worker.log").read_text()
            time.sleep(0.05)

    # The fetcher waits a second between two requests to a host: the run takes seconds.
    worker = start_worker(database_url, config, tmp_path / "worker.log")
    try:
        wait(lambda: count("ArticleIngested") >= 1)
        worker.send_signal(signal.SIGKILL)
        worker.wait(10)
        assert count("ArticleIngested") < PAGES and count("SourceRunFinished") == 0
        worker = start_worker(database_url, config, tmp_path / "worker.log")
        wait(lambda: count("SourceRunFinished") == 1)
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(15) == 0
    finally:
        if worker.poll() is None:
            worker.kill()
    articles = [r.event for r in store.read_all(0, 1000, ["ArticleIngested"])]
    assert sorted(a.url or "" for a in articles) == sorted(  # type: ignore[union-attr]
        server.url(f"/a/{i}") for i in range(PAGES)
    )
    runs = store.read_all(0, 1000, ["SourceRunStarted"])
    assert [r.event.trigger for r in runs] == ["schedule", "recover"]  # type: ignore[union-attr]
    store.close()
