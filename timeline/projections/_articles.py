"""The article index: articles with their metadata and the events found in each."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from timeline.domain.events import (
    ArticleIngested,
    ArticleReextracted,
    ArticleRevised,
    DealEvent,
)
from timeline.projections._base import TableProjection
from timeline.projections._bulk import bulk_insert
from timeline.projections._tables import article_events, articles
from timeline.store import RecordedEvent

__all__ = ["ArticleIndexProjection"]


class ArticleIndexProjection(TableProjection):
    name = "article_index"
    version = 1
    default_tables = (articles, article_events)

    def apply(self, conn: sa.Connection, records: Sequence[RecordedEvent]) -> None:
        found = self.validity("article_events")
        new: dict[str, dict[str, Any]] = {}  # articles first seen in this batch, by id
        for record in records:
            event = record.event
            handled = found.handle(conn, record)
            if isinstance(event, ArticleIngested):
                new[event.article_id] = {
                    "article_id": event.article_id,
                    "url": event.url,
                    "title": event.title,
                    "publisher": event.publisher,
                    "published": event.published.value,
                    "published_precision": str(event.published.precision),
                    "revision": 0,
                    "position": record.position,
                    "extraction_position": record.position,
                }
            elif isinstance(event, ArticleRevised):
                self._change(
                    conn,
                    new,
                    event.article_id,
                    title=event.title,
                    published=event.published.value,
                    published_precision=str(event.published.precision),
                    revision=event.revision,
                    extraction_position=record.position,
                )
            elif isinstance(event, ArticleReextracted):
                self._change(conn, new, event.article_id, extraction_position=record.position)
            elif not handled and isinstance(event, DealEvent):
                found.add(
                    {
                        "article_id": event.article_id,
                        "event_id": record.event_id,
                        "type": type(event).deal_type,
                        "position": record.position,
                        "valid_to": None,
                    }
                )
        bulk_insert(conn, self.t["articles"], list(new.values()))
        found.flush(conn)

    def _change(
        self, conn: sa.Connection, new: dict[str, dict[str, Any]], article_id: str, **values: Any
    ) -> None:
        """Change an article's row: the waiting one in memory, else the stored one."""
        if article_id in new:
            new[article_id].update(values)
            return
        articles = self.t["articles"]
        conn.execute(sa.update(articles).where(articles.c.article_id == article_id).values(values))
