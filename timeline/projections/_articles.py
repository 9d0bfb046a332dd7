"""The article index: articles with their metadata and the events found in each."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from timeline.domain.events import (
    ArticleIngested,
    ArticleReextracted,
    ArticleRevised,
    DealEvent,
)
from timeline.projections._base import TableProjection, ValidityTable
from timeline.projections._bulk import bulk_insert
from timeline.projections._tables import article_events, articles
from timeline.store import RecordedEvent

__all__ = ["ArticleIndexProjection"]


class ArticleIndexProjection(TableProjection):
    name = "article_index"
    version = 1
    default_tables = (articles, article_events)

    def apply(self, conn: sa.Connection, records: Sequence[RecordedEvent]) -> None:
        articles = self.t["articles"]
        found = ValidityTable(self.t["article_events"])
        new: list[dict[str, object]] = []
        for record in records:
            event = record.event
            handled = found.handle(conn, record)
            if isinstance(event, ArticleIngested):
                new.append(
                    {
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
                )
                continue
            if isinstance(event, ArticleRevised | ArticleReextracted) and new:
                bulk_insert(conn, articles, new)  # the update below needs the row in place
                new = []
            if isinstance(event, ArticleRevised):
                conn.execute(
                    sa.update(articles)
                    .where(articles.c.article_id == event.article_id)
                    .values(
                        title=event.title,
                        published=event.published.value,
                        published_precision=str(event.published.precision),
                        revision=event.revision,
                        extraction_position=record.position,
                    )
                )
            elif isinstance(event, ArticleReextracted):
                conn.execute(
                    sa.update(articles)
                    .where(articles.c.article_id == event.article_id)
                    .values(extraction_position=record.position)
                )
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
        bulk_insert(conn, articles, new)
        found.flush(conn)
