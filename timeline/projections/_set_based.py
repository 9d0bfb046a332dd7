"""Read models built in SQL from a staged chunk of the log: what each projection's fold writes.

SQLite only. Each builder writes, for the staged deal events after `after`, the rows its
projection's `apply` would write in a replay, encoded as SQLAlchemy stores them (hex UUIDs,
ISO dates, JSON text). JSON is assembled as text around values SQLite already holds as JSON,
which decodes to what msgspec writes, key order included. `tests/projections` checks every
table against the Python fold.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import sqlalchemy as sa

from timeline.domain.events import ArticleIngested, ArticleRevised
from timeline.projections._articles import ArticleIndexProjection
from timeline.projections._base import Projection
from timeline.projections._directory import COUNTS, DirectoryProjection
from timeline.projections._staging import tag
from timeline.projections._threads import DealThreadsProjection
from timeline.projections._timeline import TimelineProjection

__all__ = ["Builder", "builder_for"]

# (connection, the projection's tables by their usual names, after, upto): writes the rows of
# the chunk staged for (after, upto]; the builder may skip what it has no part in.
Builder = Callable[[sa.Connection, Mapping[str, sa.Table], int, int], None]


def _timeline(conn: sa.Connection, t: Mapping[str, sa.Table], after: int, upto: int) -> None:
    # `counterparties`: every other element of `companies`, a repeated slug's other place too.
    conn.exec_driver_sql(
        f"""INSERT INTO "{t["timeline_entries"].name}" (company, event_id, position, valid_to,
            type, deal_kind, role, counterparties, people, sources, evidence, sort_date,
            date_precision, article_id, confidence, recorded_at)
        SELECT c.slug, d.event_id, d.position, d.valid_to, d.type, d.deal_kind, c.role,
            '[' || coalesce((SELECT group_concat(o.listed, ',') FROM temp.replay_companies AS o
                WHERE o.position = c.position AND o.idx != c.idx), '') || ']',
            d.people, d.sources, d.evidence, d.sort_date, d.date_precision, d.article_id,
            d.confidence, d.recorded_at
        FROM temp.replay_companies AS c JOIN temp.replay_deals AS d ON d.position = c.position
        WHERE c.first AND c.position > ?""",
        (after,),
    )


def _threads(conn: sa.Connection, t: Mapping[str, sa.Table], after: int, upto: int) -> None:
    conn.exec_driver_sql(
        f"""INSERT INTO "{t["thread_events"].name}" (thread_id, event_id, deal_kind, companies,
            type, position, valid_to, sort_date, date_precision, article_id)
        SELECT d.thread_id, d.event_id, d.deal_kind,
            '[' || coalesce((SELECT group_concat(o.threaded, ',') FROM temp.replay_companies AS o
                WHERE o.position = d.position), '') || ']',
            d.type, d.position, d.valid_to, d.sort_date, d.date_precision, d.article_id
        FROM temp.replay_deals AS d WHERE d.position > ?""",
        (after,),
    )


def _articles(conn: sa.Connection, t: Mapping[str, sa.Table], after: int, upto: int) -> None:
    articles = t["articles"].name
    conn.exec_driver_sql(
        f"""INSERT INTO "{articles}" (article_id, url, title, publisher, published,
            published_precision, revision, position, extraction_position)
        SELECT json_extract(data, '$.article_id'), json_extract(data, '$.url'),
            json_extract(data, '$.title'), json_extract(data, '$.publisher'),
            json_extract(data, '$.published[0]'),
            coalesce(json_extract(data, '$.published[1]'), 'unknown'), 0, position, position
        FROM events
        WHERE position > ? AND position <= ? AND type = '{tag(ArticleIngested)}'""",
        (after, upto),
    )
    # The last revision in the chunk sets the metadata (bare columns follow max()).
    conn.exec_driver_sql(
        f"""UPDATE "{articles}" SET title = r.title, published = r.published,
            published_precision = r.precision, revision = r.revision
        FROM (SELECT json_extract(data, '$.article_id') AS article_id,
                json_extract(data, '$.title') AS title,
                json_extract(data, '$.published[0]') AS published,
                coalesce(json_extract(data, '$.published[1]'), 'unknown') AS precision,
                json_extract(data, '$.revision') AS revision, max(position)
            FROM events
            WHERE position > ? AND position <= ? AND type = '{tag(ArticleRevised)}'
            GROUP BY 1) AS r
        WHERE "{articles}".article_id = r.article_id""",
        (after, upto),
    )
    conn.exec_driver_sql(
        f"""UPDATE "{articles}" SET extraction_position = h.position
        FROM (SELECT article_id, max(position) AS position FROM temp.replay_heads
            WHERE position > ? AND position <= ? GROUP BY article_id) AS h
        WHERE "{articles}".article_id = h.article_id""",
        (after, upto),
    )
    conn.exec_driver_sql(
        f"""INSERT INTO "{t["article_events"].name}" (article_id, event_id, type, position,
            valid_to)
        SELECT article_id, event_id, type, position, valid_to
        FROM temp.replay_deals WHERE position > ?""",
        (after,),
    )


def _directory(conn: sa.Connection, t: Mapping[str, sa.Table], after: int, upto: int) -> None:
    conn.exec_driver_sql(
        f"""INSERT INTO "{t["company_events"].name}" (company, event_id, article_id, type,
            sort_date, position, valid_to)
        SELECT c.slug, d.event_id, d.article_id, d.type, d.sort_date, d.position, d.valid_to
        FROM temp.replay_companies AS c JOIN temp.replay_deals AS d ON d.position = c.position
        WHERE c.first AND c.position > ?""",
        (after,),
    )
    # Counts and dates follow the rows born current; name and verified come from the first
    # event naming the company, so a row already there keeps its own.
    counts = ", ".join(
        f"sum(d.valid_to IS NULL AND d.type = '{kind}') AS {column}"
        for kind, column in COUNTS.items()
    )
    columns = ", ".join(COUNTS.values())
    added = ", ".join(f"{column} = {column} + excluded.{column}" for column in COUNTS.values())
    conn.exec_driver_sql(
        f"""INSERT INTO "{t["companies"].name}" (slug, name, verified, {columns}, first_date,
            last_date, last_position)
        SELECT a.slug, f.name, f.verified, {columns}, a.first_date, a.last_date, a.last_position
        FROM (SELECT c.slug, {counts},
                min(CASE WHEN d.valid_to IS NULL THEN d.sort_date END) AS first_date,
                max(CASE WHEN d.valid_to IS NULL THEN d.sort_date END) AS last_date,
                max(d.position) AS last_position
            FROM temp.replay_companies AS c
            JOIN temp.replay_deals AS d ON d.position = c.position
            WHERE c.first AND c.position > ? GROUP BY c.slug) AS a
        JOIN (SELECT slug, name, verified, min(position)
            FROM temp.replay_companies WHERE first AND position > ? GROUP BY slug) AS f
            ON f.slug = a.slug
        WHERE true
        ON CONFLICT (slug) DO UPDATE SET {added},
            first_date = coalesce(min(first_date, excluded.first_date), first_date,
                excluded.first_date),
            last_date = coalesce(max(last_date, excluded.last_date), last_date,
                excluded.last_date),
            last_position = max(last_position, excluded.last_position)""",
        (after, after),
    )


_BUILDERS: dict[type, Builder] = {
    TimelineProjection: _timeline,
    DealThreadsProjection: _threads,
    ArticleIndexProjection: _articles,
    DirectoryProjection: _directory,
}


def builder_for(projection: Projection) -> Builder | None:
    """The SQL builder of exactly this projection's class; a subclass may fold otherwise."""
    return _BUILDERS.get(type(projection))
