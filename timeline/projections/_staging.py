"""A replay's view of the log in SQL: its closing events, then one chunk of deal events at a time.

SQLite only. The deal events of a chunk are read out of their stored JSON once, into temporary
tables, with the `valid_to` each row is born with; the read models are built from those. What
the stored JSON leaves out (msgspec omits default values) is filled in here, as decoding would.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import cast

import msgspec
import sqlalchemy as sa

from timeline.domain.events import (
    EVENT_TYPES,
    ArticleReextracted,
    ArticleRevised,
    DealEvent,
    Event,
    EventRetracted,
    type_name,
)
from timeline.projections._threads import thread_id

__all__ = ["DEAL_TYPES", "THREAD_ID", "Staging", "tag"]

THREAD_ID = "timeline_thread_id"  # the SQL function, registered on the connection


def tag(cls: type[Event]) -> str:
    """The type name the log stores for `cls`, checked safe to write inside SQL literals."""
    name = type_name(cls)
    assert name.isidentifier(), name
    return name


# Stored type name -> the read models' type (`deal_type`), from the classes themselves.
DEAL_TYPES = {
    tag(cls): cls.deal_type
    for cls in EVENT_TYPES.values()
    if issubclass(cls, DealEvent) and cls.deal_type.isidentifier()
}


def _quoted(names: Sequence[str]) -> str:
    return ", ".join(f"'{name}'" for name in names)


_HEADS = _quoted([tag(ArticleRevised), tag(ArticleReextracted)])
_RETRACTED = tag(EventRetracted)

_CREATE = (
    "CREATE TEMP TABLE replay_heads (article_id TEXT NOT NULL, position INTEGER NOT NULL,"
    " PRIMARY KEY (article_id, position)) WITHOUT ROWID",
    "CREATE TEMP TABLE replay_retracted (event_id TEXT PRIMARY KEY, position INTEGER NOT NULL)"
    " WITHOUT ROWID",
    "CREATE TEMP TABLE replay_deals (position INTEGER PRIMARY KEY, event_id TEXT, article_id TEXT,"
    " type TEXT, deal_kind TEXT, companies TEXT, people TEXT, sources TEXT, evidence TEXT,"
    " sort_date TEXT, date_precision TEXT, confidence REAL, recorded_at TEXT, valid_to INTEGER,"
    " thread_id TEXT)",
    "CREATE TEMP TABLE replay_companies (position INTEGER NOT NULL, idx INTEGER NOT NULL,"
    " slug TEXT NOT NULL, name TEXT NOT NULL, role TEXT NOT NULL, verified INTEGER NOT NULL,"
    " first INTEGER NOT NULL, listed TEXT NOT NULL, threaded TEXT NOT NULL,"
    " PRIMARY KEY (position, idx)) WITHOUT ROWID",
)
_TEMP_TABLES = ("replay_heads", "replay_retracted", "replay_deals", "replay_companies")

# The events that close rows, as Closures reads them.
_CLOSERS = (
    "INSERT INTO temp.replay_heads SELECT json_extract(data, '$.article_id'), position"
    f" FROM events WHERE position <= :horizon AND type IN ({_HEADS})",
    "INSERT INTO temp.replay_retracted"
    " SELECT lower(replace(json_extract(data, '$.event_id'), '-', '')), min(position)"
    f" FROM events WHERE position <= :horizon AND type = '{_RETRACTED}' GROUP BY 1",
)


def _deal_type(column: str) -> str:
    cases = " ".join(f"WHEN '{name}' THEN '{kind}'" for name, kind in DEAL_TYPES.items())
    return f"CASE {column} {cases} END"


# `recorded_at` as the Python fold stores the aware datetime: the sqlite3 module's
# isoformat(" "), which leaves out a zero fraction. The log keeps it UTC, naive, with one.
_RECORDED_AT = """CASE WHEN substr(e.recorded_at, 21) = '000000' THEN substr(e.recorded_at, 1, 19)
    ELSE e.recorded_at END || '+00:00'"""

# Each json_extract() call site parses the document again (SQLite 3.40 caches a parse per
# call site), so the event's JSON is read by as few of them as can be. A key that is absent
# from the text cannot be in the document (msgspec writes keys verbatim): no parse needed.
_FIELDS = """SELECT e.position, e.event_id, {recorded_at} AS recorded_at, {deal_type} AS type,
    json_extract(e.data, '$.companies') AS companies,
    CASE WHEN instr(e.data, '"people"') THEN json_extract(e.data, '$.people') END AS people,
    CASE WHEN instr(e.data, '"sources"') THEN json_extract(e.data, '$.sources') END AS sources,
    json_extract(e.data, '$.evidence') AS evidence,
    json_extract(e.data, '$.article_id', '$.deal_kind', '$.confidence', '$.occurred') AS m
FROM events AS e
WHERE e.position > :after AND e.position <= :upto AND e.type IN ({types})
LIMIT -1 OFFSET 0""".format(
    recorded_at=_RECORDED_AT, deal_type=_deal_type("e.type"), types=_quoted(list(DEAL_TYPES))
)

# PersonRef omits `role` and `company` when None; the read models keep all three keys.
_PEOPLE = """CASE WHEN people IS NULL THEN '[]' ELSE '[' || coalesce((
    SELECT group_concat('{"name":' || json_quote(json_extract(p.value, '$.name'))
        || ',"role":' || json_quote(json_extract(p.value, '$.role'))
        || ',"company":' || json_quote(json_extract(p.value, '$.company')) || '}', ',')
    FROM json_each(people) AS p), '') || ']' END"""

# Closures.valid_to in SQL: the next head of the article's stream, or the event's first
# retraction if that comes later than the event and sooner than the next head. (OFFSET 0
# keeps SQLite from flattening the subqueries, which would run each expression again.)
_DEALS = f"""INSERT INTO temp.replay_deals
SELECT position, event_id, article_id, type, deal_kind, companies, people, sources, evidence,
    sort_date, date_precision, confidence, recorded_at,
    CASE WHEN retracted > position AND (head IS NULL OR retracted < head) THEN retracted
        ELSE head END,
    {THREAD_ID}(deal_kind, companies)
FROM (
    SELECT *,
        (SELECT min(h.position) FROM temp.replay_heads AS h
            WHERE h.article_id = d.article_id AND h.position > d.position) AS head,
        (SELECT r.position FROM temp.replay_retracted AS r
            WHERE r.event_id = d.event_id) AS retracted
    FROM (
        SELECT position, event_id, recorded_at, type, companies, evidence,
            {_PEOPLE} AS people, coalesce(sources, '[]') AS sources,
            m ->> 0 AS article_id, m ->> 1 AS deal_kind, m ->> 2 AS confidence,
            json_extract(m, '$[3][0]') AS sort_date,
            coalesce(json_extract(m, '$[3][1]'), 'unknown') AS date_precision
        FROM ({_FIELDS})
        LIMIT -1 OFFSET 0
    ) AS d
    LIMIT -1 OFFSET 0
)"""

# Every element of `companies`, with the defaults msgspec left out filled in, as the read
# models show it; `first` marks a slug's first place, the one that makes rows.
_COMPANIES = """INSERT INTO temp.replay_companies
SELECT position, idx, slug, name, role, verified,
    row_number() OVER (PARTITION BY position, slug ORDER BY idx) = 1,
    '{"slug":' || json_quote(slug) || ',"name":' || json_quote(name) || ',"role":'
        || json_quote(role) || ',"verified":' || iif(verified, 'true', 'false') || '}',
    '{"slug":' || json_quote(slug) || ',"name":' || json_quote(name) || ',"verified":'
        || iif(verified, 'true', 'false') || '}'
FROM (
    SELECT d.position, c.key AS idx, json_extract(c.value, '$.slug') AS slug,
        json_extract(c.value, '$.name') AS name,
        coalesce(json_extract(c.value, '$.role'), 'party') AS role,
        coalesce(json_extract(c.value, '$.verified'), 1) AS verified
    FROM temp.replay_deals AS d, json_each(d.companies) AS c
    LIMIT -1 OFFSET 0
) AS c"""


class _Slug(msgspec.Struct):
    slug: str


_slugs = msgspec.json.Decoder(list[_Slug])


def _thread_id(deal_kind: str, companies: str) -> str:
    return thread_id(deal_kind, [c.slug for c in _slugs.decode(companies)])


class Staging:
    """Temporary tables on one connection: the closing events up to `horizon`, and a chunk."""

    def __init__(self, conn: sa.Connection, horizon: int) -> None:
        self._conn = conn
        self.horizon = horizon

    def open(self) -> None:
        """Create the tables and read the closing events; inside the caller's transaction."""
        raw = cast(sqlite3.Connection, self._conn.connection.dbapi_connection)
        raw.create_function(THREAD_ID, 2, _thread_id, deterministic=True)
        self.close()  # a connection whose last replay died may still hold them
        for sql in (*_CREATE, *_CLOSERS):
            self._conn.exec_driver_sql(sql, {"horizon": self.horizon})

    def load(self, after: int, upto: int) -> None:
        """Stage the deal events in (`after`, `upto`], replacing the last chunk."""
        self._conn.exec_driver_sql("DELETE FROM temp.replay_deals")
        self._conn.exec_driver_sql("DELETE FROM temp.replay_companies")
        self._conn.exec_driver_sql(_DEALS, {"after": after, "upto": upto})
        self._conn.exec_driver_sql(_COMPANIES)

    def close(self) -> None:
        for name in _TEMP_TABLES:
            self._conn.exec_driver_sql(f"DROP TABLE IF EXISTS temp.{name}")
