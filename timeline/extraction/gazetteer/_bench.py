"""Timing of load and find: python -m timeline.extraction.gazetteer._bench"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

from timeline.extraction.gazetteer._gazetteer import Gazetteer

__all__ = ["main"]

_SEEDS = Path(__file__).resolve().parents[3] / "seeds"  # the repository's seed articles


def _articles(count: int, size: int) -> list[str]:
    """Articles of about `size` characters made of shuffled seed sentences."""
    sentences = [
        s.strip() + "."
        for path in sorted(_SEEDS.glob("*.txt"))
        for s in path.read_text(encoding="utf-8").split(". ")
        if s.strip()
    ]
    rng = random.Random(7)
    articles = []
    for _ in range(count):
        parts: list[str] = []
        while sum(len(p) + 1 for p in parts) < size:
            parts.append(rng.choice(sentences))
        articles.append(" ".join(parts)[:size])
    return articles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--size", type=int, default=4096)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    started = time.perf_counter()
    gazetteer = Gazetteer.load()
    loaded = time.perf_counter() - started
    articles = _articles(args.articles, args.size)
    gazetteer.find(articles[0])
    rounds, cpu = [], []
    for _ in range(args.rounds):
        started, started_cpu = time.perf_counter(), time.process_time()
        for article in articles:
            gazetteer.find(article)
        rounds.append((time.perf_counter() - started) / len(articles))
        cpu.append((time.process_time() - started_cpu) / len(articles))
    cold = []
    for article in articles[:50]:
        gazetteer._fuzzy._memo.clear()  # the worst case: no word seen before
        started = time.perf_counter()
        gazetteer.find(article)
        cold.append(time.perf_counter() - started)
    mentions = statistics.mean(len(gazetteer.find(a)) for a in articles)
    print(f"load: {loaded * 1000:.0f} ms for {len(gazetteer.companies)} companies")
    print(
        f"find: {statistics.median(rounds) * 1e6:.0f} us per {args.size}-char article, "
        f"best round {min(rounds) * 1e6:.0f} us, CPU time {statistics.median(cpu) * 1e6:.0f} us "
        f"(median of {args.rounds} rounds over {len(articles)} articles, "
        f"{mentions:.0f} mentions each); with an empty misspelling memo "
        f"{statistics.mean(cold) * 1e6:.0f} us"
    )


if __name__ == "__main__":
    main()
