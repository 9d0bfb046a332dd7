"""A timeline as CSV, as an iCalendar file and as an Atom feed."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from xml.etree import ElementTree as ET

from timeline.api._convert import shown
from timeline.projections import TimelineEntry

__all__ = ["atom_feed", "calendar", "csv_table"]

_COLUMNS = (
    "date",
    "date_precision",
    "type",
    "deal_kind",
    "role",
    "counterparties",
    "people",
    "sources",
    "evidence",
    "article_id",
    "event_id",
    "position",
    "current",
)


def _with(entry: TimelineEntry) -> str:
    return ", ".join(c["name"] for c in entry.counterparties) or ", ".join(
        p["name"] for p in entry.people
    )


def _summary(entry: TimelineEntry) -> str:
    others = _with(entry)
    return f"{entry.type}: {entry.deal_kind}" + (f" with {others}" if others else "")


def csv_table(entries: Sequence[TimelineEntry]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(_COLUMNS)
    for e in entries:
        writer.writerow(
            (
                shown(e.date, e.date_precision) or "",
                e.date_precision,
                e.type,
                e.deal_kind,
                e.role,
                "; ".join(c["name"] for c in e.counterparties),
                "; ".join(p["name"] for p in e.people),
                "; ".join(e.sources),
                " | ".join(ev["text"] for ev in e.evidence),
                e.article_id,
                str(e.event_id),
                e.position,
                "true" if e.current else "false",
            )
        )
    return out.getvalue().encode()


def _ics_text(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> list[str]:
    """RFC 5545 lines are at most 75 octets; longer ones continue after a space."""
    data = line.encode()
    if len(data) <= 75:
        return [line]
    parts: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode())
        if size + width > (75 if not parts else 74):
            parts.append(current)
            current, size = "", 0
        current += char
        size += width
    parts.append(current)
    return [parts[0], *(" " + p for p in parts[1:])]


def calendar(name: str, entries: Sequence[TimelineEntry], now: dt.datetime) -> bytes:
    """One all-day event per dated entry, lasting its date's precision; undated ones skipped."""
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//deal-timeline//timeline//EN",
        f"X-WR-CALNAME:{_ics_text(name + ' deals')}",
    ]
    for e in entries:
        if e.date is None or e.date_precision == "unknown":
            continue
        end = _period_end(e.date, e.date_precision) + dt.timedelta(days=1)
        evidence = " ".join(ev["text"] for ev in e.evidence)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{e.event_id}-{e.company}@deal-timeline",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{e.date.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{end.strftime('%Y%m%d')}",
            f"SUMMARY:{_ics_text(_summary(e))}",
            f"DESCRIPTION:{_ics_text(evidence)}",
            f"CATEGORIES:{_ics_text(e.type)}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return ("\r\n".join(folded for line in lines for folded in _fold(line)) + "\r\n").encode()


def _period_end(start: dt.date, precision: str) -> dt.date:
    if precision == "year":
        return start.replace(month=12, day=31)
    if precision == "month":
        following = start.replace(day=28) + dt.timedelta(days=4)
        return following - dt.timedelta(days=following.day)
    return start


_ATOM = "http://www.w3.org/2005/Atom"


def atom_feed(
    slug: str, name: str, entries: Sequence[TimelineEntry], base_url: str, now: dt.datetime
) -> bytes:
    """The newest entries first, each linking to its article in the API."""
    ET.register_namespace("", _ATOM)
    feed = ET.Element(f"{{{_ATOM}}}feed")
    times = [_utc(e.recorded_at) for e in entries if e.recorded_at is not None]
    _text(feed, "id", f"{base_url}/companies/{slug}/timeline")
    _text(feed, "title", f"{name}: deal timeline")
    _text(feed, "updated", max(times, default=now).isoformat())
    ET.SubElement(
        feed, f"{{{_ATOM}}}link", rel="self", href=f"{base_url}/companies/{slug}/timeline.atom"
    )
    author = ET.SubElement(feed, f"{{{_ATOM}}}author")
    _text(author, "name", "deal-timeline")
    for e in entries:
        item = ET.SubElement(feed, f"{{{_ATOM}}}entry")
        _text(item, "id", f"urn:uuid:{e.event_id}")
        date = shown(e.date, e.date_precision) or "date unknown"
        _text(item, "title", f"{date} {_summary(e)}")
        _text(item, "updated", _utc(e.recorded_at or now).isoformat())
        ET.SubElement(item, f"{{{_ATOM}}}link", href=f"{base_url}/articles/{e.article_id}")
        ET.SubElement(item, f"{{{_ATOM}}}category", term=e.type)
        _text(item, "summary", " ".join(ev["text"] for ev in e.evidence))
    return bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=True))


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, f"{{{_ATOM}}}{tag}").text = text


def _utc(when: dt.datetime) -> dt.datetime:
    """SQLite gives back naive times, stored in UTC."""
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)
