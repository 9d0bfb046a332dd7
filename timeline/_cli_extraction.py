"""The `extract` and `eval` commands: deal events from article files, and their scores."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path

import msgspec
from rich.console import Console
from rich.table import Table

from timeline.extraction import Extractor
from timeline.extraction.evaluation import (
    DEFAULT_SHOWN,
    AliasesError,
    DealExtractor,
    EventLine,
    GoldError,
    OccurredLine,
    event_line,
    print_report,
    read_aliases,
    read_gold,
    score_extractor,
)
from timeline.extraction.gazetteer import Gazetteer, GazetteerError
from timeline.extraction.loading import (
    Article,
    ArticleRejected,
    Loaded,
    Rejected,
    load_file,
    load_folder,
)
from timeline.settings import Settings

__all__ = ["register"]


_PIPED_WIDTH = 160
# Columns of one short word or number stay on one line; the others fold when narrow.
_SHORT = frozenset({"type", "conf"})
_Run = Callable[[argparse.Namespace, Settings], int]


class _CannotRun(Exception):
    """A problem with the input or the installation; the message is one line for stderr."""


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the `extract` and `eval` commands to the `timeline` parser."""
    extract = commands.add_parser(
        "extract",
        help="print the deal events found in article files",
        description="Print the deal events found in articles. A folder's articles.json "
        "metadata applies to the files loaded through that folder.",
    )
    extract.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="file or folder")
    extract.add_argument("--format", choices=["table", "jsonl"], default="table")
    extract.set_defaults(run=_guarded(_extract))

    score = commands.add_parser(
        "eval",
        help="score the extractor against gold deal events (precision, recall, F1)",
        description='Score the extractor against gold deal events. A gold company written "A|B" '
        "matches either name.",
    )
    score.add_argument("--gold", type=Path, required=True, metavar="FILE", help="gold JSON lines")
    score.add_argument(
        "--articles", type=Path, required=True, metavar="DIR", help="the articles the gold names"
    )
    score.add_argument(
        "--aliases",
        type=Path,
        metavar="FILE",
        help="JSON object {gold company: [other names]}: more names each may match",
    )
    score.add_argument(
        "--show",
        type=int,
        default=DEFAULT_SHOWN,
        metavar="N",
        help=f"misses and spurious events listed in the table (default {DEFAULT_SHOWN})",
    )
    score.add_argument("--json", action="store_true", help="print the whole report as JSON")
    score.set_defaults(run=_guarded(_eval))


def _guarded(run: _Run) -> _Run:
    """`run`, with a _CannotRun reported on one line (exit 2) and a closed pipe tolerated."""

    def guarded(args: argparse.Namespace, settings: Settings) -> int:
        try:
            return run(args, settings)
        except _CannotRun as error:
            print(f"timeline: error: {error}", file=sys.stderr)
            return 2
        except BrokenPipeError:
            # The reader went away (`| head`): stop quietly, and keep Python's exit-time
            # flush of stdout from failing again.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0

    return guarded


def _extract(args: argparse.Namespace, settings: Settings) -> int:
    paths: list[Path] = args.paths
    for path in paths:
        if not path.exists():
            raise _CannotRun(f"{path}: no such file or folder")
    extractor = _build_extractor(_gazetteer())
    jsonl = args.format == "jsonl"
    encoder = msgspec.json.Encoder()
    rejected = 0
    shown: list[EventLine] = []
    for result in _load(paths):
        if isinstance(result, Rejected):
            rejected += 1
            print(f"timeline: rejected {result.path}: {result.reason}", file=sys.stderr)
            continue
        lines = [event_line(result.path.name, e) for e in extractor.extract(result.article)]
        if jsonl:
            sys.stdout.buffer.write(b"".join(encoder.encode(line) + b"\n" for line in lines))
        else:
            shown += lines
    if jsonl:
        sys.stdout.flush()
    else:
        _console().print(_events_table(shown))
    return 1 if rejected else 0


def _load(paths: Iterable[Path]) -> Iterator[Loaded | Rejected]:
    for path in paths:
        if path.is_dir():
            yield from load_folder(path)
            continue
        try:
            yield Loaded(path, load_file(path))
        except ArticleRejected as error:
            yield Rejected(path, error.reason)


def _eval(args: argparse.Namespace, settings: Settings) -> int:
    folder: Path = args.articles
    if args.show < 0:
        raise _CannotRun("--show must not be negative")
    try:
        gold = read_gold(args.gold)
        # Read before the articles, so that a bad file fails at once.
        aliases = read_aliases(args.aliases) if args.aliases else {}
    except (GoldError, AliasesError) as error:
        raise _CannotRun(str(error)) from None
    if not folder.is_dir():
        raise _CannotRun(f"--articles: {folder} is not a folder")
    articles: dict[str, Article] = {}
    rejected: dict[str, str] = {}
    for result in load_folder(folder):
        if isinstance(result, Rejected):
            rejected[result.path.name] = result.reason
            print(f"timeline: rejected {result.path}: {result.reason}", file=sys.stderr)
        else:
            articles[result.path.name] = result.article
    for event in gold:
        if event.article not in articles:
            why = rejected.get(event.article)
            problem = f"could not be loaded: {why}" if why else f"is not in {folder}"
            raise _CannotRun(f"{args.gold} line {event.line}: article {event.article} {problem}")
    gazetteer = _gazetteer()
    extractor = _build_extractor(gazetteer)
    report = score_extractor(gold, articles, extractor, gazetteer, aliases=aliases)
    if args.json:
        sys.stdout.buffer.write(msgspec.json.format(msgspec.json.encode(report), indent=2))
        sys.stdout.buffer.write(b"\n")
        sys.stdout.flush()
    else:
        print_report(report, _console(), show=args.show)
    return 0


def _build_extractor(gazetteer: Gazetteer) -> DealExtractor:
    """The extractor `extract` runs and `eval` scores: the one place to swap in another."""
    return Extractor(gazetteer)


def _gazetteer() -> Gazetteer:
    try:
        return Gazetteer.load()
    except GazetteerError as error:
        raise _CannotRun(f"gazetteer: {error}") from None


def _console() -> Console:
    # Piped or redirected, rich would assume 80 columns and fold every evidence sentence.
    piped = not sys.stdout.isatty() and "COLUMNS" not in os.environ
    return Console(highlight=False, width=_PIPED_WIDTH if piped else None)


def _events_table(lines: Sequence[EventLine]) -> Table:
    table = Table(title=f"{len(lines)} deal events", title_justify="left")
    _add_columns(table, "article", "type", "kind", "companies", "people", "occurred", "conf")
    for line in lines:
        table.add_row(
            line.article,
            line.type,
            line.deal_kind,
            "\n".join(f"{c.name} ({c.role}{'' if c.verified else ', ?'})" for c in line.companies),
            "\n".join(p.name for p in line.people),
            _occurred(line.occurred),
            f"{line.confidence:.2f}",
            _one_line(line.evidence[0].text if line.evidence else ""),
        )
    return table


def _add_columns(table: Table, *names: str) -> None:
    """The named columns, then the evidence taking what width is left."""
    for name in names:
        if name in _SHORT:
            table.add_column(name, no_wrap=True)
        else:
            table.add_column(name, overflow="fold")
    table.add_column("evidence", ratio=1, overflow="fold")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _occurred(occurred: OccurredLine) -> str:
    if occurred.date is None:
        return "unknown"
    iso = occurred.date.isoformat()
    return {"year": iso[:4], "month": iso[:7]}.get(occurred.precision, iso)
