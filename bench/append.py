"""Append and read-back throughput of the event store against no-framework floors.

    python bench/append.py [--events 200000] [--batch 1000] [--postgres URL]

SQLite: the store vs bare sqlite3 `executemany` into a table of the same shape.
PostgreSQL: the store vs bare psycopg `COPY` into a table of the same shape.
Then every event is read back decoded into Structs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sqlite3
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import msgspec
import psycopg
import sqlalchemy as sa

from timeline.domain.dates import FuzzyDate
from timeline.domain.events import CompanyRef, CompanyRole, DealKind, Evidence, RumorReported
from timeline.store import (
    Codec,
    DatabaseError,
    Metadata,
    NewEvent,
    StreamState,
    check_connection,
    create_engine,
    open_sql_store,
)
from timeline.store._migrate import upgrade

DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
COMPANIES = [("tencent", "Tencent"), ("xiaomi", "Xiaomi"), ("alibaba", "Alibaba"), ("zte", "ZTE")]


def make_event(n: int) -> NewEvent:
    """A deal event of about 300 bytes of JSON, like the extractor's."""
    actor, target = COMPANIES[n % 4], COMPANIES[(n + 1) % 4]
    return NewEvent(
        event_id=uuid.UUID(int=n + 1),
        event=RumorReported(
            article_id=f"{n // 8:016x}",
            deal_kind=DealKind.INVESTMENT,
            companies=(
                CompanyRef(slug=actor[0], name=actor[1], role=CompanyRole.ACTOR),
                CompanyRef(slug=target[0], name=target[1], role=CompanyRole.TARGET),
            ),
            evidence=(Evidence(text=f"{actor[1]} to invest in {target[1]}", start=n, end=n + 30),),
            confidence=0.8,
            rules=("rumor.plan",),
            extractor_version="0.1.0",
            occurred=FuzzyDate.parse("2014-04"),
        ),
        metadata=Metadata(causation_id=uuid.UUID(int=n // 8)),
    )


def batches(total: int, size: int) -> Iterator[list[NewEvent]]:
    for start in range(0, total, size):
        yield [make_event(n) for n in range(start, min(start + size, total))]


def floor_rows(
    batch: list[NewEvent], start: int, stream: str, sqlite: bool
) -> list[tuple[Any, ...]]:
    """The rows the floor writes: payloads encoded beforehand, so it measures insertion only."""
    codec = Codec()
    now = dt.datetime.now(dt.UTC)
    stamp: Any = now.strftime("%Y-%m-%d %H:%M:%S.%f") if sqlite else now
    return [
        (
            start + i,
            e.event_id.hex if sqlite else e.event_id,
            stream,
            i,
            "RumorReported",
            1,
            codec.encode(e.event).decode(),
            codec.encode_metadata(e.metadata).decode(),
            stamp,
            stamp,
        )
        for i, e in enumerate(batch, start=1)
    ]


def timed(label: str, count: int, run: Callable[[], None]) -> float:
    started = time.perf_counter()
    run()
    rate = count / (time.perf_counter() - started)
    print(f"  {label:<44} {rate:>12,.0f} events/s")
    return rate


def bench_sqlite(total: int, size: int, workdir: Path) -> dict[str, float]:
    print(f"SQLite ({total:,} events, batches of {size:,})")
    store_url = f"sqlite:///{workdir / 'store.db'}"
    engine = create_engine(store_url)
    upgrade(engine)
    with engine.connect() as conn:
        ddl = [
            row[0]
            for row in conn.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE tbl_name = 'events' AND sql IS NOT NULL"
            )
        ]
    store = open_sql_store(engine)
    prepared = list(batches(total, size))
    floor_batches = [floor_rows(b, i * size, f"article-{i}", True) for i, b in enumerate(prepared)]

    bare = sqlite3.connect(workdir / "floor.db", isolation_level=None)
    for pragma in ("journal_mode = WAL", "synchronous = NORMAL"):
        bare.execute(f"PRAGMA {pragma}")
    for statement in ddl:
        bare.execute(statement)

    def floor() -> None:
        for rows in floor_batches:
            bare.execute("BEGIN IMMEDIATE")
            bare.executemany("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
            bare.execute("COMMIT")

    def append() -> None:
        for i, batch in enumerate(prepared):
            store.append(f"article-{i}", batch, StreamState.NO_STREAM)

    figures = {
        "floor": timed("floor: sqlite3 executemany", total, floor),
        "append": timed("store.append", total, append),
    }
    figures["read"] = timed(
        "store.read_all, decoded to Structs", total, lambda: read_all(store, total)
    )
    bare.close()
    store.close()
    return figures


def read_all(store: Any, total: int) -> None:
    """The whole log through the streaming reader, as a replay reads it."""
    count = sum(len(page) for page in store.iter_all(0, 10_000))
    assert count == total, (count, total)


def read_pages(store: Any, total: int) -> None:
    """The whole log one read_all page at a time, as a projection catching up reads it."""
    position, count = 0, 0
    while page := store.read_all(position, 10_000):
        count += len(page)
        position = page[-1].position
    assert count == total, (count, total)


def bench_postgres(total: int, size: int, url: str) -> dict[str, float] | None:
    engine = create_engine(url)
    try:
        check_connection(engine)
    except DatabaseError as error:
        print(f"PostgreSQL skipped: {error}")
        return None
    print(f"PostgreSQL ({total:,} events, batches of {size:,})")
    schema, floor_schema = f"bench_{uuid.uuid4().hex[:8]}", f"bench_floor_{uuid.uuid4().hex[:8]}"
    with engine.begin() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
        conn.exec_driver_sql(f"CREATE SCHEMA {floor_schema}")
    try:
        return _bench_postgres(total, size, url, schema, floor_schema)
    finally:
        with engine.begin() as conn:
            conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
            conn.exec_driver_sql(f"DROP SCHEMA {floor_schema} CASCADE")
        engine.dispose()


def _bench_postgres(
    total: int, size: int, url: str, schema: str, floor_schema: str
) -> dict[str, float]:
    def in_schema(name: str) -> str:
        return (
            sa.make_url(url)
            .update_query_dict({"options": f"-csearch_path={name}"})
            .render_as_string(False)
        )

    store_engine = create_engine(in_schema(schema))
    floor_engine = create_engine(in_schema(floor_schema))
    upgrade(store_engine)
    upgrade(floor_engine)  # the same table, triggers and indexes
    store = open_sql_store(store_engine)
    prepared = list(batches(total, size))
    floor_batches = [floor_rows(b, i * size, f"article-{i}", False) for i, b in enumerate(prepared)]
    pg = psycopg.connect(
        sa.make_url(in_schema(floor_schema)).set(drivername="postgresql").render_as_string(False)
    )
    columns = (
        "position, event_id, stream_id, stream_version, type, schema_version,"
        " data, metadata, occurred_at, recorded_at"
    )

    def floor() -> None:
        for rows in floor_batches:
            with pg.cursor() as cursor, cursor.copy(f"COPY events ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            pg.commit()

    def append() -> None:
        for i, batch in enumerate(prepared):
            store.append(f"article-{i}", batch, StreamState.NO_STREAM)

    figures = {
        "floor": timed("floor: psycopg COPY", total, floor),
        "append": timed("store.append", total, append),
    }
    figures["read"] = timed(
        "store.read_all, decoded to Structs", total, lambda: read_all(store, total)
    )
    pg.close()
    store.close()
    floor_engine.dispose()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--batch", type=int, default=1_000)
    parser.add_argument(
        "--postgres",
        default=os.environ.get("TIMELINE_TEST_POSTGRES_URL", DEFAULT_PG),
        help="server to measure (default: TIMELINE_TEST_POSTGRES_URL or the local test database)",
    )
    args = parser.parse_args()
    size = len(msgspec.json.encode(make_event(12345).event))
    print(f"payload: {size} bytes of JSON per event")
    with tempfile.TemporaryDirectory() as tmp:
        lite = bench_sqlite(args.events, args.batch, Path(tmp))
    pg = bench_postgres(args.events, args.batch, args.postgres)
    print("summary")
    print(f"  SQLite append / sqlite3 floor: {lite['append'] / lite['floor']:.2f}  (target >= 0.8)")
    print(f"  SQLite read, decoded:          {lite['read']:,.0f} events/s  (target >= 500,000)")
    if pg is not None:
        print(
            f"  PostgreSQL append / COPY floor: {pg['append'] / pg['floor']:.2f}  (target >= 0.6)"
        )
        print(f"  PostgreSQL read, decoded:       {pg['read']:,.0f} events/s")


if __name__ == "__main__":
    main()
