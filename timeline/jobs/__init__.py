"""Scheduled ingestion: sources (folders, feeds, pages), their runs, the scheduler, the worker.

The service functions here are what the CLI and the API call: `configure_source`,
`pause_source`, `resume_source`, `remove_source`, `run_source`, `list_sources`,
`run_history`, `sources_health`.
"""

from timeline.jobs._collect import SourceFailed, collect
from timeline.jobs._commands import (
    configure_source,
    configured_specs,
    pause_source,
    remove_source,
    resume_source,
    sync_config,
)
from timeline.jobs._http import Fetched, Fetcher, FetchError, HttpFetcher, InMemoryFetcher, Limits
from timeline.jobs._leader import (
    FileLeadership,
    Leadership,
    PostgresLeadership,
    SoleLeadership,
    leadership_for,
)
from timeline.jobs._model import KINDS, BadSource, Kind, SourceSpec, default_id, parse_interval
from timeline.jobs._projection import SourcesProjection, read_models
from timeline.jobs._queries import (
    RunView,
    SourcesHealth,
    SourceView,
    list_sources,
    run_history,
    sources_health,
)
from timeline.jobs._runs import NoSuchSource, RunContext, run_source
from timeline.jobs._scheduler import SourceScheduler, backoff
from timeline.jobs._state import UNHEALTHY_AFTER, SourceState, load_state
from timeline.jobs._worker import Worker, WorkerOptions, projector_with_sources

__all__ = [
    "KINDS",
    "UNHEALTHY_AFTER",
    "BadSource",
    "FetchError",
    "Fetched",
    "Fetcher",
    "FileLeadership",
    "HttpFetcher",
    "InMemoryFetcher",
    "Kind",
    "Leadership",
    "Limits",
    "NoSuchSource",
    "PostgresLeadership",
    "RunContext",
    "RunView",
    "SoleLeadership",
    "SourceFailed",
    "SourceScheduler",
    "SourceSpec",
    "SourceState",
    "SourceView",
    "SourcesHealth",
    "SourcesProjection",
    "Worker",
    "WorkerOptions",
    "backoff",
    "collect",
    "configure_source",
    "configured_specs",
    "default_id",
    "leadership_for",
    "list_sources",
    "load_state",
    "parse_interval",
    "pause_source",
    "projector_with_sources",
    "read_models",
    "remove_source",
    "resume_source",
    "run_history",
    "run_source",
    "sources_health",
    "sync_config",
]
