"""What every handler is handed: the app, the gazetteer, the extractor and the metrics."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import sqlalchemy as sa

from timeline.api._metrics import Metrics
from timeline.bootstrap import App
from timeline.extraction import Extractor
from timeline.extraction.gazetteer import Gazetteer
from timeline.projections import Projector
from timeline.settings import Settings

__all__ = ["Context"]


class Context:
    """Built once by `create_app`; the read models follow every write made through it."""

    def __init__(self, app: App, gazetteer: Gazetteer, metrics: Metrics) -> None:
        if app.engine is None:
            raise ValueError("the API needs a SQL database for its read models")
        self.app = app
        self.engine: sa.Engine = app.engine
        self.gazetteer = gazetteer
        self.metrics = metrics
        self.projector: Projector = app.projector()
        self._extractor: Extractor | None = None
        self._lock = threading.Lock()

    @property
    def settings(self) -> Settings:
        return self.app.settings

    @property
    def extractor(self) -> Extractor:
        with self._lock:  # built on the first ingest, off the start-up path
            if self._extractor is None:
                self._extractor = Extractor(self.gazetteer)
            return self._extractor

    @contextmanager
    def reading(self) -> Iterator[sa.Connection]:
        with self.engine.connect() as conn:
            yield conn

    def appended(self, count: int) -> None:
        """Events were appended: count them and bring the read models up to them."""
        if count:
            self.metrics.appends.inc(count)
        self.projector.catch_up()
