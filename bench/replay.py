"""Replay throughput: every projection rebuilt from a log of 1,000,000 events, on SQLite.

    python bench/replay.py [--events 1000000] [--postgres URL]

The log is synthetic but shaped like the real one: article streams holding the article, then
3 to 12 deal events among hundreds of gazetteer companies; some articles are revised (their
deals superseded) and some deal events retracted. It is built once and kept in
bench/.cache/ (rebuilding takes a few minutes). In the same run the bare read of the same
rows, decoded into Structs, is measured as the floor, and so is the narrowest rebuild SQLite
itself can do of this log (`narrowest`), as the ceiling of any replay on this machine.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timeline.domain.dates import FuzzyDate
from timeline.domain.events import (
    ArticleIngested,
    ArticleReextracted,
    ArticleRevised,
    CompanyRef,
    CompanyRole,
    DealEvent,
    DealKind,
    DenialIssued,
    EndorsementObserved,
    EventRetracted,
    Evidence,
    PartnershipConfirmed,
    RumorReported,
)
from timeline.extraction.gazetteer import Gazetteer
from timeline.projections import Projector, Replayer, default_projections
from timeline.projections._staging import DEAL_TYPES, tag
from timeline.store import (
    Metadata,
    NewEvent,
    SqlEventStore,
    StreamState,
    create_engine,
    open_sql_store,
)
from timeline.store._migrate import upgrade

CACHE = Path(__file__).resolve().parent / ".cache"
TYPES: list[type[DealEvent]] = [
    RumorReported,
    DenialIssued,
    PartnershipConfirmed,
    EndorsementObserved,
]
KINDS = [k for k in DealKind if k is not DealKind.ENDORSEMENT]


def build_log(store: SqlEventStore, total: int, seed: int = 11, companies: int = 600) -> None:
    rng = random.Random(seed)
    pool = [(c.slug, c.name) for c in Gazetteer.load().companies][:companies]
    written, article = 0, 0
    started = time.perf_counter()
    deal_ids: list[tuple[str, uuid.UUID]] = []
    while written < total:
        article += 1
        article_id = f"{article:016x}"
        stream = f"article-{article_id}"
        published = FuzzyDate.parse(f"{rng.randint(2010, 2025)}-{rng.randint(1, 12):02d}")
        head_id = uuid.UUID(int=rng.getrandbits(128))
        text = " ".join(rng.choice(pool)[1] + " said it would expand." for _ in range(25))
        batch = [
            NewEvent(
                event_id=head_id,
                event=ArticleIngested(
                    article_id=article_id,
                    url=f"https://news.example.com/{article}",
                    title=f"Article {article}",
                    text=text,
                    published=published,
                    content_hash=f"{article:064x}",
                ),
            ),
            *_deals(rng, pool, article_id, head_id, published),
        ]
        store.append(stream, batch, StreamState.NO_STREAM)
        written += len(batch)
        deal_ids.extend((stream, e.event_id) for e in batch[1:])
        if article % 20 == 0:  # a revision supersedes the first extraction
            revision_id = uuid.UUID(int=rng.getrandbits(128))
            revised = [
                NewEvent(
                    event_id=revision_id,
                    event=ArticleRevised(
                        article_id=article_id,
                        revision=1,
                        title=f"Article {article}, updated",
                        text=text + " Updated.",
                        published=published,
                        content_hash=f"{article + 10**9:064x}",
                    ),
                ),
                *_deals(rng, pool, article_id, revision_id, published),
            ]
            store.append(stream, revised, len(batch))
            written += len(revised)
        if article % 50 == 0 and deal_ids:  # an analyst retracts one event
            stream_id, victim = deal_ids[rng.randrange(len(deal_ids))]
            retraction = EventRetracted(event_id=victim, reason="misread", by="bench")
            store.append(stream_id, [NewEvent(event=retraction)], StreamState.ANY)
            written += 1
        if article % 5000 == 0:
            rate = written / (time.perf_counter() - started)
            print(f"  building the log: {written:,} events ({rate:,.0f}/s)", file=sys.stderr)


def _deals(
    rng: random.Random,
    pool: list[tuple[str, str]],
    article_id: str,
    cause: uuid.UUID,
    published: FuzzyDate,
) -> list[NewEvent]:
    out = []
    for _ in range(rng.randint(3, 12)):
        kind = rng.choice(TYPES)
        (a_slug, a_name), (b_slug, b_name) = rng.sample(pool, 2)
        companies = [CompanyRef(slug=a_slug, name=a_name, role=CompanyRole.ACTOR)]
        if kind is not EndorsementObserved:
            companies.append(CompanyRef(slug=b_slug, name=b_name, role=CompanyRole.TARGET))
        sentence = f"{a_name} is said to be in talks with {b_name} about a deal."
        out.append(
            NewEvent(
                event_id=uuid.UUID(int=rng.getrandbits(128)),
                event=kind(
                    article_id=article_id,
                    deal_kind=DealKind.ENDORSEMENT
                    if kind is EndorsementObserved
                    else rng.choice(KINDS),
                    companies=tuple(companies),
                    evidence=(Evidence(text=sentence, start=0, end=len(sentence)),),
                    confidence=0.7,
                    rules=("bench",),
                    extractor_version="bench",
                    occurred=published,
                ),
                metadata=Metadata(causation_id=cause, extractor_version="bench"),
            )
        )
    return out


# The four read models cut to what ordering and counting need: no evidence, counterparties,
# people or sources, no per-article or per-directory event rows, no retractions, one index
# each. One pass of SQL per table, straight from the stored JSON, in one transaction that is
# rolled back. A replay that writes what the API shows does all of this and more, so this
# rate bounds it from above on this machine.
_DEALS = ", ".join(f"'{name}'" for name in DEAL_TYPES)  # the replay's own list of them
_HEADS = ", ".join(f"'{tag(cls)}'" for cls in (ArticleRevised, ArticleReextracted))
NARROWEST = (
    "CREATE TEMP TABLE heads AS SELECT json_extract(data, '$.article_id') AS article_id, position"
    f" FROM events WHERE type IN ({_HEADS})",
    "CREATE INDEX temp.heads_article ON heads (article_id, position)",
    "CREATE TEMP TABLE deals (position INTEGER PRIMARY KEY, type TEXT, article_id TEXT,"
    " deal_kind TEXT, sort_date TEXT, companies TEXT, valid_to INTEGER)",
    "INSERT INTO temp.deals SELECT position, type, json_extract(data, '$.article_id'),"
    " json_extract(data, '$.deal_kind'), json_extract(data, '$.occurred[0]'),"
    f" json_extract(data, '$.companies'), NULL FROM events WHERE type IN ({_DEALS})",
    "UPDATE temp.deals SET valid_to = (SELECT min(h.position) FROM temp.heads AS h"
    " WHERE h.article_id = deals.article_id AND h.position > deals.position)"
    " WHERE article_id IN (SELECT article_id FROM temp.heads)",
    "CREATE TABLE narrow_timeline AS SELECT j.value ->> 'slug' AS company, d.position,"
    " d.sort_date, d.valid_to, d.type, j.value ->> 'role' AS role"
    " FROM temp.deals AS d, json_each(d.companies) AS j",
    "CREATE INDEX narrow_timeline_sort ON narrow_timeline (company, sort_date, position)",
    "CREATE TABLE narrow_threads AS SELECT d.deal_kind || ':' || (SELECT group_concat(s, ',')"
    " FROM (SELECT j.value ->> 'slug' AS s FROM json_each(d.companies) AS j ORDER BY 1))"
    " AS thread, d.position, d.sort_date, d.valid_to, d.type FROM temp.deals AS d",
    "CREATE INDEX narrow_threads_thread ON narrow_threads (thread, position)",
    "CREATE TABLE narrow_directory AS SELECT company, count(*) AS events,"
    " min(sort_date) AS first_date, max(sort_date) AS last_date, max(position) AS position"
    " FROM narrow_timeline NOT INDEXED WHERE valid_to IS NULL GROUP BY company, type",
    "CREATE TABLE narrow_articles AS SELECT json_extract(data, '$.article_id') AS article_id,"
    " json_extract(data, '$.url') AS url, json_extract(data, '$.title') AS title, position"
    f" FROM events WHERE type = '{tag(ArticleIngested)}'",
)


def narrowest(path: Path) -> float:
    """Seconds SQLite alone takes to build the narrowest read models of the log at `path`."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN")
        started = time.perf_counter()
        for sql in NARROWEST:
            conn.execute(sql)
        return time.perf_counter() - started
    finally:
        conn.execute("ROLLBACK")
        conn.close()


def measure(url: str, total: int, rebuild: bool, label: str, path: Path | None = None) -> None:
    engine = create_engine(url)
    upgrade(engine)
    store = open_sql_store(engine)
    if rebuild or store.head() < total:
        print(f"{label}: building a log of {total:,} events", file=sys.stderr)
        build_log(store, total)
    head = store.head()
    print(f"{label}: {head:,} events in the log")
    started = time.perf_counter()
    read = sum(len(page) for page in store.iter_all(0, 5_000))
    bare = read / (time.perf_counter() - started)
    print(f"  bare read, decoded:          {bare:>12,.0f} events/s")
    if path is not None:
        narrow = head / narrowest(path)
        print(f"  narrowest rebuild, SQL only: {narrow:>12,.0f} events/s  (the ceiling here)")
    report = Replayer(engine, store, default_projections()).run()
    print(
        f"  replay, all projections:     {report.rate:>12,.0f} events/s  ({report.seconds:.1f} s)"
    )
    print(f"  ratio to the bare read:      {report.rate / bare:.2f}")
    print(
        f"  target: >= 100,000 events/s on SQLite: {'meets' if report.rate >= 100_000 else 'BELOW'}"
    )
    assert Projector(engine, store).catch_up() == 0
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--rebuild", action="store_true", help="build the log again")
    parser.add_argument("--postgres", help="also measure on this PostgreSQL database (emptied)")
    args = parser.parse_args()
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"replay-{args.events}.db"
    if args.rebuild and path.exists():
        os.remove(path)
    measure(f"sqlite:///{path}", args.events, args.rebuild, "SQLite", path)
    if args.postgres:
        measure(args.postgres, args.events, True, "PostgreSQL")
    shutil.rmtree(CACHE / "tmp", ignore_errors=True)


if __name__ == "__main__":
    main()
