"""How long a company page with about 500 events takes to render in headless Chromium.

    python bench/web.py [--events 500] [--runs 5]

Builds (once, kept in bench/.cache/) a synthetic log in which each of 40 companies takes
part in about `--events` current deal events, starts `timeline serve` on it as a user would,
and opens the busiest company's page in Debian's Chromium (through Playwright) `--runs`
times: from navigation to the page drawn (chart, filters and every event card), in ms. The
issue's target: under a second.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.api import Server, free_port
from bench.replay import build_log
from timeline.projections import Projector
from timeline.store import create_engine, open_sql_store
from timeline.store._migrate import upgrade

CACHE = Path(__file__).resolve().parent / ".cache"
COMPANIES = 40


def build(path: Path, per_company: int) -> None:
    if path.exists():
        return
    partial = path.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    engine = create_engine(f"sqlite:///{partial}")
    upgrade(engine)
    store = open_sql_store(engine)
    # Each deal event names about 1.9 companies; a few are superseded or retracted later.
    build_log(store, total=int(per_company * COMPANIES / 1.9 / 0.9 * 1.1), companies=COMPANIES)
    Projector(engine, store).catch_up()
    store.close()
    engine.dispose()
    partial.rename(path)


def busiest(path: Path, wanted: int) -> tuple[str, int]:
    """The company whose current event count is closest to `wanted`."""
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT company, count(*) FROM timeline_entries WHERE valid_to IS NULL GROUP BY company"
        ).all()
    engine.dispose()
    slug, count = min(rows, key=lambda row: abs(row[1] - wanted))
    return str(slug), int(count)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=500, help="events on the company page")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    chromium = os.environ.get("TIMELINE_CHROMIUM") or shutil.which("chromium")
    if not chromium:
        sys.exit("bench/web.py needs Chromium: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"web-{args.events}.db"
    build(path, args.events)
    slug, count = busiest(path, args.events)
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("TIMELINE_")}
    env["TIMELINE_DATABASE_URL"] = f"sqlite:///{path}"
    command = [sys.executable, "-m", "timeline.cli", "serve", "--host", "127.0.0.1"]
    server = Server([*command, "--port", str(port)], env, port, "/ready")
    times: list[float] = []
    fetches: list[float] = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
            for _ in range(args.runs + 1):  # the first run warms the server's caches
                page = browser.new_page(viewport={"width": 1280, "height": 900})
                page.goto(server.url(f"/company/{slug}"))
                page.wait_for_selector("body[data-ready]")
                shown = page.locator("#events > li").count()
                ready = page.evaluate("performance.getEntriesByName('timeline:ready')[0].startTime")
                fetched = page.evaluate(
                    "performance.getEntriesByName('timeline:fetched')[0].startTime"
                )
                times.append(float(ready))
                fetches.append(float(fetched))
                page.close()
            browser.close()
    finally:
        server.stop()
    times, fetches = times[1:], fetches[1:]
    print(f"company page of {slug}: {count} current events, {shown} drawn; {args.runs} runs")
    median = statistics.median(times)
    print(f"  navigation to drawn: median {median:,.0f} ms, max {max(times):,.0f} ms")
    print(f"  of which the API answered by: median {statistics.median(fetches):,.0f} ms")
    verdict = "meets" if max(times) < 1000 else "BELOW"
    print(f"  target: under 1,000 ms: {verdict}")


if __name__ == "__main__":
    main()
