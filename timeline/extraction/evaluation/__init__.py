"""Scoring extracted deal events against gold ones, and the JSON lines `extract` prints."""

from timeline.extraction.evaluation._aliases import (
    Aliases,
    AliasesError,
    parse_aliases,
    read_aliases,
)
from timeline.extraction.evaluation._gold import (
    DEAL_TYPES,
    DealType,
    GoldError,
    GoldEvent,
    parse_gold,
    read_gold,
)
from timeline.extraction.evaluation._render import DEFAULT_SHOWN, print_report
from timeline.extraction.evaluation._report import (
    LENIENT_MATCH,
    Counts,
    EvalReport,
    EventRef,
    ModeScores,
    evaluate,
)
from timeline.extraction.evaluation._run import DealExtractor, score_extractor
from timeline.extraction.evaluation._score import (
    Resolver,
    companies_fit,
    company_key,
    fold_name,
    fold_person,
    gold_alternatives,
    gold_names,
)
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
    "DEFAULT_SHOWN",
    "LENIENT_MATCH",
    "Aliases",
    "AliasesError",
    "CompanyLine",
    "Counts",
    "DealExtractor",
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
    "companies_fit",
    "company_key",
    "evaluate",
    "event_line",
    "fold_name",
    "fold_person",
    "gold_alternatives",
    "gold_names",
    "parse_aliases",
    "parse_gold",
    "print_report",
    "read_aliases",
    "read_gold",
    "score_extractor",
]
