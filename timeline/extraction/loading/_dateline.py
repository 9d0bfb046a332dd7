"""The article's date from a dateline at its top: "MUMBAI, April 29 (Reuters) -", "Nov 18, 2016"."""

from __future__ import annotations

import datetime as dt
import re

from timeline.domain.dates import FuzzyDate, Precision

__all__ = ["FULL_MONTH", "MONTH", "dateline_date", "make_date", "month_number"]

# A month's name or abbreviation, capitalised as news text writes it; the negative look-ahead
# keeps "Mark", "Mayor" and "Junk" out. `FULL_MONTH` is for forms without a day or year, where
# an abbreviation alone ("Jan") is more often a name.
MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:tember|t)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)(?![a-z])\.?"
)
FULL_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|Sept\.?|October"
    r"|November|December)(?![a-z])"
)
_MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_ORDINAL = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"

# What may stand before the date on its line: a label, a byline, then a place or agency.
_LABEL = re.compile(
    r"(?:(?:first|last)\s+)?(?:published|updated|posted|modified|dated?)\b"
    r"(?:\s+(?:on|at)\b)?\s*[:\-\u2013\u2014]?\s*",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"By\s+[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*){0,3}\s*[|,\u2022\u00b7]\s*"
)
# Wire style: capitals, "SHANGHAI/MUMBAI", "PALO ALTO, Calif.", "WASHINGTON, D.C.".
_CAPS = r"[A-Z][A-Z.'&-]+(?:[ /][A-Z][A-Z.'&-]*)*(?:,\s*(?:[A-Z][a-z]{1,5}\.|[A-Z]\.[A-Z]\.))?"
# Anything else capitalised: "New Delhi", "IANS", "Tuesday"; it must end the line cleanly.
_NAMES = r"[A-Z][\w.'&\u2019-]*(?:[ /][A-Z][\w.'&\u2019-]*){0,3}"
_DATE = re.compile(
    rf"(?:(?P<caps>{_CAPS})(?:,\s*|\s+)|(?P<names>{_NAMES})(?:,\s*|\s+))?"
    rf"(?:(?P<m1>{MONTH})\s*(?P<d1>\d{{1,2}}){_ORDINAL},?\s+(?P<y1>{_YEAR})"
    rf"|(?P<d2>\d{{1,2}}){_ORDINAL}\s+(?P<m2>{MONTH}),?\s+(?P<y2>{_YEAR})"
    rf"|(?P<y3>{_YEAR})-(?P<m3>\d\d)-(?P<d3>\d\d)(?:T[\d:.]+(?:Z|[+-][\d:]+)?)?"
    rf"|(?P<a4>\d{{1,2}})(?P<s4>[/.-])(?P<b4>\d{{1,2}})(?P=s4)(?P<y4>{_YEAR})"
    rf"|(?P<m5>{MONTH})\s*(?P<d5>\d{{1,2}}){_ORDINAL}"
    rf"|(?P<d6>\d{{1,2}}){_ORDINAL}\s+(?P<m6>{MONTH}))"
    r"(?![\w,/.-]*\d)"
)
_TIME = re.compile(
    r",?\s*(?:at\s+)?\d{1,2}[:.]\d\d(?:[:.]\d\d)?\s*(?:[AaPp]\.?[Mm]\.?)?(?:\s*\(?[A-Z]{2,5}\)?)?"
)
_AGENCY = re.compile(r"\s*\([A-Z][\w.&' -]{0,30}\)")
_END = re.compile(r"[*_\s]*(?:$|[-:|/(\u2013\u2014\u2015\u2022\u00b7])")
_LINE_MARKUP = " \t\r*_#>"
_HEAD_CHARS = 600
_HEAD_LINES = 3


def month_number(name: str) -> int:
    """1 to 12 for a name that MONTH or FULL_MONTH matched."""
    return _MONTHS[name[:3].lower()]


def make_date(year: int, month: int, day: int = 1) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None  # "February 30": a typo is no date


def dateline_date(text: str, year: int | None = None) -> FuzzyDate | None:
    """The day a dateline in the first lines of `text` gives, or None.

    Only the start of each of the first three lines with content (within 600 characters) is
    read. A dateline without a year ("TAIPEI Dec 5") takes `year` when given, else gives None;
    a numeric date ("03/04/2019") counts only when day and month cannot be swapped.
    """
    lines = [line for line in text[:_HEAD_CHARS].split("\n") if line.strip()]
    for line in lines[:_HEAD_LINES]:
        found = _line_date(line.strip(_LINE_MARKUP), year)
        if found is not None:
            return FuzzyDate(value=found, precision=Precision.DAY)
    return None


def _line_date(line: str, year: int | None) -> dt.date | None:
    start = 0
    label = _LABEL.match(line) or _BYLINE.match(line)
    if label is not None:
        start = label.end()
    match = _DATE.match(line, start)
    if match is None:
        return None
    tail = line[match.end() :]
    time = _TIME.match(tail)
    tail = tail[time.end() :] if time else tail
    agency = _AGENCY.match(tail)
    tail = tail[agency.end() :] if agency else tail
    # A label, a capitals place or an agency marks a dateline well enough for more to follow
    # on the same line ("TOKYO, March 6 South Korea's ..."), and so does a full date opening
    # the line ("4 February 2002 Memory chip maker ..."); otherwise the date must end the line
    # or a part of it, so that "On March 3, 2015, Samsung said" is not taken.
    groups = match.groupdict()
    marked = label is not None or match["caps"] is not None or agency is not None
    opening = match["names"] is None and not (groups["m5"] or groups["m6"])
    if not (marked or opening) and _END.match(tail) is None:
        return None
    if groups["y1"]:
        return make_date(int(groups["y1"]), month_number(groups["m1"]), int(groups["d1"]))
    if groups["y2"]:
        return make_date(int(groups["y2"]), month_number(groups["m2"]), int(groups["d2"]))
    if groups["y3"]:
        return make_date(int(groups["y3"]), int(groups["m3"]), int(groups["d3"]))
    if groups["y4"]:
        return _numeric(int(groups["a4"]), int(groups["b4"]), int(groups["y4"]))
    # No year in the line: a dateline only when it is marked or labelled, and then only with
    # the year the caller knows.
    if year is None or not marked:
        return None
    month, day = (groups["m5"], groups["d5"]) if groups["m5"] else (groups["m6"], groups["d6"])
    return make_date(year, month_number(month), int(day))


def _numeric(first: int, second: int, year: int) -> dt.date | None:
    # 03/04/2019 is March 4 in the US and 3 April elsewhere: only a day over 12, or the same
    # number twice, settles it.
    if first == second or (first > 12 >= second):
        return make_date(year, second, first)
    if second > 12 >= first:
        return make_date(year, first, second)
    return None
