"""The evaluation report as rich tables: scores per mode and type, then misses and spurious."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from timeline.extraction.evaluation._report import LENIENT_MATCH, EvalReport, EventRef, ModeScores

__all__ = ["DEFAULT_SHOWN", "print_report"]

# Enough misses to see a pattern; the whole lists are in the JSON report.
DEFAULT_SHOWN = 20


def print_report(report: EvalReport, console: Console, *, show: int = DEFAULT_SHOWN) -> None:
    """Both modes' scores, then at most `show` strict misses and as many spurious events.

    Only the strict lists are shown: they hold the lenient ones, and a strict miss that
    matched leniently is starred, so one list tells both.
    """
    console.print(
        f"{report.articles} articles, {report.gold_events} gold events, "
        f"{report.predicted_events} predicted (extractor {report.extractor_version})"
    )
    for title, scores in (("lenient", report.lenient), ("strict", report.strict)):
        console.print(_scores_table(title, scores))
    strict = report.strict
    shown: list[EventRef] = []
    for title, refs in (("missed", strict.missed), ("spurious", strict.spurious)):
        if not refs:
            console.print(f"{title} (strict): none")
            continue
        head = refs[:show]
        shown += head
        if head:
            console.print(_refs_table(f"{title} (strict): {len(refs)}", head))
        if len(refs) > len(head):
            more = len(refs) - len(head)
            console.print(f"{title} (strict): {more} more not shown (--show N, or --json for all)")
    if any(ref.note for ref in shown):
        console.print(f"* {LENIENT_MATCH}")


def _scores_table(title: str, scores: ModeScores) -> Table:
    table = Table(title=title, title_justify="left")
    for name in ("type", "tp", "fp", "fn", "precision", "recall", "f1"):
        table.add_column(name, justify="left" if name == "type" else "right")
    rows = [*scores.per_type.items(), ("overall", scores.overall)]
    for name, c in rows:
        ratios = (f"{c.precision:.3f}", f"{c.recall:.3f}", f"{c.f1:.3f}")
        table.add_row(name, str(c.tp), str(c.fp), str(c.fn), *ratios, end_section=False)
    return table


def _refs_table(title: str, refs: Sequence[EventRef]) -> Table:
    table = Table(title=title, title_justify="left")
    for name in ("article", "type", "kind", "companies"):
        # A type is one short word; folding it would only make the rows taller.
        table.add_column(name, no_wrap=name == "type", overflow="fold")
    table.add_column("evidence", ratio=1, overflow="fold")
    for ref in refs:
        people = f" ({', '.join(ref.people)})" if ref.type == "endorsement" and ref.people else ""
        table.add_row(
            ref.article,
            ref.type,
            ref.deal_kind + (" *" if ref.note else ""),
            ", ".join(ref.companies) + people,
            " ".join((ref.evidence or "").split()),
        )
    return table
