"""What a format parser hands on: the original text, what to leave out, what it says."""

from __future__ import annotations

import msgspec

from timeline.domain.dates import FuzzyDate
from timeline.extraction.loading._article import Metadata
from timeline.extraction.loading._boilerplate import is_blank, is_boilerplate
from timeline.extraction.loading._errors import ArticleRejected
from timeline.extraction.loading._lines import iter_lines, line_end
from timeline.extraction.loading._normalise import clean_line

__all__ = ["Parsed", "metadata", "parse_published", "title_line"]


class Parsed(msgspec.Struct, frozen=True, kw_only=True):
    original: str
    drop: list[tuple[int, int]] = msgspec.field(default_factory=list)
    meta: Metadata = Metadata()
    # Boilerplate is looked for from here on, past front matter and the title line.
    body_start: int = 0


def parse_published(value: str | None, precision: str | None, *, where: str) -> FuzzyDate | None:
    """A published date as the source wrote it; None when it gives none.

    A precision without a date says nothing, except "unknown", which says the date is.
    """
    if not (value and value.strip()) and precision != "unknown":
        return None
    try:
        return FuzzyDate.parse(value, precision)
    except ValueError as error:
        raise ArticleRejected(f"{where}: bad published date: {error}") from None


def metadata(
    *,
    title: str | None = None,
    url: str | None = None,
    publisher: str | None = None,
    published: str | None = None,
    published_precision: str | None = None,
    language: str | None = None,
    where: str,
) -> Metadata:
    """Metadata from the plain string fields that JSON, front matter and sidecars share."""
    lang = _text(language)
    return Metadata(
        title=_text(title),
        url=_text(url),
        publisher=_text(publisher),
        published=parse_published(published, published_precision, where=where),
        language=lang.lower() if lang else None,
    )


def _text(value: str | None) -> str | None:
    return value.strip() if value is not None and value.strip() else None


def title_line(
    text: str, start: int, given: str | None, *, strip: str = ""
) -> tuple[str | None, int]:
    """Find the title line: the first line with content, unless `given` names the title.

    Returns the title (None when `given` stands) and the offset where the body begins; all
    before it is title, blank or boilerplate. A first line equal to a given title is taken
    as its repeat and left out of the body. `strip` lists markup trimmed from the line.
    """
    for line_start, line_stop in iter_lines(text, start):
        line = text[line_start:line_stop]
        if is_blank(line) or is_boilerplate(line):
            continue
        title = clean_line(line.strip().strip(strip).strip())
        if given is None:
            return title, line_end(text, line_stop)
        if title.casefold() == clean_line(given).casefold():
            return None, line_end(text, line_stop)
        return None, line_start
    return None, len(text)
