"""A source as its stream in the log tells it: folded on demand, before every change or run."""

from __future__ import annotations

import msgspec

from timeline.domain.events import (
    SourceConfigured,
    SourcePaused,
    SourceRemoved,
    SourceResumed,
    SourceRunFinished,
    SourceRunStarted,
    Validator,
)
from timeline.jobs._model import SourceSpec
from timeline.store import EventStore, RecordedEvent

__all__ = ["UNHEALTHY_AFTER", "SourceState", "fold", "load_state", "spec_of", "stream_of_source"]

# Runs in a row that failed before a source counts as unhealthy.
UNHEALTHY_AFTER = 3


def stream_of_source(source_id: str) -> str:
    return f"source-{source_id}"


class SourceState(msgspec.Struct, kw_only=True):
    source_id: str
    config: SourceConfigured | None = None
    paused: bool = False
    removed: bool = False
    seen: set[str] = msgspec.field(default_factory=set)
    validators: dict[str, Validator] = msgspec.field(default_factory=dict)
    failures: int = 0  # consecutive failed runs
    unfinished: str | None = None  # the run that started and never finished, if any
    version: int = 0

    @property
    def exists(self) -> bool:
        return self.config is not None and not self.removed

    @property
    def healthy(self) -> bool:
        return self.failures < UNHEALTHY_AFTER


def spec_of(config: SourceConfigured) -> SourceSpec:
    return SourceSpec(
        id=config.source_id,
        kind=config.kind,  # type: ignore[arg-type]
        location=config.location,
        interval=config.interval,
        cron=config.cron,
    )


def fold(state: SourceState, record: RecordedEvent) -> SourceState:
    """`state` with one more event of its stream applied (in place, and returned)."""
    event = record.event
    state.version = record.stream_version
    if isinstance(event, SourceConfigured):
        if state.removed:  # added again after removal: a fresh start, history aside
            state.seen, state.validators, state.failures = set(), {}, 0
        state.config, state.removed = event, False
    elif isinstance(event, SourcePaused):
        state.paused = True
    elif isinstance(event, SourceResumed):
        state.paused = False
    elif isinstance(event, SourceRemoved):
        state.removed, state.paused = True, False
    elif isinstance(event, SourceRunStarted):
        state.unfinished = event.run_id
    elif isinstance(event, SourceRunFinished):
        if state.unfinished == event.run_id:
            state.unfinished = None
        state.seen.update(event.seen)
        state.validators.update((v.url, v) for v in event.validators)
        state.failures = 0 if event.ok else state.failures + 1
    return state


def load_state(store: EventStore, source_id: str) -> SourceState:
    state = SourceState(source_id=source_id)
    for record in store.read_stream(stream_of_source(source_id)):
        fold(state, record)
    return state
