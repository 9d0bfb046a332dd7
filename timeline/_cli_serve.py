"""`timeline serve`: the API, on a migrated database holding at least the seeds."""

from __future__ import annotations

import argparse
import sys

from timeline._cli_errors import UsageError
from timeline._cli_ingest import load_seeds
from timeline.api._serve import serve
from timeline.bootstrap import App, bootstrap
from timeline.jobs import BadSource, configured_specs
from timeline.settings import Settings

__all__ = ["register"]


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    run = commands.add_parser(
        "serve", help="run the REST API (migrates, and loads the seeds into an empty log)"
    )
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", type=int, default=8000)
    run.add_argument("--workers", type=int, default=1, help="processes (default: 1)")
    run.add_argument(
        "--no-scheduler",
        dest="schedule",
        action="store_false",
        help="do not run the scheduler here (a `timeline worker` does; replicas never do)",
    )
    run.set_defaults(run=_serve)


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    if args.workers < 1:
        raise UsageError("--workers must be at least 1")
    if not 0 <= args.port <= 65535:
        raise UsageError("--port must be between 0 and 65535")
    host = f"[{args.host}]" if ":" in args.host else args.host
    url = f"http://{host}:{args.port}"
    if settings.read_only:
        # A replica: the schema must be current, and the primary keeps the read models.
        app = bootstrap(settings, migrate=False)
        print(f"serving {url} read-only (a replica: no writes, projections or scheduler)")
        return _run(app, args, schedule=False, follow=False)
    if args.schedule:
        try:
            configured_specs(settings)  # a bad [[sources]] table stops us here, in one line
        except BadSource as error:
            raise UsageError(str(error)) from None
    app = bootstrap(settings, migrate=True)
    if app.store.head() == 0:
        app.close()
        load_seeds(settings, actor="timeline serve")
        app = bootstrap(settings, migrate=False)
    try:
        app.refresh()
    except BaseException:
        app.close()
        raise
    writes = "on" if settings.api_token else "off (no TIMELINE_API_TOKEN)"
    scheduler = "on" if args.schedule else "off"
    print(
        f"serving {url} (docs at {url}/schema; writes {writes}; scheduler {scheduler});"
        " Ctrl-C to stop"
    )
    return _run(app, args, schedule=args.schedule, follow=True)


def _run(app: App, args: argparse.Namespace, *, schedule: bool, follow: bool) -> int:
    sys.stdout.flush()
    serve(
        app,
        host=args.host,
        port=args.port,
        workers=args.workers,
        config=args.config,
        schedule=schedule,
        follow=follow,
    )
    return 0
