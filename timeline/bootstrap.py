"""Wiring: builds the store and everything else from settings, in one place."""

from __future__ import annotations

import msgspec
import sqlalchemy as sa

from timeline.jobs import read_models
from timeline.projections import Projector, Replayer
from timeline.settings import Settings
from timeline.store import (
    EventStore,
    InMemoryEventStore,
    check_connection,
    create_engine,
    open_sql_store,
)
from timeline.store._migrate import current_revision, head_revision, upgrade

__all__ = ["App", "SchemaOutOfDate", "bootstrap", "bootstrap_in_memory"]


class SchemaOutOfDate(Exception):
    """The database has not been migrated to this code's schema."""


class App(msgspec.Struct, frozen=True, kw_only=True):
    settings: Settings
    store: EventStore
    engine: sa.Engine | None = None

    def close(self) -> None:
        self.store.close()
        if self.engine is not None:
            self.engine.dispose()

    def projector(self) -> Projector:
        """Every read model (`timeline.jobs.read_models`), the sources one included."""
        if self.engine is None:
            raise SchemaOutOfDate("read models need a SQL database: set TIMELINE_DATABASE_URL")
        return Projector(self.engine, self.store, read_models())

    def refresh(self) -> int:
        """Bring the read models up to the log's head; the events applied.

        A projection whose code changed is rebuilt first when `auto_replay` is set; otherwise
        ReplayNeeded tells the user to run `timeline replay`.
        """
        projector = self.projector()
        stale = projector.stale()
        if stale and self.settings.auto_replay:
            chosen = [p for p in projector.projections if p.name in stale]
            Replayer(projector.engine, self.store, chosen).run()
        return projector.catch_up()


def bootstrap(settings: Settings, *, migrate: bool = False) -> App:
    """Connect to the configured database; migrate it first when asked, else insist it is."""
    engine = create_engine(
        settings.database_url,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
    )
    try:
        check_connection(engine)
        if migrate:
            upgrade(engine)
        else:
            found, wanted = current_revision(engine), head_revision()
            if found != wanted:
                raise SchemaOutOfDate(
                    f"TIMELINE_DATABASE_URL: the database is at schema {found or 'none'},"
                    f" this code needs {wanted}: run `timeline db upgrade`"
                )
    except BaseException:
        engine.dispose()
        raise
    store = open_sql_store(engine, poll_interval=settings.poll_interval)
    return App(settings=settings, store=store, engine=engine)


def bootstrap_in_memory(settings: Settings | None = None) -> App:
    return App(settings=settings or Settings(), store=InMemoryEventStore())
