"""Domain events: what the log records about articles and the deals found in them."""

from __future__ import annotations

import enum
import uuid
from typing import ClassVar

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


DomainEvent = (
    ArticleIngested
    | ArticleRevised
    | ArticleReextracted
    | RumorReported
    | DenialIssued
    | PartnershipConfirmed
    | EndorsementObserved
    | EventRetracted
)

EVENT_TYPES: dict[str, type[Event]] = {
    cls.__struct_config__.tag: cls  # type: ignore[misc]
    for cls in (
        ArticleIngested,
        ArticleRevised,
        ArticleReextracted,
        RumorReported,
        DenialIssued,
        PartnershipConfirmed,
        EndorsementObserved,
        EventRetracted,
    )
}

# The four deal-event types by the vocabulary's names: rumor, denial, partnership, endorsement.
DEAL_EVENT_TYPES: dict[str, type[DealEvent]] = {
    cls.deal_type: cls
    for cls in (RumorReported, DenialIssued, PartnershipConfirmed, EndorsementObserved)
}
