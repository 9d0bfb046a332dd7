"""Extraction throughput on one core: articles and MB of text per second, file to deal events.

    python bench/extract.py [--articles 2000] [--size 4000] [--rounds 3] [--seed 7]

The articles are variants of the seeds (seeds/) and the development set (tests/data/dev/):
each takes one of them, shuffles its body paragraphs, adds shuffled paragraphs of others
until it holds about `--size` bytes (0 keeps each at its own size), and gets a file name and
URL with a suffix of its own, so that no two texts are the same. They are written to a
temporary folder and loaded from there. The gazetteer is loaded once, timed on its own.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NamedTuple

from timeline.domain.dates import FuzzyDate
from timeline.extraction import Extractor
from timeline.extraction.gazetteer import Gazetteer
from timeline.extraction.loading import Article, Metadata, load_file

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = (ROOT / "seeds", ROOT / "tests" / "data" / "dev")
TARGET_RATE = 400  # articles per second
TARGET_SIZE = 4_000  # bytes an article, roughly
MB = 1_000_000


class Base(NamedTuple):
    name: str
    title: str
    paragraphs: list[str]
    metadata: dict[str, str]


class Variant(NamedTuple):
    name: str
    text: str
    metadata: Metadata


def read_bases() -> list[Base]:
    bases = []
    for folder in FOLDERS:
        listed = json.loads((folder / "articles.json").read_text(encoding="utf-8"))
        sidecar = {entry["file"]: entry for entry in listed}
        for path in sorted(folder.glob("*.txt")):
            title, _, body = path.read_text(encoding="utf-8").partition("\n\n")
            paragraphs = [p for p in body.split("\n\n") if p.strip()]
            bases.append(Base(path.stem, title, paragraphs, sidecar.get(path.name, {})))
    return bases


def make_variants(bases: Sequence[Base], count: int, size: int, seed: int) -> list[Variant]:
    rng = random.Random(seed)
    variants = []
    for n in range(count):
        base = bases[n % len(bases)]
        body = base.paragraphs[:]
        rng.shuffle(body)
        text = "\n\n".join([base.title, *body])
        while len(text.encode()) < size:
            other = rng.choice(bases)
            text += "\n\n" + rng.choice(other.paragraphs)
        meta = base.metadata
        url = meta.get("url")
        published = meta.get("published")
        metadata = Metadata(
            url=f"{url}?v={n}" if url else None,
            publisher=meta.get("publisher"),
            published=FuzzyDate.parse(published, meta.get("published_precision"))
            if published
            else None,
        )
        variants.append(Variant(f"{base.name}_v{n:05d}.txt", text + "\n", metadata))
    return variants


def timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def pin_to_one_core() -> str:
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity); single-threaded"
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return f"pinned to CPU {cpu}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=2_000)
    parser.add_argument("--size", type=int, default=TARGET_SIZE, help="bytes per article, about")
    parser.add_argument("--rounds", type=int, default=3, help="best of this many extractions")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if args.articles < 1 or args.rounds < 1:
        parser.error("--articles and --rounds must be at least 1")

    core = pin_to_one_core()
    print(f"Python {platform.python_version()} on {platform.machine()}, {core}")
    bases = read_bases()
    variants = make_variants(bases, args.articles, args.size, args.seed)

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for variant in variants:
            (folder / variant.name).write_text(variant.text, encoding="utf-8")
        articles: list[Article] = []
        load_s = timed(
            lambda: articles.extend(
                load_file(folder / v.name, metadata=v.metadata) for v in variants
            )
        )

    gazetteer: list[Gazetteer] = []
    gazetteer_s = timed(lambda: gazetteer.append(Gazetteer.load()))
    extractor: list[Extractor] = []
    setup_s = timed(lambda: extractor.append(Extractor(gazetteer[0])))
    # Tables built on first use and the lexicon's patterns warm up outside the timing.
    warm_s = timed(lambda: [extractor[0].extract(a) for a in articles[: len(bases)]])

    events: list[int] = []

    def extract_all() -> None:
        events[:] = [len(extractor[0].extract(a)) for a in articles]

    rounds = [timed(extract_all) for _ in range(args.rounds)]
    extract_s = min(rounds)
    find_s = min(
        timed(lambda: [gazetteer[0].find(a.text) for a in articles]) for _ in range(args.rounds)
    )

    count = len(articles)
    text_bytes = sum(len(a.original.encode()) for a in articles)
    sizes = sorted(len(a.original.encode()) for a in articles)
    sources = ", ".join(str(f.relative_to(ROOT)) for f in FOLDERS)
    print(
        f"articles: {count:,} variants of {len(bases)} ({sources}); "
        f"text {text_bytes / MB:.2f} MB, average {text_bytes / count:,.0f} bytes "
        f"(median {statistics.median(sizes):,.0f}, min {sizes[0]:,}, max {sizes[-1]:,})"
    )
    print(
        f"gazetteer load: {gazetteer_s:.2f} s (once); extractor setup: {setup_s:.3f} s; "
        f"warm-up on {len(bases)} articles: {warm_s:.2f} s"
    )
    print(f"extraction rounds: {'  '.join(f'{r:.2f} s' for r in rounds)} (best is used)")
    print(f"{'stage':<36}{'seconds':>9}{'articles/s':>12}{'MB/s':>8}  share")
    end_to_end = load_s + extract_s
    stages = [
        ("loading/normalising", load_s),
        ("gazetteer find (timed on its own)", find_s),
        ("other stages (extract minus find)", max(extract_s - find_s, 0.0)),
        ("extract (total)", extract_s),
        ("end to end (load + extract)", end_to_end),
    ]
    for label, seconds in stages:
        print(
            f"{label:<36}{seconds:>9.3f}{count / seconds:>12,.0f}"
            f"{text_bytes / MB / seconds:>8.2f}  {seconds / end_to_end:>5.0%}"
        )
    rate = count / end_to_end
    verdict = "meets" if rate >= TARGET_RATE else "BELOW"
    print(
        f"target: >= {TARGET_RATE} articles/s of about {TARGET_SIZE / 1000:.0f} KB "
        f"(>= {TARGET_RATE * TARGET_SIZE / MB:.1f} MB/s) end to end on one core: "
        f"{rate:,.0f} articles/s, {text_bytes / MB / end_to_end:.2f} MB/s ({verdict})"
    )
    print(f"events found: {sum(events):,} ({sum(events) / count:.2f} an article)")
    # The stage split is measured from outside: the extractor reports no timings itself.
    sys.stdout.flush()


if __name__ == "__main__":
    main()
