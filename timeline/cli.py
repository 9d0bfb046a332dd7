"""The `timeline` command line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

import msgspec
import sqlalchemy as sa

from timeline import __version__
from timeline._cli_corrections import register as register_corrections
from timeline._cli_errors import UsageError
from timeline._cli_extraction import register as register_extraction
from timeline._cli_ingest import register as register_ingest
from timeline._cli_jobs import register as register_jobs
from timeline._cli_serve import register as register_serve
from timeline._cli_timeline import register as register_timeline
from timeline.bootstrap import SchemaOutOfDate, bootstrap
from timeline.projections import ReplayNeeded
from timeline.settings import Settings, SettingsError, load_settings
from timeline.store import DatabaseError, EventStoreError, check_connection, create_engine
from timeline.store._migrate import current_revision, head_revision, upgrade

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "run"):
        parser.print_help()
        return 2
    try:
        settings = load_settings(config_file=args.config)
        run: Callable[[argparse.Namespace, Settings], int] = args.run
        return run(args, settings)
    except (SettingsError, DatabaseError, SchemaOutOfDate, UsageError, ReplayNeeded) as error:
        print(f"timeline: error: {error}", file=sys.stderr)
        return 2
    except EventStoreError as error:
        print(f"timeline: error: {error}", file=sys.stderr)
        return 1
    except sa.exc.DBAPIError as error:
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        print(f"timeline: error: database: {reason}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("timeline: interrupted", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="timeline", description="Per-company deal timelines from business news."
    )
    parser.add_argument("--version", action="version", version=f"timeline {__version__}")
    parser.add_argument(
        "--config", metavar="FILE", help="TOML settings file (default: $TIMELINE_CONFIG)"
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    register_extraction(commands)

    register_ingest(commands)
    register_timeline(commands)
    register_corrections(commands)
    register_jobs(commands)
    register_serve(commands)

    db = commands.add_parser("db", help="database schema")
    db_commands = db.add_subparsers(title="db commands", metavar="COMMAND", required=True)
    up = db_commands.add_parser("upgrade", help="migrate the database to the latest schema")
    up.add_argument("revision", nargs="?", default="head")
    up.set_defaults(run=_db_upgrade)
    db_commands.add_parser("current", help="show the database's schema revision").set_defaults(
        run=_db_current
    )

    log = commands.add_parser("events", help="print the event log in order")
    log.add_argument("--after", type=int, default=0, metavar="POSITION")
    log.add_argument("--limit", type=int, default=50)
    log.add_argument("--type", action="append", dest="types", metavar="TYPE")
    log.add_argument("--format", choices=["table", "jsonl"], default="table")
    log.set_defaults(run=_events)
    return parser


def _db_upgrade(args: argparse.Namespace, settings: Settings) -> int:
    engine = create_engine(settings.database_url)
    try:
        check_connection(engine)
        upgrade(engine, args.revision)
        print(f"{_shown(settings.database_url)}: schema {current_revision(engine)}")
    finally:
        engine.dispose()
    return 0


def _db_current(args: argparse.Namespace, settings: Settings) -> int:
    engine = create_engine(settings.database_url)
    try:
        check_connection(engine)
        found, wanted = current_revision(engine), head_revision()
        state = "up to date" if found == wanted else f"needs upgrade to {wanted}"
        print(f"{_shown(settings.database_url)}: schema {found or 'none'} ({state})")
    finally:
        engine.dispose()
    return 0


def _events(args: argparse.Namespace, settings: Settings) -> int:
    if args.limit < 0 or args.after < 0:
        raise UsageError("--after and --limit must not be negative")
    app = bootstrap(settings, migrate=False)
    try:
        records = app.store.read_all(args.after, args.limit, args.types)
        encoder = msgspec.json.Encoder()
        for record in records:
            if args.format == "jsonl":
                line = {
                    "position": record.position,
                    "stream_id": record.stream_id,
                    "stream_version": record.stream_version,
                    "event_id": record.event_id,
                    "type": record.type,
                    "recorded_at": record.recorded_at,
                    "data": record.event,
                }
                sys.stdout.write(encoder.encode(line).decode() + "\n")
            else:
                when = record.recorded_at.strftime("%Y-%m-%d %H:%M:%S")
                print(f"{record.position:>8}  {when}  {record.type:<22} {record.stream_id}")
    finally:
        app.close()
    return 0


def _shown(url: str) -> str:
    return sa.make_url(url).render_as_string(hide_password=True)


if __name__ == "__main__":
    raise SystemExit(main())
