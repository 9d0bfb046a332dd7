"""Scoring extracted deal events against gold ones, and the JSON lines `extract` prints."""

from timeline.extraction.evaluation._gold import (
    DEAL_TYPES,
    DealType,
    GoldError,
    GoldEvent,
    parse_gold,
    read_gold,
)
from timeline.extraction.evaluation._report import (
    LENIENT_MATCH,
    Counts,
    EvalReport,
    EventRef,
    ModeScores,
    evaluate,
)
from timeline.extraction.evaluation._score import Resolver, fold_name
from timeline.extraction.evaluation._wire import (
    CompanyLine,
    EventLine,
    EvidenceLine,
    OccurredLine,
    PersonLine,
    event_line,
)

__all__ = [
    "DEAL_TYPES",
    "LENIENT_MATCH",
    "CompanyLine",
    "Counts",
    "DealType",
    "EvalReport",
    "EventLine",
    "EventRef",
    "EvidenceLine",
    "GoldError",
    "GoldEvent",
    "ModeScores",
    "OccurredLine",
    "PersonLine",
    "Resolver",
    "evaluate",
    "event_line",
    "fold_name",
    "parse_gold",
    "read_gold",
]
