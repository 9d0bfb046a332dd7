"""Domain events: what the log records about articles and the deals found in them."""

from __future__ import annotations

import enum
import uuid
from typing import ClassVar, cast

import msgspec

from timeline.domain.dates import FuzzyDate

__all__ = [
    "DEAL_EVENT_TYPES",
    "EVENT_TYPES",
    "ArticleIngested",
    "ArticleReextracted",
    "ArticleRevised",
    "CompanyRef",
    "CompanyRole",
    "DealEvent",
    "DealKind",
    "DenialIssued",
    "DomainEvent",
    "EndorsementObserved",
    "Event",
    "EventRetracted",
    "Evidence",
    "PartnershipConfirmed",
    "PersonRef",
    "RumorReported",
    "SourceConfigured",
    "SourcePaused",
    "SourceRemoved",
    "SourceResumed",
    "SourceRunFinished",
    "SourceRunStarted",
    "Validator",
    "type_name",
]


class DealKind(enum.StrEnum):
    INVESTMENT = "investment"
    ACQUISITION = "acquisition"
    MERGER = "merger"
    PARTNERSHIP = "partnership"
    JOINT_VENTURE = "joint-venture"
    DISTRIBUTION = "distribution"
    LICENSING = "licensing"
    ENDORSEMENT = "endorsement"
    OTHER = "other"


class CompanyRole(enum.StrEnum):
    ACTOR = "actor"
    TARGET = "target"
    PARTY = "party"


class Evidence(msgspec.Struct, frozen=True, kw_only=True, gc=False):
    """A sentence that states the event, with offsets into the article's text."""

    text: str
    start: int
    end: int


class CompanyRef(msgspec.Struct, frozen=True, kw_only=True, gc=False, omit_defaults=True):
    slug: str
    name: str
    role: CompanyRole = CompanyRole.PARTY
    verified: bool = True


class PersonRef(msgspec.Struct, frozen=True, kw_only=True, gc=False, omit_defaults=True):
    name: str
    role: str | None = None
    company: str | None = None


class Event(
    msgspec.Struct, frozen=True, kw_only=True, gc=False, omit_defaults=True, tag_field="type"
):
    """Base of every stored event; the tag is its type name in the log."""

    schema_version: ClassVar[int] = 1


def type_name(cls: type[Event]) -> str:
    """The name the log stores for events of `cls`: its tag."""
    return cast(str, cls.__struct_config__.tag)


class ArticleIngested(Event, frozen=True, kw_only=True, tag="ArticleIngested"):
    """An article entered the log. v2 split v1's `published` string into a FuzzyDate."""

    schema_version: ClassVar[int] = 2

    article_id: str
    url: str | None
    title: str
    text: str
    publisher: str | None = None
    published: FuzzyDate = FuzzyDate()
    language: str = "en"
    content_hash: str


class ArticleRevised(Event, frozen=True, kw_only=True, tag="ArticleRevised"):
    """New text was found at the URL of a known article."""

    article_id: str
    revision: int
    title: str
    text: str
    published: FuzzyDate = FuzzyDate()
    content_hash: str


class ArticleReextracted(Event, frozen=True, kw_only=True, tag="ArticleReextracted"):
    """A newer extractor read the article again; its deal events supersede the older ones."""

    article_id: str
    extractor_version: str


class DealEvent(Event, frozen=True, kw_only=True):
    """Fields every deal event carries; subclasses name the type.

    The extraction a deal event belongs to is its causation: the article event (or the
    re-extraction event) it was found in, kept in the log metadata, not repeated here.
    """

    deal_type: ClassVar[str] = ""

    article_id: str
    deal_kind: DealKind
    companies: tuple[CompanyRef, ...]
    people: tuple[PersonRef, ...] = ()
    sources: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...]
    confidence: float
    rules: tuple[str, ...] = ()
    extractor_version: str
    occurred: FuzzyDate = FuzzyDate()


class RumorReported(DealEvent, frozen=True, kw_only=True, tag="RumorReported"):
    deal_type: ClassVar[str] = "rumor"


class DenialIssued(DealEvent, frozen=True, kw_only=True, tag="DenialIssued"):
    deal_type: ClassVar[str] = "denial"


class PartnershipConfirmed(DealEvent, frozen=True, kw_only=True, tag="PartnershipConfirmed"):
    deal_type: ClassVar[str] = "partnership"


class EndorsementObserved(DealEvent, frozen=True, kw_only=True, tag="EndorsementObserved"):
    deal_type: ClassVar[str] = "endorsement"


class EventRetracted(Event, frozen=True, kw_only=True, tag="EventRetracted"):
    """An analyst withdrew an event; the original row stays in the log."""

    event_id: uuid.UUID
    reason: str
    by: str


class SourceConfigured(Event, frozen=True, kw_only=True, tag="SourceConfigured"):
    """A source of articles was added, or its location or schedule changed.

    `kind` is folder, feed or page; the schedule is `interval` seconds or a `cron` line;
    `origin` says where it was declared (config, cli, api).
    """

    source_id: str
    kind: str
    location: str
    interval: float | None = None
    cron: str | None = None
    origin: str = "cli"


class SourcePaused(Event, frozen=True, kw_only=True, tag="SourcePaused"):
    source_id: str


class SourceResumed(Event, frozen=True, kw_only=True, tag="SourceResumed"):
    source_id: str


class SourceRemoved(Event, frozen=True, kw_only=True, tag="SourceRemoved"):
    source_id: str


class SourceRunStarted(Event, frozen=True, kw_only=True, tag="SourceRunStarted"):
    """A run of a source began; `trigger` is schedule, manual, retry or recover."""

    source_id: str
    run_id: str
    trigger: str


class Validator(msgspec.Struct, frozen=True, kw_only=True, gc=False, omit_defaults=True):
    """What a server said about a URL, sent back to it to ask for changes only."""

    url: str
    etag: str | None = None
    last_modified: str | None = None


class SourceRunFinished(Event, frozen=True, kw_only=True, tag="SourceRunFinished"):
    """A run ended. `ok` is false when the source itself failed (`errors` says why); the
    errors of single items leave it true. `seen` are the keys of items now dealt with and
    `validators` the servers' answers to send next time."""

    source_id: str
    run_id: str
    ok: bool
    new: int = 0
    duplicate: int = 0
    revised: int = 0
    rejected: int = 0
    errors: tuple[str, ...] = ()
    seen: tuple[str, ...] = ()
    validators: tuple[Validator, ...] = ()


DomainEvent = (
    ArticleIngested
    | ArticleRevised
    | ArticleReextracted
    | RumorReported
    | DenialIssued
    | PartnershipConfirmed
    | EndorsementObserved
    | EventRetracted
    | SourceConfigured
    | SourcePaused
    | SourceResumed
    | SourceRemoved
    | SourceRunStarted
    | SourceRunFinished
)

EVENT_TYPES: dict[str, type[Event]] = {
    type_name(cls): cls
    for cls in (
        ArticleIngested,
        ArticleRevised,
        ArticleReextracted,
        RumorReported,
        DenialIssued,
        PartnershipConfirmed,
        EndorsementObserved,
        EventRetracted,
        SourceConfigured,
        SourcePaused,
        SourceResumed,
        SourceRemoved,
        SourceRunStarted,
        SourceRunFinished,
    )
}

# The four deal-event types by the vocabulary's names: rumor, denial, partnership, endorsement.
DEAL_EVENT_TYPES: dict[str, type[DealEvent]] = {
    cls.deal_type: cls
    for cls in (RumorReported, DenialIssued, PartnershipConfirmed, EndorsementObserved)
}
