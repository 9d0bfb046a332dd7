"""Read models folded from the log: company timelines, article index; checkpoints, replay."""

from timeline.projections._activity import recent_companies, recent_threads
from timeline.projections._base import Projection
from timeline.projections._lease import ReplayLease, ReplayRunning
from timeline.projections._queries import (
    TimelineEntry,
    TimelineFilters,
    TimelineKey,
    company_timeline,
    position_at,
)
from timeline.projections._reads import (
    STATUSES,
    ArticleRow,
    CompanyRow,
    DealThread,
    Resolved,
    ThreadEvent,
    article_row,
    company_row,
    deal_thread,
    deal_threads,
    resolve_company,
    search_companies,
)
from timeline.projections._replay import Replayer, ReplayReport
from timeline.projections._runner import Projector, ReplayNeeded, default_projections
from timeline.projections._tables import checkpoints, timeline_entries
from timeline.projections._timeline_json import TimelineJson, timeline_json

__all__ = [
    "STATUSES",
    "ArticleRow",
    "CompanyRow",
    "DealThread",
    "Projection",
    "Projector",
    "ReplayLease",
    "ReplayNeeded",
    "ReplayReport",
    "ReplayRunning",
    "Replayer",
    "Resolved",
    "ThreadEvent",
    "TimelineEntry",
    "TimelineFilters",
    "TimelineJson",
    "TimelineKey",
    "article_row",
    "checkpoints",
    "company_row",
    "company_timeline",
    "deal_thread",
    "deal_threads",
    "default_projections",
    "position_at",
    "recent_companies",
    "recent_threads",
    "resolve_company",
    "search_companies",
    "timeline_entries",
    "timeline_json",
]
