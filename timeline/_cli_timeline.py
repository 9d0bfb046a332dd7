"""`timeline show`, `timeline project` and `timeline replay`: the read side."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import threading
import time

import msgspec
import sqlalchemy as sa
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from timeline._cli_errors import UsageError
from timeline.bootstrap import App, bootstrap
from timeline.extraction.gazetteer import Gazetteer
from timeline.jobs import read_models
from timeline.projections import (
    Replayer,
    ReplayRunning,
    TimelineEntry,
    company_timeline,
    position_at,
    resolve_company,
)
from timeline.settings import Settings

__all__ = ["register"]

_TYPES = ("rumor", "denial", "partnership", "endorsement")


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    show = commands.add_parser("show", help="a company's deal timeline")
    show.add_argument("company", help="name, alias, ticker (HKEx: 700) or slug")
    show.add_argument("--type", action="append", dest="types", choices=_TYPES)
    show.add_argument("--as-of", metavar="POSITION|TIME", help="what was known then")
    show.add_argument("--format", choices=["table", "json"], default="table")
    show.set_defaults(run=_show)
    project = commands.add_parser("project", help="bring the read models up to the log's head")
    project.add_argument("--follow", action="store_true", help="keep them there as events arrive")
    project.set_defaults(run=_project)
    replay = commands.add_parser("replay", help="rebuild the read models from the whole log")
    replay.add_argument(
        "--projection",
        action="append",
        choices=[p.name for p in read_models()],
        help="only this one (repeatable; default: all)",
    )
    replay.set_defaults(run=_replay)


def _show(args: argparse.Namespace, settings: Settings) -> int:
    gazetteer = Gazetteer.load()
    app = bootstrap(settings, migrate=False)
    try:
        assert app.engine is not None
        app.refresh()
        with app.engine.connect() as conn:
            company = resolve_company(conn, gazetteer, args.company)
            if company is None:
                close = ", ".join(c.name for c in gazetteer.suggest(args.company, limit=3))
                hint = f"; did you mean: {close}?" if close else ""
                raise UsageError(f"unknown company {args.company!r}{hint}")
            slug, name = company.slug, company.name
            as_of = _as_of(conn, args.as_of)
            entries = company_timeline(conn, slug, types=args.types, as_of_position=as_of)
    finally:
        app.close()
    if args.format == "json":
        sys.stdout.write(
            msgspec.json.encode({"company": slug, "name": name, "events": entries}).decode()
        )
        sys.stdout.write("\n")
    else:
        _print_table(name, entries, as_of)
    return 0


def _as_of(conn: sa.Connection, value: str | None) -> int | None:
    if value is None:
        return None
    if value.isdigit():
        return int(value)
    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--as-of: {value!r} is neither a log position nor an ISO time") from None
    return position_at(conn, when if when.tzinfo else when.replace(tzinfo=dt.UTC))


def _print_table(name: str, entries: list[TimelineEntry], as_of: int | None) -> None:
    console = Console(width=None if sys.stdout.isatty() else 160)
    count = f"{len(entries)} event" + ("" if len(entries) == 1 else "s")
    title = f"{name}: {count}" + (f" as of position {as_of}" if as_of else "")
    table = Table(title=title, show_lines=False)
    for column in ("date", "type", "kind", "with", "evidence", "source", "pos"):
        table.add_column(column)
    for e in entries:
        others = ", ".join(c["name"] for c in e.counterparties) or ", ".join(
            p["name"] for p in e.people
        )
        evidence = e.evidence[0]["text"] if e.evidence else ""
        table.add_row(
            e.shown_date,
            e.type if e.current else f"{e.type} (since replaced)",
            e.deal_kind,
            others,
            evidence if len(evidence) < 140 else evidence[:137] + "...",
            ", ".join(e.sources),
            str(e.position),
        )
    console.print(table)


def _project(args: argparse.Namespace, settings: Settings) -> int:
    app = bootstrap(settings, migrate=False)
    try:
        projector = app.projector()
        started = time.perf_counter()
        seen = app.refresh()
        print(f"projected {seen} events in {time.perf_counter() - started:.2f} s; {_marks(app)}")
        if args.follow:
            print("following the log; Ctrl-C to stop", file=sys.stderr)
            stop = threading.Event()
            try:
                projector.follow(stop)
            except KeyboardInterrupt:
                stop.set()
    finally:
        app.close()
    return 0


def _replay(args: argparse.Namespace, settings: Settings) -> int:
    app = bootstrap(settings, migrate=False)
    try:
        assert app.engine is not None
        chosen = [p for p in read_models() if not args.projection or p.name in args.projection]
        replayer = Replayer(app.engine, app.store, chosen)
        columns = (
            TextColumn("replaying"),
            BarColumn(),
            TextColumn("{task.completed:,.0f}/{task.total:,.0f}"),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
        )
        started = time.perf_counter()
        with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task("replay", total=app.store.head(), rate="")

            def advance(position: int, head: int) -> None:
                rate = position / max(time.perf_counter() - started, 1e-9)
                bar.update(task, completed=position, total=head, rate=f"{rate:,.0f} events/s")

            try:
                report = replayer.run(advance)
            except ReplayRunning as error:
                raise UsageError(str(error)) from None
        resumed = f", resumed from {report.resumed_from}" if report.resumed_from else ""
        print(
            f"replayed {', '.join(report.projections)}: {report.events:,} events in"
            f" {report.seconds:.2f} s ({report.rate:,.0f} events/s{resumed}); {_marks(app)}"
        )
    finally:
        app.close()
    return 0


def _marks(app: App) -> str:
    marks = app.projector().checkpoints()
    return ", ".join(f"{name} at {pos}" for name, (pos, _v) in marks.items())
