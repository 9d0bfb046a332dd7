"""Changing sources: add or change, pause, resume, remove; each change is an event."""

from __future__ import annotations

from collections.abc import Sequence

from timeline.domain.events import (
    Event,
    SourceConfigured,
    SourcePaused,
    SourceRemoved,
    SourceResumed,
)
from timeline.jobs._model import BadSource, SourceSpec, spec_from_config
from timeline.jobs._runs import NoSuchSource
from timeline.jobs._state import SourceState, load_state, stream_of_source
from timeline.settings import Settings
from timeline.store import EventStore, Metadata, NewEvent, StreamState

__all__ = [
    "configure_source",
    "configured_specs",
    "pause_source",
    "remove_source",
    "resume_source",
    "sync_config",
]

ANY = StreamState.ANY


def configure_source(
    store: EventStore, spec: SourceSpec, origin: str = "cli", actor: str = "timeline"
) -> bool:
    """Add the source, or change it to `spec`; whether anything changed."""
    state = load_state(store, spec.id)
    event = SourceConfigured(
        source_id=spec.id,
        kind=spec.kind,
        location=spec.location,
        interval=spec.interval,
        cron=spec.cron,
        origin=origin,
    )
    if state.exists and state.config == event:
        return False
    _append(store, state, event, actor)
    return True


def pause_source(store: EventStore, source_id: str, actor: str = "timeline") -> bool:
    state = _existing(store, source_id)
    return not state.paused and _append(store, state, SourcePaused(source_id=source_id), actor)


def resume_source(store: EventStore, source_id: str, actor: str = "timeline") -> bool:
    state = _existing(store, source_id)
    return state.paused and _append(store, state, SourceResumed(source_id=source_id), actor)


def remove_source(store: EventStore, source_id: str, actor: str = "timeline") -> bool:
    """Remove the source; its runs stay in the log and in the history."""
    state = _existing(store, source_id)
    return _append(store, state, SourceRemoved(source_id=source_id), actor)


def configured_specs(settings: Settings) -> list[SourceSpec]:
    """The sources of the settings file; raises BadSource naming the faulty one."""
    specs = [spec_from_config(table, i) for i, table in enumerate(settings.sources)]
    ids = [s.id for s in specs]
    twice = sorted({i for i in ids if ids.count(i) > 1})
    if twice:
        raise BadSource(f"TIMELINE_CONFIG: source id {twice[0]!r} is declared twice")
    return specs


def sync_config(store: EventStore, specs: Sequence[SourceSpec], actor: str) -> list[str]:
    """Make the log's sources agree with the settings file; the ids changed.

    Sources declared there are added or changed; ones it declared before and no longer
    does are removed. Sources added by hand (CLI, API) are left alone.
    """
    changed = [s.id for s in specs if configure_source(store, s, "config", actor)]
    declared = {s.id for s in specs}
    for source_id in sorted(_config_ids(store) - declared):
        state = load_state(store, source_id)
        if state.exists and state.config is not None and state.config.origin == "config":
            remove_source(store, source_id, actor)
            changed.append(source_id)
    return changed


def _config_ids(store: EventStore) -> set[str]:
    found: set[str] = set()
    for page in store.iter_all(0, 10_000, ["SourceConfigured"]):
        found.update(r.event.source_id for r in page if isinstance(r.event, SourceConfigured))
    return found


def _existing(store: EventStore, source_id: str) -> SourceState:
    state = load_state(store, source_id)
    if not state.exists:
        raise NoSuchSource(f"no source {source_id!r}")
    return state


def _append(store: EventStore, state: SourceState, event: Event, actor: str) -> bool:
    # Any version: runs append to the same stream at any time, and a change decided on a
    # slightly older state still means what the user asked.
    meta = Metadata(actor=actor)
    store.append(stream_of_source(state.source_id), [NewEvent(event=event, metadata=meta)], ANY)
    return True
