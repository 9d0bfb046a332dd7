"""Running the API under uvicorn: one process, or several workers that each build theirs."""

from __future__ import annotations

import os

import uvicorn
from litestar import Litestar

from timeline.api._app import create_app
from timeline.bootstrap import App, bootstrap
from timeline.settings import load_settings

__all__ = ["serve", "worker_app"]

# Tell the worker processes whether to run the scheduler and to follow the log (replicas
# do neither); set by `serve` for its children.
_SCHEDULE = "TIMELINE_SERVE_SCHEDULE"
_FOLLOW = "TIMELINE_SERVE_FOLLOW"


def serve(
    app: App,
    *,
    host: str,
    port: int,
    workers: int,
    config: str | None,
    schedule: bool = True,
    follow: bool = True,
) -> None:
    """Serve `app` here when one worker is asked for; else start `workers` processes, each
    building its own App from the same settings (the config file passed on by variable).

    With `schedule`, each process runs the scheduler too; the leader lock lets one of them
    (of every process on this database) schedule at a time.
    """
    if workers <= 1:
        api = create_app(app, follow=follow, schedule=schedule)
        uvicorn.run(api, host=host, port=port, log_level="info")
        return
    app.close()
    if config:
        os.environ["TIMELINE_CONFIG"] = config
    os.environ[_SCHEDULE] = "1" if schedule else "0"
    os.environ[_FOLLOW] = "1" if follow else "0"
    uvicorn.run(
        "timeline.api._serve:worker_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
    )


def worker_app() -> Litestar:
    """One worker's API: settings from the environment, the database migrated already."""
    schedule = os.environ.get(_SCHEDULE, "1") == "1"
    follow = os.environ.get(_FOLLOW, "1") == "1"
    return create_app(bootstrap(load_settings(), migrate=False), follow=follow, schedule=schedule)
