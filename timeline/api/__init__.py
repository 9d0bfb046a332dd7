"""The REST API (Litestar): timelines, deals, events, ingestion, replay."""

from timeline.api._app import create_app

__all__ = ["create_app"]
