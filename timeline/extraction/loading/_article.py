"""The loaded article: normalised text for extraction, the original for evidence offsets."""

from __future__ import annotations

import msgspec

from timeline.domain.articles import article_id, content_hash
from timeline.domain.dates import FuzzyDate
from timeline.extraction.loading._offsets import OffsetMap

__all__ = ["Article", "Metadata"]


class Metadata(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """What a source or caller says about an article; None means it says nothing."""

    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: FuzzyDate | None = None
    language: str | None = None

    def overridden_by(self, other: Metadata) -> Metadata:
        """These fields, with every field `other` gives replacing ours."""
        return Metadata(
            title=_pick(other.title, self.title),
            url=_pick(other.url, self.url),
            publisher=_pick(other.publisher, self.publisher),
            published=other.published if other.published is not None else self.published,
            language=_pick(other.language, self.language),
        )


def _pick(preferred: str | None, fallback: str | None) -> str | None:
    return preferred if preferred is not None and preferred.strip() else fallback


class Article(msgspec.Struct, frozen=True, kw_only=True):
    """One article ready for extraction.

    `text` is what extraction reads: normalised, without title, markup or boilerplate.
    `original` is the text as the source gave it (a text or Markdown file verbatim, the
    text trafilatura found in HTML, a JSON `text` field); `offsets` maps spans of `text` to
    spans of `original`, where evidence offsets are reported. `id` and `content_hash` are
    derived from `url` and `text` when the article is made.
    """

    title: str
    text: str
    original: str
    offsets: OffsetMap
    url: str | None = None
    publisher: str | None = None
    published: FuzzyDate = FuzzyDate()
    language: str = "en"
    source: str | None = None
    id: str = ""
    content_hash: str = ""

    def __post_init__(self) -> None:
        # Derived, never trusted from input: the same text and url always give the same id.
        digest = content_hash(self.text)
        msgspec.structs.force_setattr(self, "id", article_id(self.url, self.text, digest))
        msgspec.structs.force_setattr(self, "content_hash", digest)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """The span of `original` that the span `[start, end)` of `text` came from."""
        return self.offsets.to_original(start, end)

    def original_slice(self, start: int, end: int) -> str:
        """The original text behind a span of `text`, as evidence should quote it."""
        ostart, oend = self.offsets.to_original(start, end)
        return self.original[ostart:oend]
