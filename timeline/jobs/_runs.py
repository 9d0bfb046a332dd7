"""One run of a source: started and finished events around the ingest of what it holds."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import msgspec

from timeline.domain.events import SourceRunFinished, SourceRunStarted, Validator
from timeline.jobs._collect import SourceFailed, collect
from timeline.jobs._http import Fetcher
from timeline.jobs._state import load_state, spec_of, stream_of_source
from timeline.services import DealExtractor, Outcome, ingest_article
from timeline.store import EventStore, Metadata, NewEvent, StreamState

__all__ = ["NoSuchSource", "RunContext", "run_source"]

# A run stops after this many item errors: a source that fails everywhere is not hammered.
_MAX_ERRORS = 50


class NoSuchSource(LookupError):
    """No source has this id (or it was removed)."""


class RunContext(msgspec.Struct, frozen=True, kw_only=True):
    """What runs need: the log, the extractor (built once, it loads the gazetteer), a fetcher."""

    store: EventStore
    extractor: DealExtractor
    fetcher: Fetcher
    actor: str = "timeline worker"
    # Called after each item; tests use it to stop a run half way.
    on_item: Callable[[int], None] | None = None


def run_source(ctx: RunContext, source_id: str, trigger: str) -> SourceRunFinished:
    """Run the source now, whatever its schedule or pause; the finished event it recorded."""
    state = load_state(ctx.store, source_id)
    if state.config is None or state.removed:
        raise NoSuchSource(f"no source {source_id!r}")
    spec = spec_of(state.config)
    run_id = uuid.uuid4().hex
    meta = Metadata(actor=ctx.actor)
    stream = stream_of_source(source_id)
    started = SourceRunStarted(source_id=source_id, run_id=run_id, trigger=trigger)
    ctx.store.append(stream, [NewEvent(event=started, metadata=meta)], StreamState.ANY)
    counts = dict.fromkeys(Outcome, 0)
    errors: list[str] = []
    seen: list[str] = []
    ok = True
    validators: tuple[Validator, ...] = ()
    try:
        collected = collect(spec, state, ctx.fetcher)
        validators = collected.validators
        for done, item in enumerate(collected.items, 1):
            if item.article is not None:
                outcome = ingest_article(ctx.store, ctx.extractor, item.article, ctx.actor)
                counts[outcome.outcome] += 1
                seen.append(item.key)
            else:
                errors.append(item.error or item.key)
                if item.key.startswith("r:"):  # a rejected file: reported once, until changed
                    seen.append(item.key)
            if ctx.on_item is not None:
                ctx.on_item(done)
            if len(errors) >= _MAX_ERRORS:
                errors.append(f"stopped after {_MAX_ERRORS} errors")
                break
    except SourceFailed as error:
        ok = False
        errors.append(str(error))
    except Exception as error:  # a bug or a broken store: recorded, and never kills the worker
        ok = False
        errors.append(f"{type(error).__name__}: {error}")
    finished = SourceRunFinished(
        source_id=source_id,
        run_id=run_id,
        ok=ok,
        new=counts[Outcome.NEW],
        duplicate=counts[Outcome.DUPLICATE],
        revised=counts[Outcome.REVISED],
        rejected=counts[Outcome.REJECTED],
        errors=tuple(errors),
        seen=tuple(seen),
        # Kept only after a good run: a source that failed must be asked again in full.
        validators=validators if ok else (),
    )
    ctx.store.append(stream, [NewEvent(event=finished, metadata=meta)], StreamState.ANY)
    return finished
