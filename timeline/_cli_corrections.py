"""`timeline reextract`, `timeline retract` and `timeline record`: corrections are events."""

from __future__ import annotations

import argparse
import getpass
import uuid

import sqlalchemy as sa

from timeline._cli_errors import UsageError
from timeline.bootstrap import App, bootstrap
from timeline.domain.events import DEAL_EVENT_TYPES, DealKind
from timeline.extraction import Extractor
from timeline.extraction.gazetteer import Gazetteer
from timeline.projections._tables import articles
from timeline.services import (
    BadField,
    CorrectionError,
    hand_event,
    record_by_hand,
    reextract,
    retract,
)
from timeline.settings import Settings

__all__ = ["register"]


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    again = commands.add_parser("reextract", help="run the current extractor over stored articles")
    which = again.add_mutually_exclusive_group(required=True)
    which.add_argument("--all", action="store_true", help="every article in the log")
    which.add_argument("article_ids", nargs="*", default=[], metavar="ARTICLE_ID")
    again.add_argument("--force", action="store_true", help="even if already this version's")
    again.set_defaults(run=_reextract)
    withdraw = commands.add_parser("retract", help="withdraw a deal event (it stays in the log)")
    withdraw.add_argument("event_id")
    withdraw.add_argument("--reason", required=True)
    withdraw.add_argument("--by", default=None, help="who retracts it (default: your user name)")
    withdraw.set_defaults(run=_retract)
    record = commands.add_parser("record", help="record a deal event by hand")
    record.add_argument("--type", required=True, choices=sorted(DEAL_EVENT_TYPES))
    record.add_argument("--kind", required=True, choices=[k.value for k in DealKind])
    record.add_argument("--company", action="append", required=True, metavar="NAME")
    record.add_argument("--person", action="append", default=[], metavar="NAME")
    record.add_argument("--date", help="2014, 2014-04 or 2014-04-09")
    record.add_argument("--evidence", required=True, help="the sentence that states it")
    record.add_argument("--source", action="append", default=[], metavar="OUTLET")
    record.add_argument("--reason", required=True, help="why it is recorded by hand")
    record.add_argument("--by", default=None)
    record.set_defaults(run=_record)


def _reextract(args: argparse.Namespace, settings: Settings) -> int:
    app = bootstrap(settings, migrate=False)
    try:
        extractor = Extractor(Gazetteer.load())
        ids = list(args.article_ids) or _all_articles(app)
        done = 0
        for article_id in ids:
            try:
                outcome = reextract(app.store, extractor, article_id, force=args.force)
            except CorrectionError as error:
                raise UsageError(str(error)) from None
            done += outcome.outcome == "re-extracted"
            print(f"  {outcome.outcome:<12} {article_id}  ({outcome.deal_events} deal events)")
        _project(app)
        print(f"{len(ids)} articles: {done} re-extracted with {extractor.version}")
    finally:
        app.close()
    return 0


def _all_articles(app: App) -> list[str]:
    assert app.engine is not None
    _project(app)
    with app.engine.connect() as conn:
        return [
            str(r)
            for r in conn.execute(
                sa.select(articles.c.article_id).order_by(articles.c.position)
            ).scalars()
        ]


def _retract(args: argparse.Namespace, settings: Settings) -> int:
    try:
        event_id = uuid.UUID(args.event_id)
    except ValueError:
        raise UsageError(f"{args.event_id!r} is not an event id (a UUID)") from None
    app = bootstrap(settings, migrate=False)
    try:
        by = args.by or getpass.getuser()
        try:
            position = retract(app.store, event_id, reason=args.reason, by=by)
        except CorrectionError as error:
            raise UsageError(str(error)) from None
        _project(app)
        print(f"retracted {event_id} at position {position}")
    finally:
        app.close()
    return 0


def _record(args: argparse.Namespace, settings: Settings) -> int:
    by = args.by or getpass.getuser()
    try:
        event = hand_event(
            Gazetteer.load(),
            type=args.type,
            kind=args.kind,
            companies=args.company,
            people=args.person,
            sources=args.source,
            date=args.date,
            evidence=args.evidence,
            by=by,
        )
    except BadField as error:
        raise UsageError(f"--{error.field}: {error}") from None
    app = bootstrap(settings, migrate=False)
    try:
        try:
            position = record_by_hand(app.store, event, by=by, reason=args.reason)
        except CorrectionError as error:
            raise UsageError(str(error)) from None
        _project(app)
        print(f"recorded a {args.type} at position {position}")
    finally:
        app.close()
    return 0


def _project(app: App) -> None:
    app.refresh()
