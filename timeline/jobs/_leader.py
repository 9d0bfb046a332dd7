"""Who runs the scheduler: one process at a time, by a lock its death releases."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import IO, Protocol

import sqlalchemy as sa

__all__ = ["FileLeadership", "Leadership", "PostgresLeadership", "SoleLeadership", "leadership_for"]


class Leadership(Protocol):
    def acquire(self) -> bool:
        """Take the lock if it is free, without waiting; whether this process holds it."""
        ...

    def held(self) -> bool:
        """Whether the lock is still ours (a lost connection loses it)."""
        ...

    def release(self) -> None: ...


class PostgresLeadership:
    """A session advisory lock on a connection of its own, kept for as long as it leads.

    PostgreSQL releases it when the session ends, so a killed leader's lock is free again as
    soon as the server notices the connection is gone. The key is per database and schema:
    deployments (and tests) in other schemas each have their own leader.
    """

    _KEY = "hashtext(current_database() || '.' || current_schema() || '.timeline-scheduler')"

    def __init__(self, engine: sa.Engine) -> None:
        self._engine = engine
        self._conn: sa.Connection | None = None

    def acquire(self) -> bool:
        if self._conn is not None:
            return self.held()
        conn = self._engine.connect().execution_options(isolation_level="AUTOCOMMIT")
        try:
            taken = bool(conn.exec_driver_sql(f"SELECT pg_try_advisory_lock({self._KEY})").scalar())
        except sa.exc.DBAPIError:
            conn.close()
            return False
        if not taken:
            conn.close()
            return False
        self._conn = conn
        return True

    def held(self) -> bool:
        if self._conn is None:
            return False
        try:
            self._conn.exec_driver_sql("SELECT 1")
        except sa.exc.DBAPIError:
            self._drop()
            return False
        return True

    def release(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(sa.exc.DBAPIError):
                self._conn.exec_driver_sql(f"SELECT pg_advisory_unlock({self._KEY})")
            self._drop()

    def _drop(self) -> None:
        assert self._conn is not None
        with contextlib.suppress(sa.exc.DBAPIError):
            self._conn.invalidate()
            self._conn.close()
        self._conn = None


class FileLeadership:
    """An exclusive flock on a file beside the SQLite database; the kernel frees it on exit."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._file: IO[bytes] | None = None

    def acquire(self) -> bool:
        import fcntl  # POSIX only; on other systems SoleLeadership is used instead

        if self._file is not None:
            return True
        file = self._path.open("ab")
        try:
            fcntl.flock(file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            file.close()
            return False
        self._file = file
        return True

    def held(self) -> bool:
        return self._file is not None

    def release(self) -> None:
        if self._file is not None:
            self._file.close()  # closing the only descriptor drops the lock
            self._file = None


class SoleLeadership:
    """For a database only this process can reach (in memory): always the leader."""

    def __init__(self) -> None:
        self._held = False

    def acquire(self) -> bool:
        self._held = True
        return True

    def held(self) -> bool:
        return self._held

    def release(self) -> None:
        self._held = False


def leadership_for(engine: sa.Engine) -> Leadership:
    if engine.dialect.name == "postgresql":
        return PostgresLeadership(engine)
    database = engine.url.database
    if not database or database == ":memory:" or os.name != "posix":
        return SoleLeadership()
    return FileLeadership(Path(f"{database}.scheduler.lock"))
