"""The replay lease: who is rebuilding which projections now, so two never run at once."""

from __future__ import annotations

import datetime as dt
import os
import socket
from collections.abc import Sequence

import sqlalchemy as sa

from timeline.projections._runner import writing
from timeline.projections._tables import replay_leases

__all__ = ["ReplayLease", "ReplayRunning"]


class ReplayRunning(Exception):
    """Another replay of the same projection holds the lease."""


class ReplayLease:
    """A lease on some projections, renewed as a replay goes, so a crashed replay does not
    block the next one for longer than `seconds`."""

    def __init__(self, engine: sa.Engine, names: Sequence[str], seconds: float = 60.0) -> None:
        self._engine = engine
        self.names = list(names)
        self._seconds = seconds
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{id(self)}"

    def take(self) -> None:
        """Hold every projection's lease, or raise ReplayRunning if another owner does."""
        now = dt.datetime.now(dt.UTC)
        with writing(self._engine) as conn:
            for name in self.names:
                held = conn.execute(
                    sa.select(replay_leases).where(replay_leases.c.name == name).with_for_update()
                ).first()
                if held is not None and held.owner != self.owner and _aware(held.expires_at) > now:
                    raise ReplayRunning(
                        f"a replay of {name} is running ({held.owner}); try again later"
                    )
                conn.execute(sa.delete(replay_leases).where(replay_leases.c.name == name))
                conn.execute(
                    sa.insert(replay_leases).values(
                        name=name,
                        owner=self.owner,
                        expires_at=now + dt.timedelta(seconds=self._seconds),
                    )
                )

    def renew(self, conn: sa.Connection) -> None:
        """Push the expiry on, inside the caller's transaction."""
        until = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=self._seconds)
        conn.execute(
            sa.update(replay_leases)
            .where(replay_leases.c.name.in_(self.names), replay_leases.c.owner == self.owner)
            .values(expires_at=until)
        )

    def release(self) -> None:
        with self._engine.begin() as conn:
            conn.execute(
                sa.delete(replay_leases).where(
                    replay_leases.c.name.in_(self.names), replay_leases.c.owner == self.owner
                )
            )


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
