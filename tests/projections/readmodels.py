"""Looking at the read models as plain rows, to compare two builds of the same log."""

from __future__ import annotations

import sqlalchemy as sa

from timeline.projections import checkpoints
from timeline.schema import schema

__all__ = ["dump", "read_model_tables", "reset"]


def read_model_tables(engine: sa.Engine) -> list[sa.Table]:
    """Every projection's table in the schema (new ones too), but not the log's bookkeeping."""
    present = set(sa.inspect(engine).get_table_names())
    return [
        t
        for t in schema().sorted_tables
        if t.name in present
        and t.name not in {"events", "alembic_version"}
        and "checkpoint" not in t.name
        and "lease" not in t.name
    ]


def dump(engine: sa.Engine) -> dict[str, list[tuple[str, ...]]]:
    with engine.connect() as conn:
        return {
            t.name: sorted(tuple(map(str, row)) for row in conn.execute(sa.select(t)))
            for t in read_model_tables(engine)
        }


def reset(engine: sa.Engine) -> None:
    """Empty every read model and its checkpoint, as before a first catch-up."""
    with engine.begin() as conn:
        for table in reversed(read_model_tables(engine)):
            conn.execute(sa.delete(table))
        conn.execute(sa.delete(checkpoints))
