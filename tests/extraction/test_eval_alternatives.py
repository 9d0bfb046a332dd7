"""Gold companies with alternatives ("A|B", an aliases file), and the eval command around them."""

from __future__ import annotations

import json
from pathlib import Path
from typing import ClassVar, NamedTuple

import pytest

import timeline._cli_extraction
from timeline.cli import main
from timeline.domain.events import (
    CompanyRef,
    CompanyRole,
    DealEvent,
    DealKind,
    DenialIssued,
    EndorsementObserved,
    Evidence,
    PartnershipConfirmed,
    PersonRef,
    RumorReported,
)
from timeline.extraction.evaluation import (
    Aliases,
    AliasesError,
    DealType,
    EvalReport,
    EventLine,
    GoldError,
    GoldEvent,
    companies_fit,
    evaluate,
    event_line,
    parse_aliases,
    parse_gold,
    score_extractor,
)
from timeline.extraction.gazetteer import Gazetteer
from timeline.extraction.loading import Article, load_text

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
SEEDS_GOLD = ROOT / "tests" / "data" / "seeds.gold.jsonl"
ARTICLE = "000_seed.txt"


class _Company(NamedTuple):
    slug: str


class FakeGazetteer:
    """Tencent and Xiaomi known, nubia a brand of ZTE; Square and Block unknown (by name)."""

    NAMES: ClassVar[dict[str, str]] = {
        "tencent": "tencent",
        "xiaomi": "xiaomi",
        "zte": "zte",
        "nubia": "zte",
    }

    def resolve(self, query: str) -> _Company | None:
        slug = self.NAMES.get(" ".join(query.lower().split()))
        return _Company(slug) if slug else None

    def company(self, slug: str) -> _Company | None:
        return _Company(slug) if slug in set(self.NAMES.values()) else None


def company(name: str, *, verified: bool = False) -> CompanyRef:
    return CompanyRef(slug=name.lower(), name=name, role=CompanyRole.PARTY, verified=verified)


def event(
    cls: type[DealEvent],
    *names: str,
    kind: DealKind = DealKind.ACQUISITION,
    people: tuple[str, ...] = (),
) -> DealEvent:
    return cls(
        article_id="a" * 16,
        deal_kind=kind,
        companies=tuple(company(name) for name in names),
        people=tuple(PersonRef(name=name) for name in people),
        evidence=(Evidence(text="Evidence.", start=0, end=9),),
        confidence=0.8,
        rules=("test",),
        extractor_version="test-1",
    )


def lines(*events: DealEvent) -> list[EventLine]:
    return [event_line(ARTICLE, e) for e in events]


def gold(
    type: DealType, *companies: str, kind: str = "acquisition", people: tuple[str, ...] = ()
) -> GoldEvent:
    return GoldEvent(
        line=1,
        article=ARTICLE,
        type=type,
        companies=companies,
        people=people,
        deal_kind=DealKind(kind),
        evidence="Gold evidence.",
    )


def score(
    golds: list[GoldEvent], predicted: list[EventLine], aliases: Aliases | None = None
) -> EvalReport:
    return evaluate(
        golds, predicted, FakeGazetteer(), aliases=aliases, articles=1, extractor_version="t"
    )


def tp_fp_fn(report: EvalReport) -> tuple[int, int, int]:
    overall = report.strict.overall
    return overall.tp, overall.fp, overall.fn


# "A|B" in the gold.


@pytest.mark.parametrize("name", ["Square", "Block", "BLOCK Inc."])
def test_either_name_of_a_gold_alternative_matches(name: str) -> None:
    golds = [gold("rumor", "Tencent", "Square|Block")]
    report = score(golds, lines(event(RumorReported, name, "Tencent")))
    assert tp_fp_fn(report) == (1, 0, 0)
    assert report.lenient.overall.f1 == report.strict.overall.f1 == 1.0


def test_alternatives_go_through_the_gazetteer() -> None:
    # "nubia" is ZTE's brand, so a prediction naming ZTE matches the "nubia|Foo" side.
    report = score(
        [gold("partnership", "nubia|Foo", "Xiaomi")],
        lines(event(PartnershipConfirmed, "ZTE", "Xiaomi")),
    )
    assert tp_fp_fn(report) == (1, 0, 0)


@pytest.mark.parametrize(
    "names",
    [
        ("Tencent", "Xiaomi"),  # neither alternative
        ("Tencent",),  # one company short
        ("Tencent", "Square", "Block"),  # both alternatives as two companies
        ("Tencent", "Square", "Xiaomi"),  # one company too many
        ("Xiaomi", "Square"),  # the other gold company wrong
    ],
)
def test_a_wrong_company_still_misses(names: tuple[str, ...]) -> None:
    report = score([gold("rumor", "Tencent", "Square|Block")], lines(event(RumorReported, *names)))
    assert tp_fp_fn(report) == (0, 1, 1)
    assert report.strict.missed[0].companies == ("Tencent", "Square|Block")


def test_alternatives_pair_one_to_one_and_as_many_as_can_be() -> None:
    # The gold says the same deal twice, once with both names. A greedy pairing could give
    # "Block" to the "Square|Block" key and strand the "Block" one.
    golds = [gold("rumor", "Tencent", "Square|Block"), gold("rumor", "Tencent", "Block")]
    one = score(golds, lines(event(RumorReported, "Tencent", "Block")))
    assert tp_fp_fn(one) == (1, 0, 1)
    both = lines(
        event(RumorReported, "Tencent", "Block"), event(RumorReported, "Tencent", "Square")
    )
    assert tp_fp_fn(score(golds, both)) == (2, 0, 0)


def test_gold_companies_that_resolve_alike_still_need_one_prediction() -> None:
    # A brand and its owner are one company, with or without alternatives beside them.
    golds = [gold("partnership", "ZTE", "nubia|Nubia Technology")]
    report = score(golds, lines(event(PartnershipConfirmed, "ZTE")))
    assert tp_fp_fn(report) == (1, 0, 0)


def test_companies_fit() -> None:
    def fit(gold: list[set[str]], predicted: list[str]) -> bool:
        return companies_fit(
            frozenset(frozenset(c) for c in gold), frozenset(frozenset({p}) for p in predicted)
        )

    assert fit([{"a", "b"}, {"c"}], ["b", "c"])
    assert fit([{"a"}, {"a", "x"}], ["a"])
    assert not fit([{"a", "b"}, {"c"}], ["a", "b"])
    assert not fit([{"a", "b"}], ["a", "b"])
    assert not fit([{"a", "b"}, {"c"}], ["a", "b", "c"])


def test_an_empty_alternative_is_a_gold_error() -> None:
    line = '{"article": "a.txt", "type": "rumor", "companies": ["Square|"], "deal_kind": "merger"}'
    with pytest.raises(GoldError, match=r'gold line 1: company "Square\|" has an empty'):
        parse_gold(line)


# Aliases.


def test_an_alias_entry_makes_a_match() -> None:
    golds = [gold("rumor", "Tencent", "Xiaomi")]
    predicted = lines(event(RumorReported, "Tencent Holdings", "Xiaomi"))
    assert tp_fp_fn(score(golds, predicted)) == (0, 1, 1)
    aliases = {"Tencent": ["Tencent Holdings Ltd"]}
    assert tp_fp_fn(score(golds, predicted, aliases)) == (1, 0, 0)


def test_aliases_are_keyed_by_the_gold_string_as_written() -> None:
    golds = [gold("denial", "Square|Block", "Xiaomi")]
    predicted = lines(event(DenialIssued, "Block Inc", "Xiaomi"), event(DenialIssued, "SQ"))
    assert tp_fp_fn(score(golds, predicted, {"Square|Block": ["Square Inc"]})) == (1, 1, 0)
    predicted = lines(event(DenialIssued, "Xiaomi", "Cash App"))
    assert tp_fp_fn(score(golds, predicted, {"Square|Block": ["Cash App"]})) == (1, 0, 0)
    # An entry for one side of "A|B" names that side, so it applies too.
    assert tp_fp_fn(score(golds, predicted, {"Block": ["Cash App"]})) == (1, 0, 0)
    # An alias of another company does not.
    assert tp_fp_fn(score(golds, predicted, {"Xiaomi": ["Cash App"]})) == (0, 1, 1)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{oops", "aliases: not valid JSON"),
        ('["Tencent"]', "aliases: not an object of name lists (Expected `object`, got `array`)"),
        ('{"Tencent": "Tencent Holdings"}', "Expected `array`, got `str` - at `$[...]`"),
        ('{"Tencent": [1]}', "Expected `str`, got `int`"),
        ('{"Tencent": [""]}', "aliases: 'Tencent' has an empty name"),
    ],
)
def test_a_bad_aliases_text(text: str, message: str) -> None:
    with pytest.raises(AliasesError) as raised:
        parse_aliases(text)
    assert message in str(raised.value) and "\n" not in str(raised.value)


def test_aliases_parse() -> None:
    assert parse_aliases('{"A|B": ["C", "D"], "E": []}') == {"A|B": ("C", "D"), "E": ()}


# Counts per type.


def test_per_type_counts_with_alternatives() -> None:
    golds = [
        gold("rumor", "Tencent", "Square|Block"),
        gold("denial", "Square|Block", "Tencent"),
        gold("partnership", "Xiaomi", "Fiat|Stellantis", kind="partnership"),
        gold("endorsement", "nubia|Foo", kind="endorsement", people=("Peng Liyuan",)),
    ]
    predicted = lines(
        event(RumorReported, "Block", "Tencent"),
        event(RumorReported, "Xiaomi", "Tencent"),
        event(PartnershipConfirmed, "Stellantis", "Xiaomi", kind=DealKind.JOINT_VENTURE),
        event(EndorsementObserved, "ZTE", kind=DealKind.ENDORSEMENT, people=("Peng Liyuan",)),
    )
    report = score(golds, predicted)
    strict = {t: (c.tp, c.fp, c.fn) for t, c in report.strict.per_type.items()}
    assert strict == {
        "rumor": (1, 1, 0),
        "denial": (0, 0, 1),
        "partnership": (0, 1, 1),
        "endorsement": (1, 0, 0),
    }
    lenient = report.lenient.per_type["partnership"]
    assert (lenient.tp, lenient.fp, lenient.fn) == (1, 0, 0)
    assert (report.lenient.overall.tp, report.lenient.overall.fn) == (3, 1)
    assert report.strict.overall.f1 == pytest.approx(0.5)
    (partnership,) = (ref for ref in report.strict.missed if ref.type == "partnership")
    assert partnership.companies == ("Xiaomi", "Fiat|Stellantis") and partnership.note


# The command: --aliases, --show, and the extractor it scores.


class StandIn:
    """A Tencent-Xiaomi investment rumor in every article."""

    version = "stand-in-2"

    def extract(self, article: Article) -> list[DealEvent]:
        rumor = event(RumorReported, "Tencent", "Xiaomi", kind=DealKind.INVESTMENT)
        return [rumor]


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TIMELINE_CONFIG", raising=False)
    monkeypatch.delenv("COLUMNS", raising=False)
    monkeypatch.setattr(timeline._cli_extraction, "_build_extractor", lambda _: StandIn())


def eval_args(*more: str) -> list[str]:
    return ["eval", "--gold", str(SEEDS_GOLD), "--articles", str(SEEDS), *more]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (None, "aliases.json: cannot read: No such file or directory"),
        ('{"Tencent": [oops', "aliases.json: not valid JSON"),
        ('{"Tencent": "Tencent Holdings"}', "aliases.json: not an object of name lists"),
    ],
)
def test_a_bad_aliases_file_is_one_line_and_exit_2(
    cli: None, capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str | None, message: str
) -> None:
    path = tmp_path / "aliases.json"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    assert main(eval_args("--aliases", str(path))) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith("timeline: error: ") and err.count("\n") == 1
    assert message in err


def test_the_table_caps_the_lists(cli: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(eval_args("--show", "1")) == 0
    out, _ = capsys.readouterr()
    assert "extractor stand-in-2" in out
    assert "missed (strict): 8" in out and "missed (strict): 7 more not shown" in out
    assert "spurious (strict): 1" in out and "spurious (strict): 0 more" not in out
    assert main(eval_args("--show", "0")) == 0
    assert "missed (strict): 8 more not shown" in capsys.readouterr().out
    assert main(eval_args("--show", "-1")) == 2
    assert capsys.readouterr().err == "timeline: error: --show must not be negative\n"


def test_the_json_lists_everything(
    cli: None, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    aliases = tmp_path / "aliases.json"
    aliases.write_text('{"Tencent": ["Tencent Holdings"]}', encoding="utf-8")
    assert main(eval_args("--show", "1", "--aliases", str(aliases), "--json")) == 0
    report = json.loads(capsys.readouterr().out)
    assert isinstance(report["lenient"]["overall"]["f1"], float)
    assert list(report["strict"]["per_type"]) == ["rumor", "denial", "partnership", "endorsement"]
    assert len(report["strict"]["missed"]) == 8 and len(report["strict"]["spurious"]) == 1


def test_any_extractor_can_be_scored() -> None:
    article = load_text("Tencent may invest in Xiaomi.", title="Talk")
    golds = [gold("rumor", "Tencent", "Xiaomi", kind="investment")]
    report = score_extractor(golds, {ARTICLE: article}, StandIn(), FakeGazetteer())
    assert report.extractor_version == "stand-in-2"
    assert tp_fp_fn(report) == (1, 0, 0)


def test_the_real_gazetteer_resolves_alternatives() -> None:
    gazetteer = Gazetteer.load()
    golds = [gold("rumor", "Tencent", "Xiaomi|Nowhere Widgets")]
    report = evaluate(
        golds,
        lines(event(RumorReported, "Tencent", "Xiaomi")),
        gazetteer,
        articles=1,
        extractor_version="t",
    )
    assert tp_fp_fn(report) == (1, 0, 0)
