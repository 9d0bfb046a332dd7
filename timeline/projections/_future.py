"""What the log closes later, read ahead of a replay so each row is written once, final."""

from __future__ import annotations

import bisect
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from timeline.domain.events import ArticleReextracted, ArticleRevised, EventRetracted
from timeline.store import EventStore, RecordedEvent

__all__ = ["CLOSING_TYPES", "Closures"]

# Only these close rows: a later head of an article's stream, or a retraction.
CLOSING_TYPES = ("ArticleRevised", "ArticleReextracted", "EventRetracted")


class Closures:
    """Every closing event up to `horizon`, so a row's `valid_to` is known when it is made.

    `settled` is the position up to which the rows already stored knew the closures: a
    closing event at or below it has nothing left to change in the tables.
    """

    def __init__(self, records: Iterable[RecordedEvent], horizon: int, settled: int) -> None:
        self.horizon = horizon
        self.settled = min(settled, horizon)
        self._heads: dict[str, list[int]] = {}
        self._retracted: dict[uuid.UUID, int] = {}
        for record in records:
            if record.position > horizon:
                break
            event = record.event
            if isinstance(event, ArticleRevised | ArticleReextracted):
                self._heads.setdefault(event.article_id, []).append(record.position)
            elif isinstance(event, EventRetracted):
                self._retracted.setdefault(event.event_id, record.position)

    @classmethod
    def read(cls, store: EventStore, horizon: int, settled: int) -> Closures:
        pages = store.iter_all(0, 10_000, CLOSING_TYPES)
        return cls((r for page in pages for r in page), horizon, settled)

    def valid_to(self, row: Mapping[str, Any]) -> int | None:
        """The position that closes `row` (article_id, event_id, position), if any does."""
        position: int = row["position"]
        found = None
        heads = self._heads.get(row["article_id"])
        if heads is not None:
            at = bisect.bisect_right(heads, position)
            if at < len(heads):
                found = heads[at]
        retracted = self._retracted.get(row["event_id"])
        if retracted is not None and retracted > position and (found is None or retracted < found):
            found = retracted
        return found

    def stored_rows_know(self, position: int) -> bool:
        """Whether the stored rows already reflect the closing event at `position`."""
        return position <= self.settled
