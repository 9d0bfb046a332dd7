"""What every handler is handed: the app, the gazetteer, the extractor, a fetcher, metrics."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa

from timeline.api._metrics import Metrics
from timeline.api._news import News
from timeline.bootstrap import App
from timeline.domain.events import DealEvent
from timeline.extraction import EXTRACTOR_VERSION, Extractor
from timeline.extraction.gazetteer import Gazetteer
from timeline.extraction.loading import Article
from timeline.jobs import Fetcher, HttpFetcher, RunContext
from timeline.projections import Projector
from timeline.settings import Settings

__all__ = ["Context", "LazyExtractor"]


class Context:
    """Built once by `create_app`; the read models follow every write made through it."""

    def __init__(
        self,
        app: App,
        gazetteer: Gazetteer,
        metrics: Metrics,
        fetcher: Fetcher | None = None,
    ) -> None:
        if app.engine is None:
            raise ValueError("the API needs a SQL database for its read models")
        self.app = app
        self.engine: sa.Engine = app.engine
        self.gazetteer = gazetteer
        self.metrics = metrics
        # Every read model, the sources one included (`App.projector`).
        self.projector: Projector = app.projector()
        self._extractor: Extractor | None = None
        self._fetcher = fetcher
        self._owns_fetcher = fetcher is None
        self._lock = threading.Lock()
        self.news = News(app.store)  # wakes the live event streams

    @property
    def settings(self) -> Settings:
        return self.app.settings

    @property
    def extractor(self) -> Extractor:
        with self._lock:  # built on the first ingest, off the start-up path
            if self._extractor is None:
                self._extractor = Extractor(self.gazetteer)
            return self._extractor

    @property
    def fetcher(self) -> Fetcher:
        with self._lock:  # one for every run in this process: the pause per host holds across
            if self._fetcher is None:
                self._fetcher = HttpFetcher()
            return self._fetcher

    def run_context(self, actor: str) -> RunContext:
        """What a run of a source needs; the extractor is built on the first use."""
        return RunContext(
            store=self.app.store, extractor=LazyExtractor(self), fetcher=self.fetcher, actor=actor
        )

    def close(self) -> None:
        """Stop the live streams' thread; close the fetcher this context made (one handed in
        belongs to its caller)."""
        self.news.close()
        with self._lock:
            if self._owns_fetcher and isinstance(self._fetcher, HttpFetcher):
                self._fetcher.close()
            self._fetcher = None

    @contextmanager
    def reading(self) -> Iterator[sa.Connection]:
        with self.engine.connect() as conn:
            yield conn

    def appended(self, count: int) -> None:
        """Events were appended: count them and bring the read models up to them."""
        if count:
            self.metrics.appends.inc(count)
        self.projector.catch_up()


class LazyExtractor:
    """The context's extractor, built when a run first extracts: the embedded scheduler is
    made at start-up, and loading the gazetteer's matcher there would slow `serve` down."""

    version = EXTRACTOR_VERSION

    def __init__(self, context: Context) -> None:
        self._context = context

    def extract(self, article: Article) -> list[DealEvent]:
        return self._context.extractor.extract(article)
