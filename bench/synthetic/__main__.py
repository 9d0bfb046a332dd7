"""Write synthetic articles to a folder: python -m bench.synthetic --count N --seed S --out DIR."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from bench.synthetic._generate import generate, write_folder

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.synthetic", description=__doc__)
    parser.add_argument("--count", type=int, default=100, help="articles to write (100)")
    parser.add_argument("--seed", type=int, default=0, help="random seed (0)")
    parser.add_argument("--size", type=int, default=4000, help="bytes an article, about (4000)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write into")
    args = parser.parse_args(argv)
    if args.count < 0 or args.size < 1:
        parser.error("--count must be 0 or more and --size positive")
    started = time.perf_counter()
    articles = generate(args.count, args.seed, size=args.size)
    generated = time.perf_counter() - started
    write_folder(articles, args.out)
    size = sum(len(a.text.encode()) for a in articles)
    print(
        f"{len(articles)} articles, {size / 1e6:.2f} MB, generated in {generated:.2f} s"
        f" (gazetteer load included), written to {args.out}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
