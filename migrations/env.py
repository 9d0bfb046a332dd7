"""Alembic environment: migrates the database named by the deal-timeline settings."""

from __future__ import annotations

from alembic import context

from timeline.schema import schema
from timeline.settings import load_settings
from timeline.store import create_engine

config = context.config


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _migrate(connection)
        return
    url = config.get_main_option("sqlalchemy.url") or load_settings().database_url
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            _migrate(conn)
    finally:
        engine.dispose()


def _migrate(connection: object) -> None:
    context.configure(connection=connection, target_metadata=schema())  # type: ignore[arg-type]
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("offline (--sql) migrations are not supported; run against a database")
run()
