"""Append and read-back throughput of the event store against no-framework floors.

    python bench/append.py [--events 200000] [--batch 1000] [--postgres URL]

SQLite: the store vs bare sqlite3 `executemany` into a table of the same shape.
PostgreSQL: the store vs bare psycopg `COPY` into a table of the same shape.
Then every event is read back decoded into Structs, and, as the ceiling of any reader on
this machine, the same events are decoded by msgspec from one JSON text already in memory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
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
    RecordedEvent,
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


def timed(count: int, run: Callable[[], None]) -> float:
    started = time.perf_counter()
    run()
    return count / (time.perf_counter() - started)


LABELS = {
    "floor": "floor (no framework)",
    "append": "store.append",
    "read": "store.iter_all, decoded to Structs",
    "pages": "store.read_all pages, decoded",
    "ceiling": "msgspec decode alone, no database",
}


def report(name: str, rounds: list[dict[str, float]]) -> dict[str, float]:
    """Print each round and return the best figure of each measure."""
    print(name)
    best = {key: max(r[key] for r in rounds) for key in rounds[0]}
    for key, label in LABELS.items():
        each = "  ".join(f"{r[key]:>9,.0f}" for r in rounds)
        print(f"  {label:<38} best {best[key]:>9,.0f} events/s   rounds: {each}")
    return best


def read_all(store: Any, total: int) -> None:
    """The whole log through the streaming reader, as a replay reads it."""
    count = sum(len(page) for page in store.iter_all(0, 2_000))
    assert count == total, (count, total)


def read_pages(store: Any, total: int) -> None:
    """The whole log one read_all page at a time, as a projection catching up reads it."""
    position, count = 0, 0
    while page := store.read_all(position, 2_000):
        count += len(page)
        position = page[-1].position
    assert count == total, (count, total)


def decode_ceiling(store: Any, total: int) -> float:
    """The same events decoded from one JSON text in memory: what no reader can beat here."""
    text = msgspec.json.encode([e for page in store.iter_all(0, 10_000) for e in page])
    decoder = msgspec.json.Decoder(list[RecordedEvent])
    gc.disable()  # as the store's reader does while it decodes a page
    try:
        return timed(total, lambda: decoder.decode(text))
    finally:
        gc.enable()


def measure(
    store: Any, prepared: list[list[NewEvent]], floor: Callable[[int], None]
) -> dict[str, float]:
    """Appends alternate batch by batch with the floor's, so both see the same machine."""
    total = sum(len(b) for b in prepared)
    spent = {"floor": 0.0, "append": 0.0}
    for i, batch in enumerate(prepared):
        started = time.perf_counter()
        floor(i)
        middle = time.perf_counter()
        store.append(f"article-{i}", batch, StreamState.NO_STREAM)
        spent["floor"] += middle - started
        spent["append"] += time.perf_counter() - middle
    figures = {key: total / seconds for key, seconds in spent.items()}
    figures["read"] = timed(total, lambda: read_all(store, total))
    figures["pages"] = timed(total, lambda: read_pages(store, total))
    figures["ceiling"] = decode_ceiling(store, total)
    return figures


def sqlite_round(prepared: list[list[NewEvent]], workdir: Path) -> dict[str, float]:
    size = len(prepared[0])
    engine = create_engine(f"sqlite:///{workdir / 'store.db'}")
    upgrade(engine)
    with engine.connect() as conn:
        ddl = [
            row[0]
            for row in conn.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE tbl_name = 'events' AND sql IS NOT NULL"
            )
        ]
    store = open_sql_store(engine)
    floor_batches = [floor_rows(b, i * size, f"article-{i}", True) for i, b in enumerate(prepared)]
    bare = sqlite3.connect(workdir / "floor.db", isolation_level=None)
    for pragma in ("journal_mode = WAL", "synchronous = NORMAL"):
        bare.execute(f"PRAGMA {pragma}")
    for statement in ddl:  # the same table, indexes and triggers as the store's
        bare.execute(statement)

    def floor(i: int) -> None:
        bare.execute("BEGIN IMMEDIATE")
        bare.executemany("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?)", floor_batches[i])
        bare.execute("COMMIT")

    try:
        return measure(store, prepared, floor)
    finally:
        bare.close()
        store.close()


def postgres_round(prepared: list[list[NewEvent]], url: str) -> dict[str, float]:
    size = len(prepared[0])
    admin = create_engine(url)
    schemas = [f"bench_{uuid.uuid4().hex[:8]}" for _ in range(2)]
    with admin.begin() as conn:
        for schema in schemas:
            conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    engines = [create_engine(_in_schema(url, schema)) for schema in schemas]
    for engine in engines:
        upgrade(engine)  # the same table, indexes and triggers for store and floor
    store = open_sql_store(engines[0])
    floor_batches = [floor_rows(b, i * size, f"article-{i}", False) for i, b in enumerate(prepared)]
    pg = psycopg.connect(
        sa.make_url(_in_schema(url, schemas[1]))
        .set(drivername="postgresql")
        .render_as_string(False)
    )
    columns = (
        "position, event_id, stream_id, stream_version, type, schema_version,"
        " data, metadata, occurred_at, recorded_at"
    )

    def floor(i: int) -> None:
        with pg.cursor() as cursor, cursor.copy(f"COPY events ({columns}) FROM STDIN") as copy:
            for row in floor_batches[i]:
                copy.write_row(row)
        pg.commit()

    try:
        return measure(store, prepared, floor)
    finally:
        pg.close()
        store.close()
        engines[1].dispose()
        with admin.begin() as conn:
            for schema in schemas:
                conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
        admin.dispose()


def _in_schema(url: str, schema: str) -> str:
    with_path = sa.make_url(url).update_query_dict({"options": f"-csearch_path={schema}"})
    return with_path.render_as_string(hide_password=False)


def postgres_reachable(url: str) -> bool:
    engine = create_engine(url)
    try:
        check_connection(engine)
        return True
    except DatabaseError as error:
        print(f"PostgreSQL skipped: {error}")
        return False
    finally:
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--batch", type=int, default=1_000)
    parser.add_argument("--rounds", type=int, default=3, help="best of this many runs")
    parser.add_argument(
        "--postgres",
        default=os.environ.get("TIMELINE_TEST_POSTGRES_URL", DEFAULT_PG),
        help="server to measure (default: TIMELINE_TEST_POSTGRES_URL or the local test database)",
    )
    args = parser.parse_args()
    size = len(msgspec.json.encode(make_event(12345).event))
    print(f"{args.events:,} events in batches of {args.batch:,}, {size} bytes of JSON each;")
    print(f"best of {args.rounds} rounds, each on new files and schemas")
    prepared = list(batches(args.events, args.batch))
    lite_rounds = []
    for _ in range(args.rounds):
        with tempfile.TemporaryDirectory() as tmp:
            lite_rounds.append(sqlite_round(prepared, Path(tmp)))
    lite = report("SQLite (floor: sqlite3 executemany)", lite_rounds)
    pg = None
    if postgres_reachable(args.postgres):
        pg_rounds = [postgres_round(prepared, args.postgres) for _ in range(args.rounds)]
        pg = report("PostgreSQL (floor: psycopg COPY)", pg_rounds)
    print("summary (ratios of the best rounds; appends alternate with the floor batch by batch)")
    print(f"  SQLite append / floor:      {lite['append'] / lite['floor']:.2f}  (target >= 0.8)")
    print(f"  SQLite read, decoded:       {lite['read']:,.0f} events/s  (target >= 500,000)")
    print(f"  msgspec decode, no database: {lite['ceiling']:,.0f} events/s  (the ceiling here)")
    if pg is not None:
        print(f"  PostgreSQL append / floor:  {pg['append'] / pg['floor']:.2f}  (target >= 0.6)")
        print(f"  PostgreSQL read, decoded:   {pg['read']:,.0f} events/s")


if __name__ == "__main__":
    main()
