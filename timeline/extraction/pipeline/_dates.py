"""When a sentence says its event happened: "in 2011", "last June", "two years ago"."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from timeline.domain.dates import FuzzyDate, Precision
from timeline.extraction.loading._dateline import (
    FULL_MONTH,
    MONTH,
    dateline_date,
    make_date,
    month_number,
)

__all__ = ["dateline_date", "event_date"]

# Every form below holds a four-digit year, a month's name, "last", "this" or "ago": most
# sentences have none of them and are done with after this one search.
_MAYBE = re.compile(
    r"\d\d\d\d|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|[Ll]ast|[Tt]his (?:year|month)|ago\b"
)
_YEAR = r"(?<![\d,.$\u20ac\u00a3\u00a5\u20b9])(?:19|20)\d\d(?![\d,.]\d)"
_ORD = r"(?:st|nd|rd|th)?"
_COUNTS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip
_PART = (
    r"(?:(?:first|second|third|fourth|final|last)\s+(?:quarter|half)"
    r"|spring|summer|autumn|fall|winter|start|beginning|middle|end)"
)
# One group per form, tried left to right; at one position, longer forms come first. Every
# form starts with a digit or one of a few letters: the look-ahead skips other words fast.
_EXPRESSION = re.compile(
    r"\b(?=[ADEFIJLMNOSTadefilnost\d])"
    rf"(?:(?P<mdy>(?P<mdy_m>{MONTH})\s*(?P<mdy_d>\d{{1,2}}){_ORD},?\s+(?P<mdy_y>{_YEAR}))"
    rf"|(?P<dmy>(?P<dmy_d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<dmy_m>{MONTH}),?\s+(?P<dmy_y>{_YEAR}))"
    rf"|(?P<iso>(?P<iso_y>{_YEAR})-(?P<iso_m>\d\d)-(?P<iso_d>\d\d))\b"
    rf"|(?P<mrel>(?P<mrel_m>{MONTH})\s+(?:of\s+)?(?P<mrel_w>last|this)\s+year)\b"
    rf"|(?P<my>(?P<my_m>{MONTH}),?\s+(?:of\s+)?(?P<my_y>{_YEAR}))\b"
    rf"|(?P<yin>(?i:in|during)\s+(?:(?:early|late|mid)[-\s]*)?(?P<yin_y>{_YEAR}))\b"
    rf"|(?P<ypart>(?i:in|during|at)\s+the\s+{_PART}\s+of\s+(?P<ypart_y>{_YEAR}))\b"
    rf"|(?P<md>(?P<md_m>{MONTH})\s*(?P<md_d>\d{{1,2}}){_ORD})\b(?![,\s]*\d)"
    rf"|(?P<ondm>(?i:on)\s+(?P<ondm_d>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<ondm_m>{FULL_MONTH}))"
    rf"(?![,\s]*\d)"
    rf"|(?P<lastm>(?i:last)\s+(?P<lastm_m>{FULL_MONTH}))"
    rf"|(?P<inm>(?i:in|during)\s+(?:(?:early|late|mid)[-\s]*)?(?P<inm_m>{FULL_MONTH}))"
    r"(?![,\s]*\d)(?!\s+(?:of\s+)?(?:last|this|next)\b)"
    r"|(?P<rel>(?P<rel_w>(?i:last|(?:earlier\s+)?this))\s+(?P<rel_u>year|month))\b"
    r"(?!['\u2019])"
    r"|(?P<ago>(?P<ago_n>(?i:an?|one|two|three|four|five|six|seven|eight|nine|ten)|\d{1,2})"
    r"\s+(?P<ago_u>year|month)s?\s+ago)\b)"
)
# Words just before that make the time something else: a deadline, a start, a comparison, a
# founding date, the next one, a fiscal year, the end of a range.
_BEFORE = re.compile(
    r"\b(?:by|as\s+of|until|till|through|before|after|from|since|to|between|than|versus|vs\."
    r"|against|compared\s+(?:with|to)|fiscal|founded|established|incorporated|born|listed"
    r"|later|next|the|an?|its|their|his|her|for|rest\s+of|(?:end|start|beginning|middle)\s+of"
    r"|FY)\s*$|\d\s*[-\u2013]\s*$",
    re.IGNORECASE,
)
# Words just after that make it an attribute of something else or a range: "a 2019 model",
# "2014-15", "June 12-July 13", "2015's profit", a number in an amount.
_AFTER = re.compile(
    r"(?:\s*(?:[-\u2013/]\s*(?:[A-Z][a-z]+\.?\s*)?\d|['\u2019]s\b|%)"
    r"|\s+(?:models?|quarter|fiscal|financial|season|edition|version|update|budget|deadline"
    r"|elections?|olympics|levels?|dollars|prices"
    r"|terms|figures|results|earnings|forecast|guidance|target|outlook|percent|per\s+cent"
    r"|million|billion|trillion|crore|lakh|units|shares)\b)"
)
# A future or hedged event: its time is a plan, not when something happened.
_FUTURE = re.compile(
    r"\b(?:will|won't|would|could|might|may|shall|should|expects?|expected|plans?|planned"
    r"|planning|aims?|intends?|hopes?|targets?|scheduled|slated|due|set\s+to|going\s+to"
    r"|upcoming|coming|next)\b|['\u2019]ll\b"
)
# An infinitive before a time without its year is as often a plan ("is rumored to launch in
# March") as a report; "according to" is neither.
_INFINITIVE = re.compile(r"(?<!according )\bto\s+[a-z]")
# Forms whose year the sentence does not give, or gives as "this year": a future marker
# anywhere makes them unsafe ("In September Samsung will launch ..." is not last September).
_YEARLESS = frozenset({"md", "ondm", "inm"})
# Forms that can only be in the past ("last June", "two years ago").
_PAST = frozenset({"lastm", "ago"})
_LOOK_BACK = 40


def event_date(sentence: str, published: FuzzyDate) -> FuzzyDate | None:
    """When the sentence says its event happened, anchored on the article's published date.

    The first time expression that qualifies wins. Forms relative to the article ("last
    June", "this year", "in September") need a published date precise enough to count
    from; "in 2011" and "March 3, 2015" need none. Deadlines, plans, founding dates, fiscal
    years, amounts and dates after `published` never qualify; weak words ("on Tuesday",
    "yesterday") are not read at all, so the caller keeps the published date.
    """
    if _MAYBE.search(sentence) is None:
        return None
    for match in _EXPRESSION.finditer(sentence):
        kind = match.lastgroup
        if kind is None or not _clean(sentence, match, kind):
            continue
        found = _read(match, kind, published)
        if found is not None and found.value is not None and _not_after(found.value, published):
            return found
    return None


def _clean(sentence: str, match: re.Match[str], kind: str) -> bool:
    before = sentence[max(0, match.start() - _LOOK_BACK) : match.start()]
    # "over the last year" is the past twelve months, not last year: "the" is in _BEFORE.
    if _BEFORE.search(before) is not None:
        return False
    if _AFTER.match(sentence, match.end()) is not None:
        return False
    if kind in _PAST or (kind in {"rel", "mrel"} and _says_last(match, kind)):
        return True
    if kind in _YEARLESS or kind in {"rel", "mrel"}:
        return (
            _FUTURE.search(sentence) is None
            and _INFINITIVE.search(sentence, 0, match.start()) is None
        )
    return _FUTURE.search(sentence, 0, match.start()) is None


def _says_last(match: re.Match[str], kind: str) -> bool:
    return match[f"{kind}_w"].lower() == "last"


def _read(match: re.Match[str], kind: str, published: FuzzyDate) -> FuzzyDate | None:
    """The date a qualifying match names; None when it needs an anchor it lacks."""
    if kind in {"mdy", "dmy", "iso"}:
        name = match[f"{kind}_m"]
        month = int(name) if kind == "iso" else month_number(name)
        found = make_date(int(match[f"{kind}_y"]), month, int(match[f"{kind}_d"]))
        return None if found is None else FuzzyDate(value=found, precision=Precision.DAY)
    if kind == "my":
        return _month(int(match["my_y"]), month_number(match["my_m"]))
    if kind in {"yin", "ypart"}:
        return _year(int(match[f"{kind}_y"]))
    if published.value is None or published.precision is Precision.UNKNOWN:
        return None
    return _anchored(match, kind, published.value, published)


def _anchored(
    match: re.Match[str], kind: str, anchor: dt.date, published: FuzzyDate
) -> FuzzyDate | None:
    """A form counted from the published date `anchor`, as precise as it needs it to be."""
    by_month = published.precision in {Precision.DAY, Precision.MONTH}
    if kind == "mrel":
        shift = 1 if _says_last(match, kind) else 0
        return _month(anchor.year - shift, month_number(match["mrel_m"]))
    if kind == "rel":
        shift = 1 if _says_last(match, kind) else 0
        if match["rel_u"] == "year":
            return _year(anchor.year - shift)
        return _months_before(anchor, shift) if by_month else None
    if kind == "ago":
        count = _COUNTS.get(match["ago_n"].lower()) or int(match["ago_n"])
        if match["ago_u"] == "year":
            return _year(anchor.year - count)
        return _months_before(anchor, count) if by_month else None
    if not by_month:
        return None  # "last June" in an article dated only to its year could be either June
    month = month_number(match[f"{kind}_m"])
    if kind in {"lastm", "inm"}:
        # "last June" is before the published month; "in June" may be that month itself.
        earlier = month < anchor.month if kind == "lastm" else month <= anchor.month
        return _month(anchor.year if earlier else anchor.year - 1, month)
    day = int(match[f"{kind}_d"])
    for year in (anchor.year, anchor.year - 1):
        found = make_date(year, month, day)
        if found is not None and found <= _last_day(published):
            return FuzzyDate(value=found, precision=Precision.DAY)
    return None


def _year(year: int) -> FuzzyDate:
    return FuzzyDate(value=dt.date(year, 1, 1), precision=Precision.YEAR)


def _month(year: int, month: int) -> FuzzyDate:
    return FuzzyDate(value=dt.date(year, month, 1), precision=Precision.MONTH)


def _months_before(anchor: dt.date, count: int) -> FuzzyDate:
    index = anchor.year * 12 + anchor.month - 1 - count
    return _month(index // 12, index % 12 + 1)


def _last_day(published: FuzzyDate) -> dt.date:
    """The latest day the article can have been published, given its date's precision."""
    assert published.value is not None
    value = published.value
    if published.precision is Precision.YEAR:
        return value.replace(month=12, day=31)
    if published.precision is Precision.MONTH:
        return value.replace(day=calendar.monthrange(value.year, value.month)[1])
    return value


def _not_after(value: dt.date, published: FuzzyDate) -> bool:
    # An event dated later than the article is a plan or a misreading, never a report.
    if published.value is None or published.precision is Precision.UNKNOWN:
        return True
    return value <= _last_day(published)
