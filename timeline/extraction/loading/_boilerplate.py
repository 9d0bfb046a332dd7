"""Lines that pages repeat around every article: counters, share buttons, tags, comments."""

from __future__ import annotations

import re

from timeline.extraction.loading._lines import iter_lines, line_end
from timeline.extraction.loading._normalise import clean_line

__all__ = ["boilerplate_ranges", "is_blank", "is_boilerplate"]

# Free text after a label: "Posted in News, Tech", "Tags: xiaomi, alibaba".
_TAIL = r"[^!?]{1,150}"
_SHARE_SITES = (
    r"facebook|twitter|linkedin|pinterest|reddit|whatsapp|telegram|tumblr|pocket|weibo|wechat"
    r"|email|e-mail|print|tweet|google\+"
)
# Whole lines of fixed wording.
_FIXED = (
    r"\(?visited [\d,]+ times?(?:, [\d,]+ visits? today)?\)?",
    r"(?:no|one|\d+) (?:comments?|responses?|replies)(?: yet)?(?: so far)?\.?",
    r"(?:view|show|add|post|hide) (?:all )?comments?|comments?(?: \(\d+\))?:?",
    r"(?:breaking|latest|top|more|related) news:?",
    r"share(?: this)?(?: (?:article|story|post|page))?(?: (?:on|via) [\w+ ]{1,40})?:?",
    rf"(?:{_SHARE_SITES})(?: \(opens in new window\))?",
    r"\(opens in new window\)",
    r"related(?: posts?| articles?| stories| content| reading| links| topics)?:?",
    r"(?:you )?(?:might|may) (?:also )?like:?|like this:?|like loading\.*|loading\.*",
    r"(?:read|see|continue reading|read the rest|view) (?:more|this|the full)[\w ]{0,30}\.*:?",
    r"continue reading\.*:?|tags:?",
    r"leave a (?:reply|comment|response)(?: cancel reply)?|cancel reply|(?:post|submit) comment",
    r"advertisement|advertising|sponsored(?: content)?|ad",
    r"skip to (?:main )?content|(?:main )?menu|home|search|log ?in|sign in|register",
    rf"(?:©|\(c\)|copyright ?(?:©|\(c\))?) ?\d{{4}}{_TAIL}|{_TAIL}all rights reserved\.?",
    r"[\d,]+ (?:views|shares|likes|reads)",
    r"[^\w\s]{1,20}(?: [^\w\s]{1,20}){0,10}",
)
# A label and free text; a line like this that ends as a sentence does is prose instead
# ("Posted on Weibo, Lei denied it.").
_LABELLED = (
    rf"(?:click to )?(?:share|email|print|tweet)(?: this)? (?:on|to|with|via) {_TAIL}",
    rf"click to (?:share|email|print|tweet){_TAIL}",
    rf"(?:posted|published|filed|written) (?:in|on|by|under|at):? {_TAIL}",
    rf"filed under:? {_TAIL}|tag(?:s|ged)(?: with| as| in)?:? {_TAIL}",
    rf"categor(?:y|ies):? {_TAIL}",
    rf"(?:previous|next|older|newer) (?:post|article|story|entry)s?(?::? {_TAIL})?",
    rf"(?:subscribe|sign up|follow us)(?: (?:to|for|on|now|today|here)\b{_TAIL})?:?",
)
_FIXED_LINE = re.compile("|".join(f"(?:{p})" for p in _FIXED))
_LABELLED_LINE = re.compile("|".join(f"(?:{p})" for p in _LABELLED))
_MARKUP = re.compile(r"[*_#>`]+|\[|\]\([^)]*\)|\]")
_MAX_LINE = 200
_MAX_SENTENCE_WORDS = 12


def is_boilerplate(line: str) -> bool:
    """Whether one line, as a whole, is page furniture rather than article text."""
    if len(line) > _MAX_LINE:
        return False
    key = clean_line(_MARKUP.sub(" ", line)).casefold()
    if not key:
        return False
    if key[-1] in ".!?":
        # A long line that ends like a sentence is prose, whatever word it starts with.
        if key.count(" ") >= _MAX_SENTENCE_WORDS - 1:
            return False
        return _FIXED_LINE.fullmatch(key) is not None
    return (_FIXED_LINE.fullmatch(key) or _LABELLED_LINE.fullmatch(key)) is not None


def is_blank(line: str) -> bool:
    return not clean_line(line) if len(line) < _MAX_LINE else not line.strip()


def boilerplate_ranges(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Original ranges of boilerplate lines, each with its line break and the blank lines after."""
    ranges: list[tuple[int, int]] = []
    dropping = False
    for line_start, line_stop in iter_lines(text, start, end):
        line = text[line_start:line_stop]
        if (dropping and is_blank(line)) or is_boilerplate(line):
            dropping = True
            ranges.append((line_start, line_end(text, line_stop)))
        else:
            dropping = False
    return ranges
