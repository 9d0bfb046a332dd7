"""The shared document each stage of the pipeline reads and adds to."""

from __future__ import annotations

import msgspec

from timeline.extraction.evaluation import fold_person
from timeline.extraction.loading import Article
from timeline.extraction.rules._lexicon import Scan

__all__ = ["Candidate", "Decision", "Doc", "Party", "SentenceView", "person_key"]


def person_key(name: str) -> str:
    """A person's party key: "person:" and the name as scoring folds it."""
    return "person:" + fold_person(name)


class Party(msgspec.Struct, frozen=True):
    """A company or person taking part, found at `start:end` of the normalised text.

    `key` is what scoring and merging compare: "id:<slug>" for a gazetteer company,
    "name:<folded name>" for an organisation the gazetteer lacks, "person:<name>" for people.
    """

    key: str
    name: str
    start: int
    end: int
    kind: str = "company"  # or "person"
    verified: bool = True
    via: str = "name"  # name, alias, brand, ticker, unknown, reference, pronoun, context, title
    slug: str = ""


class SentenceView(msgspec.Struct):
    """One sentence with what the mention stage found in it."""

    index: int
    start: int
    end: int
    paragraph: int
    parties: list[Party] = []
    people: list[Party] = []
    outlets: list[str] = []
    cited: list[str] = []  # outlets the sentence cites as its source


class Candidate(msgspec.Struct, frozen=True):
    """A sentence and the parties an event could be between: two companies, or a company
    and a person (an endorsement)."""

    sentence: int
    first: Party
    second: Party


class Decision(msgspec.Struct, frozen=True):
    """What the decision stage made of a candidate: an event type, its kind and score."""

    candidate: Candidate
    type: str
    kind: str
    score: float
    rules: tuple[str, ...] = ()


class Doc(msgspec.Struct):
    """An article going down the pipeline: each stage fills one field."""

    article: Article
    scan: Scan  # the lexicon's cues over the whole text, found once
    sentences: list[SentenceView] = []
    candidates: list[Candidate] = []
    decisions: list[Decision] = []

    @property
    def text(self) -> str:
        return self.article.text
