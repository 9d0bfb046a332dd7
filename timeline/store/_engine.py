"""Engines for the supported databases, and the store that fits each."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import msgspec
import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from timeline.store._codec import Codec
from timeline.store._postgres import PostgresBackend
from timeline.store._rules import utc_now
from timeline.store._sql import Backend, SqlEventStore
from timeline.store._sqlite import SqliteBackend

__all__ = ["DatabaseError", "backend_for", "check_connection", "create_engine", "open_sql_store"]


class DatabaseError(Exception):
    """The database setting is wrong or the database cannot be reached."""


def create_engine(
    url: str,
    setting: str = "TIMELINE_DATABASE_URL",
    *,
    pool_size: int | None = None,
    max_overflow: int | None = None,
    **kwargs: Any,
) -> sa.Engine:
    """An engine for a SQLite or PostgreSQL URL; plain `postgresql://` means psycopg 3.

    `pool_size` and `max_overflow` size PostgreSQL's connection pool (SQLite keeps its own).
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseError(f"{setting}: {url!r} is not a database URL") from None
    if parsed.drivername in {"postgresql", "postgres"}:
        parsed = parsed.set(drivername="postgresql+psycopg")
    backend = parsed.get_backend_name()
    if backend not in {"sqlite", "postgresql"}:
        raise DatabaseError(f"{setting}: {backend!r} is not supported; use sqlite or postgresql")
    # Read models keep JSON columns; msgspec writes and reads them several times faster.
    kwargs.setdefault("json_serializer", _json_text)
    kwargs.setdefault("json_deserializer", msgspec.json.decode)
    if backend == "postgresql":
        # A pooled connection may have been cut by the server (restart, failover,
        # pg_terminate_backend): test it on checkout rather than fail the request using it.
        kwargs.setdefault("pool_pre_ping", True)
        if pool_size is not None:
            kwargs["pool_size"] = pool_size
        if max_overflow is not None:
            kwargs["max_overflow"] = max_overflow
    try:
        engine = sa.create_engine(parsed, **kwargs)
    except (ArgumentError, NoSuchModuleError) as error:
        raise DatabaseError(f"{setting}: cannot use {parsed.drivername!r}: {error}") from None
    if backend == "sqlite":
        _configure_sqlite(engine)
    return engine


def _json_text(value: Any) -> str:
    return msgspec.json.encode(value).decode()


def _configure_sqlite(engine: sa.Engine) -> None:
    # The sqlite3 module's own transaction handling would defer BEGIN; take it over, as
    # SQLAlchemy's docs recommend, so transactions mean what they say.
    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout = 30000")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        # Some builds (Debian's among them) zero every freed page, which made dropping a
        # replaced read model cost more than building it. Nothing here deletes what the
        # append-only log does not keep anyway, so zero only where it costs no extra I/O.
        cursor.execute("PRAGMA secure_delete = FAST")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: sa.Connection) -> None:
        # `writing=True` takes the write lock at once, so what the transaction reads first
        # cannot change before it writes.
        immediate = conn.get_execution_options().get("writing", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def check_connection(engine: sa.Engine, setting: str = "TIMELINE_DATABASE_URL") -> None:
    """Raise DatabaseError, in one line, when the database cannot be reached."""
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
    except sa.exc.DBAPIError as error:
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        shown = engine.url.render_as_string(hide_password=True)
        raise DatabaseError(f"{setting}: cannot connect to {shown}: {reason}") from None


def open_sql_store(
    engine: sa.Engine,
    codec: Codec | None = None,
    clock: Callable[[], dt.datetime] = utc_now,
    poll_interval: float = 0.1,
) -> SqlEventStore:
    return SqlEventStore(backend_for(engine), codec=codec, clock=clock, poll_interval=poll_interval)


def backend_for(engine: sa.Engine) -> Backend:
    if engine.dialect.name == "sqlite":
        return SqliteBackend(engine)
    return PostgresBackend(engine)
