"""Markdown articles: simple `key: value` front matter, and markup left out lightly."""

from __future__ import annotations

import re

import msgspec

from timeline.extraction.loading._errors import ArticleRejected
from timeline.extraction.loading._lines import iter_lines, line_end
from timeline.extraction.loading._parsed import Parsed, metadata, title_line

__all__ = ["front_matter", "markup_ranges", "parse_markdown"]

_OPEN = re.compile(r"---[ \t]*\r?$")
_CLOSE = re.compile(r"(?:---|\.\.\.)[ \t]*\r?$")
_FIELD = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(.*?))?[ \t]*\r?$")
_ALIASES = {
    "title": "title",
    "headline": "title",
    "url": "url",
    "link": "url",
    "canonical": "url",
    "canonical_url": "url",
    "publisher": "publisher",
    "source": "publisher",
    "site": "publisher",
    "site_name": "publisher",
    "published": "published",
    "date": "published",
    "published_at": "published",
    "published_precision": "published_precision",
    "precision": "published_precision",
    "language": "language",
    "lang": "language",
}

# Each pattern's groups are the markup to leave out; the rest of the match stays as text.
_MARKUP = tuple(
    re.compile(pattern, re.MULTILINE)
    for pattern in (
        r"^([ ]{0,3}#{1,6}[ \t]+)[^\n]*?([ \t]+#+)?[ \t]*$",  # ATX heading
        r"^([ ]{0,3}([-*_=])(?:[ \t]*\2){2,}[ \t]*)\r?$",  # rule or setext underline
        r"^([ ]{0,3}(?:>[ \t]?)+)",  # block quote
        r"^([ ]{0,3}(?:```|~~~)[^\n]*)$",  # code fence
        r"^([ ]{0,3}\[[^\]\n]+\]:[ \t]*\S[^\n]*)$",  # link reference definition
        r"(!\[[^\]\n]*\](?:\([^)\n]*\)|\[[^\]\n]*\]))",  # image
        r"(?<!!)(\[)[^\]\n]+(\](?:\([^)\n]*\)|\[[^\]\n]*\]))",  # link
        r"(<)[a-z][a-z0-9+.-]*:[^>\s]+(>)",  # autolink
        r"(</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?/?>)",  # HTML tag
        r"(?<![\\\w*])(\*\*|\*|__|_)(?=\S).+?(?<=\S)(\1)(?![\w*])",  # emphasis
        r"(~~)(?=\S).+?(?<=\S)(~~)",  # strike-through
        r"(`+)[^`\n]+?(\1)",  # code span
        r"(\\)[\\`*_{}\[\]()#+\-.!>|~]",  # escape
    )
)
_COMMENT = re.compile(r"(<!--.*?-->)", re.DOTALL)  # HTML comment, across lines


def parse_markdown(text: str, given_title: str | None) -> Parsed:
    fields, start = front_matter(text)
    meta = metadata(
        title=fields.get("title"),
        url=fields.get("url"),
        publisher=fields.get("publisher"),
        published=fields.get("published"),
        published_precision=fields.get("published_precision"),
        language=fields.get("language"),
        where="front matter",
    )
    title, body_start = title_line(text, start, given_title or meta.title, strip="#*_ \t")
    return Parsed(
        original=text,
        drop=[(0, body_start), *markup_ranges(text, body_start)],
        meta=meta if title is None else msgspec.structs.replace(meta, title=title),
        body_start=body_start,
    )


def front_matter(text: str) -> tuple[dict[str, str], int]:
    """Fields of a leading `---` block, keyed by the names Metadata uses; and where it ends.

    Only flat `key: value` lines are read, with quotes and `#` comments as YAML has them and
    `>`/`|` blocks folded; lists and nested maps are skipped. Text without a closing line
    has no front matter.
    """
    lines = iter_lines(text)
    first = next(lines, None)
    if first is None or not _OPEN.match(text, first[0], first[1]):
        return {}, 0
    raw: list[tuple[str, str]] = []
    for start, stop in lines:
        line = text[start:stop]
        if _CLOSE.match(line):
            return _fields(raw), line_end(text, stop)
        if line[:1] in {" ", "\t"} and raw and raw[-1][1][:1] in {">", "|"}:
            raw[-1] = (raw[-1][0], f"{raw[-1][1]} {line.strip()}")
            continue
        field = _FIELD.match(line)
        if field is not None:
            raw.append((field.group(1), field.group(2) or ""))
    return {}, 0


def _fields(raw: list[tuple[str, str]]) -> dict[str, str]:
    fields: dict[str, str] = {}
    for key, value in raw:
        name = _ALIASES.get(key.lower().replace("-", "_"))
        if name is not None and name not in fields:
            fields[name] = _scalar(value)
    return fields


def _scalar(value: str) -> str:
    if value[:1] in {">", "|"}:
        return value.split(" ", 1)[1] if " " in value else ""
    if value[:1] in {'"', "'"}:
        quote = value[0]
        end = value.rfind(quote)
        if end <= 0:
            raise ArticleRejected(f"front matter: unclosed quote in {value!r}")
        inner = value[1:end]
        return inner.replace("''", "'") if quote == "'" else inner.replace('\\"', '"')
    comment = value.find(" #")
    return (value[:comment] if comment >= 0 else value).strip()


def markup_ranges(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Original ranges of Markdown syntax from `start` on: markers, link targets, tags."""
    ranges: list[tuple[int, int]] = []
    for pattern in (*_MARKUP, _COMMENT):
        for match in pattern.finditer(text, start):
            for group in range(1, (pattern.groups or 0) + 1):
                if match.start(group) >= 0:
                    ranges.append((match.start(group), match.end(group)))
    return ranges
