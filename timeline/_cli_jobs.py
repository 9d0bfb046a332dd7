"""`timeline sources ...` and `timeline worker`: sources of articles and their schedules."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

import msgspec

from timeline._cli_errors import UsageError
from timeline.bootstrap import App, bootstrap
from timeline.jobs import (
    BadSource,
    HttpFetcher,
    Kind,
    NoSuchSource,
    RunContext,
    SourceSpec,
    Worker,
    configure_source,
    configured_specs,
    default_id,
    list_sources,
    parse_interval,
    pause_source,
    projector_with_sources,
    remove_source,
    resume_source,
    run_history,
    run_source,
)
from timeline.settings import Settings

__all__ = ["register"]

_ACTOR = "timeline sources"


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sources = commands.add_parser("sources", help="folders, feeds and pages read on a schedule")
    sub = sources.add_subparsers(title="sources commands", metavar="COMMAND", required=True)
    add = sub.add_parser("add", help="add a source, or change the one with this id")
    where = add.add_mutually_exclusive_group(required=True)
    where.add_argument("--folder", type=Path, help="a drop folder of article files")
    where.add_argument("--feed", metavar="URL", help="an RSS or Atom feed")
    where.add_argument("--page", metavar="URL", help="a single web page")
    add.add_argument("--id", help="the source's id (default: from the folder or URL)")
    when = add.add_mutually_exclusive_group()
    when.add_argument("--every", metavar="DURATION", help="90, 30s, 15m, 2h, 1d (default 15m)")
    when.add_argument("--cron", metavar="LINE", help='a crontab line in UTC, e.g. "0 * * * *"')
    add.set_defaults(run=_add)
    listing = sub.add_parser("list", help="the sources, their schedules and health")
    listing.add_argument("--format", choices=["table", "json"], default="table")
    listing.set_defaults(run=_list)
    for name, text in (("pause", "stop running it"), ("resume", "run it on schedule again")):
        one = sub.add_parser(name, help=text)
        one.add_argument("id")
        one.set_defaults(run=_change, change=name)
    gone = sub.add_parser("remove", help="remove a source (its history stays in the log)")
    gone.add_argument("id")
    gone.set_defaults(run=_change, change="remove")
    now = sub.add_parser("run", help="run a source now, in this process")
    now.add_argument("id")
    now.set_defaults(run=_run)
    history = sub.add_parser("history", help="the latest runs, of one source or all")
    history.add_argument("id", nargs="?")
    history.add_argument("--limit", type=int, default=20)
    history.add_argument("--format", choices=["table", "json"], default="table")
    history.set_defaults(run=_history)
    worker = commands.add_parser("worker", help="run the scheduler and the read models, no API")
    worker.set_defaults(run=_worker)


@contextmanager
def _app(settings: Settings) -> Iterator[App]:
    app = bootstrap(settings, migrate=False)
    try:
        yield app
    finally:
        app.close()


@contextmanager
def _explained() -> Iterator[None]:
    try:
        yield
    except (BadSource, NoSuchSource) as error:
        raise UsageError(str(error)) from None


def _catch_up(app: App) -> None:
    assert app.engine is not None  # bootstrap gives SQL apps only
    projector_with_sources(app.engine, app.store).catch_up()


def _add(args: argparse.Namespace, settings: Settings) -> int:
    kind: Kind
    with _explained():
        if args.folder is not None:
            if not args.folder.is_dir():
                raise UsageError(f"--folder: {args.folder} is not a folder")
            kind, location = "folder", str(args.folder.resolve())
        else:
            kind = "feed" if args.feed else "page"
            location = args.feed or args.page
        interval = parse_interval(args.every) if args.every else None
        spec = SourceSpec(
            id=args.id or default_id(kind, location),
            kind=kind,
            location=location,
            interval=interval,
            cron=args.cron,
        )
    with _app(settings) as app:
        changed = configure_source(app.store, spec, "cli", _ACTOR)
        _catch_up(app)
    state = "added or changed" if changed else "unchanged"
    print(f"{spec.id}: {spec.kind} {spec.location}, {spec.schedule} ({state})")
    return 0


def _change(args: argparse.Namespace, settings: Settings) -> int:
    action = {"pause": pause_source, "resume": resume_source, "remove": remove_source}
    with _app(settings) as app, _explained():
        changed = action[args.change](app.store, args.id, _ACTOR)
        _catch_up(app)
    past = {"pause": "paused", "resume": "resumed", "remove": "removed"}[args.change]
    print(f"{args.id}: {past}" if changed else f"{args.id}: already {past}")
    return 0


def _list(args: argparse.Namespace, settings: Settings) -> int:
    with _app(settings) as app:
        _catch_up(app)
        assert app.engine is not None
        views = list_sources(app.engine)
    if args.format == "json":
        print(msgspec.json.encode(views).decode())
        return 0
    if not views:
        print("no sources: add one with `timeline sources add --feed URL` or `--folder DIR`")
    for v in views:
        state = "paused" if v.paused else ("healthy" if v.healthy else "UNHEALTHY")
        print(
            f"{v.id:<24} {v.kind:<6} {v.schedule:<18} {state:<9} {v.runs:>5} runs"
            f" {v.articles:>6} articles  {v.location}"
        )
        if v.last_error and not v.healthy:
            print(f"{'':<24} last error: {v.last_error}")
    return 0


def _history(args: argparse.Namespace, settings: Settings) -> int:
    if args.limit < 1:
        raise UsageError("--limit must be at least 1")
    with _app(settings) as app:
        _catch_up(app)
        assert app.engine is not None
        runs = run_history(app.engine, args.id, args.limit)
    if args.format == "json":
        print(msgspec.json.encode(runs).decode())
        return 0
    for r in runs:
        state = {True: "ok", False: "failed", None: "unfinished"}[r.ok]
        print(
            f"{r.started_at:%Y-%m-%d %H:%M:%S}  {r.source_id:<20} {r.trigger:<8} {state:<10}"
            f" new {r.new} duplicate {r.duplicate} revised {r.revised} errors {len(r.errors)}"
        )
        for error in r.errors[:5]:
            print(f"    {error}")
    return 0


def _run(args: argparse.Namespace, settings: Settings) -> int:
    from timeline.extraction import Extractor
    from timeline.extraction.gazetteer import Gazetteer

    with _app(settings) as app, _explained():
        fetcher = HttpFetcher()
        try:
            context = RunContext(
                store=app.store,
                extractor=Extractor(Gazetteer.load()),
                fetcher=fetcher,
                actor=_ACTOR,
            )
            finished = run_source(context, args.id, "manual")
        finally:
            fetcher.close()
        _catch_up(app)
    print(
        f"{args.id}: {'ok' if finished.ok else 'failed'}, new {finished.new},"
        f" duplicate {finished.duplicate}, revised {finished.revised},"
        f" errors {len(finished.errors)}"
    )
    for error in finished.errors:
        print(f"  {error}")
    return 0 if finished.ok else 1


def _worker(args: argparse.Namespace, settings: Settings) -> int:
    from timeline.extraction import Extractor
    from timeline.extraction.gazetteer import Gazetteer

    with _explained():
        specs = configured_specs(settings)
    stop = threading.Event()

    def _stop(_signum: int, _frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    with _app(settings) as app:
        assert app.engine is not None
        fetcher = HttpFetcher()
        worker = Worker(
            app.engine,
            app.store,
            extractor=Extractor(Gazetteer.load()),
            fetcher=fetcher,
            specs=specs,
        )
        print(f"timeline worker: {len(specs)} sources in the settings file", file=sys.stderr)
        try:
            worker.run(stop)
        finally:
            fetcher.close()
    return 0
