"""Ingest throughput end to end: files on disk to events in the log and read models current.

    python bench/ingest.py [--articles 1000] [--postgres URL]

Synthetic articles of about 4 KB (bench/synthetic, reproducible by seed) are written to a
folder, then loaded, extracted, appended and projected exactly as `timeline ingest` does,
into a new SQLite file (and, with --postgres, a fresh schema of that database).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlalchemy as sa

from bench.synthetic import generate, write_folder
from timeline.extraction import Extractor
from timeline.extraction.gazetteer import Gazetteer
from timeline.extraction.loading import load_folder
from timeline.projections import Projector
from timeline.services import Outcome, ingest_loaded
from timeline.store import create_engine, open_sql_store
from timeline.store._migrate import upgrade


def run(url: str, folder: Path, extractor: Extractor, label: str) -> float:
    engine = create_engine(url)
    upgrade(engine)
    store = open_sql_store(engine)
    projector = Projector(engine, store)
    started = time.perf_counter()
    outcomes = list(ingest_loaded(store, extractor, load_folder(folder)))
    ingested = time.perf_counter()
    projector.catch_up()
    finished = time.perf_counter()
    new = sum(o.outcome is Outcome.NEW for o in outcomes)
    rate = len(outcomes) / (finished - started)
    print(
        f"{label}: {len(outcomes):,} articles ({new:,} new), {store.head():,} events;"
        f" load+extract+append {ingested - started:.1f} s, project {finished - ingested:.1f} s"
    )
    print(f"  end to end: {rate:,.0f} articles/s")
    store.close()
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--postgres", help="also measure on this PostgreSQL database")
    args = parser.parse_args()
    extractor = Extractor(Gazetteer.load())
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        write_folder(generate(args.articles, args.seed), folder)
        rate = run(f"sqlite:///{Path(tmp) / 'ingest.db'}", folder, extractor, "SQLite")
        print(f"  target: >= 200 articles/s on SQLite: {'meets' if rate >= 200 else 'BELOW'}")
        if args.postgres:
            schema = f"bench_{uuid.uuid4().hex[:8]}"
            admin = create_engine(args.postgres)
            with admin.begin() as conn:
                conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
            url = sa.make_url(args.postgres).update_query_dict(
                {"options": f"-csearch_path={schema}"}
            )
            try:
                run(url.render_as_string(hide_password=False), folder, extractor, "PostgreSQL")
            finally:
                with admin.begin() as conn:
                    conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")
                admin.dispose()


if __name__ == "__main__":
    main()
