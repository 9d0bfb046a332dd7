"""Building a deal event an analyst records by hand, from names and plain values."""

from __future__ import annotations

from collections.abc import Sequence

from timeline.domain.dates import FuzzyDate
from timeline.domain.events import (
    DEAL_EVENT_TYPES,
    CompanyRef,
    CompanyRole,
    DealEvent,
    DealKind,
    Evidence,
    PersonRef,
)
from timeline.extraction.gazetteer import Gazetteer
from timeline.services._corrections import CorrectionError

__all__ = ["BadField", "hand_event"]


class BadField(CorrectionError):
    """One of the values given for a hand-made event is wrong; `field` names it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def hand_event(
    gazetteer: Gazetteer,
    *,
    type: str,
    kind: str,
    companies: Sequence[str],
    evidence: str,
    by: str,
    people: Sequence[str] = (),
    sources: Sequence[str] = (),
    date: str | None = None,
) -> DealEvent:
    """The event: the first of several companies is the actor, the others its targets."""
    if type not in DEAL_EVENT_TYPES:
        raise BadField("type", f"unknown type {type!r}; one of {', '.join(DEAL_EVENT_TYPES)}")
    try:
        deal_kind = DealKind(kind)
    except ValueError:
        known = ", ".join(k.value for k in DealKind)
        raise BadField("kind", f"unknown deal kind {kind!r}; one of {known}") from None
    if not companies:
        raise BadField("company", "at least one company is needed")
    if not evidence.strip():
        raise BadField("evidence", "the sentence that states the event is needed")
    refs = []
    for i, name in enumerate(companies):
        company = gazetteer.resolve(name)
        if company is None:
            raise BadField("company", f"unknown company {name!r}")
        role = CompanyRole.ACTOR if i == 0 and len(companies) > 1 else CompanyRole.TARGET
        refs.append(CompanyRef(slug=company.slug, name=company.name, role=role))
    try:
        occurred = FuzzyDate.parse(date)
    except ValueError as error:
        raise BadField("date", str(error)) from None
    return DEAL_EVENT_TYPES[type](
        article_id="manual",
        deal_kind=deal_kind,
        companies=tuple(refs),
        people=tuple(PersonRef(name=p) for p in people),
        sources=tuple(sources),
        evidence=(Evidence(text=evidence, start=0, end=len(evidence)),),
        confidence=1.0,
        rules=("manual",),
        extractor_version=f"manual:{by}",
        occurred=occurred,
    )
