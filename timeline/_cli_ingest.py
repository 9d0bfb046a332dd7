"""`timeline init` and `timeline ingest`: articles into the log, with their deal events."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from timeline._cli_errors import UsageError
from timeline._resources import shipped_dir
from timeline.bootstrap import bootstrap
from timeline.extraction import Extractor
from timeline.extraction.gazetteer import Gazetteer
from timeline.extraction.loading import (
    EXTENSIONS,
    ArticleRejected,
    Loaded,
    Rejected,
    load_file,
    load_folder,
    load_text,
)
from timeline.services import IngestOutcome, Outcome, ingest_loaded
from timeline.settings import Settings
from timeline.store._migrate import head_revision

__all__ = ["load_seeds", "register"]

_PROGRESS_FROM = 5  # a bar for more files than this; a few are listed instead


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    init = commands.add_parser(
        "init", help="migrate the database and ingest the seed articles into the log"
    )
    init.add_argument("--seeds", type=Path, help="folder of articles (default: the shipped seeds)")
    init.set_defaults(run=_init)
    ingest = commands.add_parser(
        "ingest", help="ingest articles (files, folders, or - for standard input)"
    )
    ingest.add_argument("paths", nargs="+", metavar="PATH")
    ingest.add_argument("--title", help="title of an article read from standard input")
    ingest.add_argument("--url", help="URL of an article read from standard input")
    ingest.set_defaults(run=_ingest)


def _init(args: argparse.Namespace, settings: Settings) -> int:
    seeds: Path = args.seeds or shipped_dir("seeds")
    if not seeds.is_dir():
        raise UsageError(f"--seeds: {seeds} is not a folder")
    return _run(settings, [str(seeds)], migrate=True, actor="timeline init", listed=True)


def load_seeds(settings: Settings, actor: str) -> int:
    """Ingest the shipped seed articles, listing them; the command's exit status."""
    return _run(settings, [str(shipped_dir("seeds"))], migrate=True, actor=actor, listed=True)


def _ingest(args: argparse.Namespace, settings: Settings) -> int:
    for path in args.paths:
        if path != "-" and not Path(path).exists():
            raise UsageError(f"{path}: no such file or folder")
    stdin = {"title": args.title, "url": args.url}
    return _run(settings, args.paths, migrate=False, actor="timeline ingest", stdin=stdin)


def _run(
    settings: Settings,
    paths: Sequence[str],
    *,
    migrate: bool,
    actor: str,
    listed: bool = False,
    stdin: dict[str, str | None] | None = None,
) -> int:
    app = bootstrap(settings, migrate=migrate)
    console = Console(stderr=True)
    try:
        if listed:
            print(f"database: {settings.database_url} (schema {head_revision()})")
            print(f"articles: {', '.join(paths)}")
        extractor = Extractor(Gazetteer.load())
        items = list(_load(paths, stdin or {}))
        outcomes: list[IngestOutcome] = []
        results = ingest_loaded(app.store, extractor, items, actor=actor)
        if len(items) > _PROGRESS_FROM and not listed:
            columns = (
                TextColumn("ingesting"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
            )
            with Progress(*columns, console=console, transient=True) as progress:
                task = progress.add_task("ingest", total=len(items))
                for outcome in results:
                    outcomes.append(outcome)
                    progress.advance(task)
        else:
            outcomes.extend(results)
            for outcome in outcomes:
                print("  " + describe(outcome))
        for outcome in outcomes:
            if outcome.outcome is Outcome.REJECTED and not listed and len(items) > _PROGRESS_FROM:
                print(f"  rejected  {outcome.source}: {outcome.reason}")
        print(summary(outcomes) + f"; the log holds {app.store.head()} events")
        app.refresh()  # the embedded default: read models follow every ingest
    finally:
        app.close()
    return 1 if any(o.outcome is Outcome.REJECTED for o in outcomes) else 0


def _load(paths: Sequence[str], stdin: dict[str, str | None]) -> Iterator[Loaded | Rejected]:
    for name in paths:
        if name == "-":
            try:
                article = load_text(
                    sys.stdin.read(), title=stdin.get("title"), url=stdin.get("url")
                )
                yield Loaded(path=Path("-"), article=article)
            except ArticleRejected as error:
                yield Rejected(path=Path("-"), reason=error.reason)
            continue
        path = Path(name)
        if path.is_dir():
            yield from load_folder(path)
        elif path.suffix.lower() not in EXTENSIONS:
            yield Rejected(path=path, reason=f"not an article file ({', '.join(EXTENSIONS)})")
        else:
            try:
                yield Loaded(path=path, article=load_file(path))
            except ArticleRejected as error:
                yield Rejected(path=path, reason=error.reason)


def describe(outcome: IngestOutcome) -> str:
    if outcome.outcome is Outcome.REJECTED:
        return f"{outcome.outcome:<9}  {outcome.source}: {outcome.reason}"
    if outcome.positions:
        stored = f"  ({outcome.deal_events} deal events, positions {outcome.positions[0]}"
        stored += f"-{outcome.positions[-1]})" if len(outcome.positions) > 1 else ")"
    else:
        stored = "  (already stored)"
    head = f"{outcome.outcome:<9}  {outcome.article_id}  {outcome.published:<10}"
    return f"{head} {outcome.title}{stored}"


def summary(outcomes: Sequence[IngestOutcome]) -> str:
    counts = {kind: sum(o.outcome is kind for o in outcomes) for kind in Outcome}
    parts = ", ".join(f"{n} {kind}" for kind, n in counts.items())
    events = sum(len(o.positions) for o in outcomes)
    return f"{len(outcomes)} articles: {parts}; {events} events appended"
