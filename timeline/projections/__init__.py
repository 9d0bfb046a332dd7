"""Read models folded from the log: company timelines, article index; checkpoints, replay."""

from timeline.projections._base import Projection
from timeline.projections._queries import TimelineEntry, company_timeline, position_at
from timeline.projections._replay import Replayer, ReplayReport, ReplayRunning
from timeline.projections._runner import Projector, ReplayNeeded, default_projections
from timeline.projections._tables import checkpoints, timeline_entries

__all__ = [
    "Projection",
    "Projector",
    "ReplayNeeded",
    "ReplayReport",
    "ReplayRunning",
    "Replayer",
    "TimelineEntry",
    "checkpoints",
    "company_timeline",
    "default_projections",
    "position_at",
    "timeline_entries",
]
