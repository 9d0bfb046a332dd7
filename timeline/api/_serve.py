"""Running the API under uvicorn: one process, or several workers that each build theirs."""

from __future__ import annotations

import os

import uvicorn
from litestar import Litestar

from timeline.api._app import create_app
from timeline.bootstrap import App, bootstrap
from timeline.settings import load_settings

__all__ = ["serve", "worker_app"]


def serve(app: App, *, host: str, port: int, workers: int, config: str | None) -> None:
    """Serve `app` here when one worker is asked for; else start `workers` processes, each
    building its own App from the same settings (the config file passed on by variable)."""
    if workers <= 1:
        uvicorn.run(create_app(app, follow=True), host=host, port=port, log_level="info")
        return
    app.close()
    if config:
        os.environ["TIMELINE_CONFIG"] = config
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
    return create_app(bootstrap(load_settings(), migrate=False), follow=True)
