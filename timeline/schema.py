"""The whole SQL schema: the event log and the read models, on one MetaData."""

from __future__ import annotations

import sqlalchemy as sa

__all__ = ["schema"]


def schema() -> sa.MetaData:
    # Importing the read models' tables defines them on the log's MetaData.
    import timeline.jobs._tables
    import timeline.projections._tables  # noqa: F401
    from timeline.store import metadata

    return metadata
