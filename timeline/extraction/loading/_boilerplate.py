"""Lines that pages repeat around every article: counters, share buttons, tags, comments."""

from __future__ import annotations

import re

from timeline.extraction.loading._lines import iter_lines, line_end
from timeline.extraction.loading._normalise import clean_line

__all__ = ["boilerplate_ranges", "is_blank", "is_boilerplate"]

# Free text after a label ("Posted in News, Tech"); a sentence would end in "." and is kept.
_TAIL = r"[^!?]{1,150}"
_SHARE_SITES = (
    r"facebook|twitter|linkedin|pinterest|reddit|whatsapp|telegram|tumblr|pocket|weibo|wechat"
    r"|email|e-mail|print|tweet|google\+"
)
_PATTERNS = (
    r"\(?visited [\d,]+ times?(?:, [\d,]+ visits? today)?\)?",
    r"(?:no|one|\d+) (?:comments?|responses?|replies)(?: yet)?(?: so far)?\.?",
    r"(?:view|show|add|post|hide) (?:all )?comments?|comments?(?: \(\d+\))?:?",
    r"(?:breaking|latest|top|more|related) news:?",
    r"share(?: this)?(?: (?:article|story|post|page))?(?: (?:on|via) [\w+ ]{1,40})?:?",
    rf"(?:click to )?(?:share|email|print|tweet)(?: this)? (?:on|to|with|via) {_TAIL}",
    rf"click to (?:share|email|print|tweet){_TAIL}",
    rf"(?:{_SHARE_SITES})(?: \(opens in new window\))?",
    r"\(opens in new window\)",
    r"related(?: posts?| articles?| stories| content| reading| links| topics)?:?",
    r"(?:you )?(?:might|may) (?:also )?like:?|like this:?|like loading\.*|loading\.*",
    r"(?:read|see|continue reading|read the rest|view) (?:more|this|the full)[\w ]{0,30}\.*:?",
    r"continue reading\.*:?",
    rf"(?:posted|published|filed|written) (?:in|on|by|under|at):? {_TAIL}",
    rf"filed under:? {_TAIL}|tag(?:s|ged)(?: with| as| in)?:? {_TAIL}|tags:?",
    rf"categor(?:y|ies):? {_TAIL}",
    r"leave a (?:reply|comment|response)(?: cancel reply)?|cancel reply|(?:post|submit) comment",
    rf"(?:previous|next|older|newer) (?:post|article|story|entry)s?(?::? {_TAIL})?",
    rf"(?:subscribe|sign up|follow us)(?: (?:to|for|on|now|today|here)\b{_TAIL})?:?",
    r"advertisement|advertising|sponsored(?: content)?|ad",
    r"skip to (?:main )?content|(?:main )?menu|home|search|log ?in|sign in|register",
    rf"(?:©|\(c\)|copyright ?(?:©|\(c\))?) ?\d{{4}}{_TAIL}|{_TAIL}all rights reserved\.?",
    r"[\d,]+ (?:views|shares|likes|reads)",
    r"[^\w\s]{1,20}(?: [^\w\s]{1,20}){0,10}",
)
_BOILERPLATE = re.compile("|".join(f"(?:{p})" for p in _PATTERNS))
_MARKUP = re.compile(r"[*_#>`]+|\[|\]\([^)]*\)|\]")
_SENTENCE_END = re.compile(r"[.!?]$")
_MAX_LINE = 200
_MAX_SENTENCE_WORDS = 12


def is_boilerplate(line: str) -> bool:
    """Whether one line, as a whole, is page furniture rather than article text."""
    if len(line) > _MAX_LINE:
        return False
    key = clean_line(_MARKUP.sub(" ", line)).casefold()
    if not key:
        return False
    # A long line that ends like a sentence is prose, whatever word it starts with.
    if _SENTENCE_END.search(key) and key.count(" ") >= _MAX_SENTENCE_WORDS - 1:
        return False
    return _BOILERPLATE.fullmatch(key) is not None


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
