"""Scoring extracted deal events against gold ones, on hand-built events, and the gold reader."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import ClassVar, NamedTuple

import msgspec
import pytest

from timeline.domain.dates import FuzzyDate, Precision
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
    LENIENT_MATCH,
    DealType,
    EvalReport,
    EventLine,
    GoldError,
    GoldEvent,
    Resolver,
    evaluate,
    event_line,
    fold_name,
    parse_gold,
    read_gold,
)
from timeline.extraction.gazetteer import Gazetteer

DATA = Path(__file__).resolve().parents[1] / "data"
ARTICLE = "000_seed.txt"


class _Company(NamedTuple):
    slug: str


class FakeGazetteer:
    """Just resolve() and company(): a few companies, names and one brand."""

    NAMES: ClassVar[dict[str, str]] = {
        "tencent": "tencent",
        "xiaomi": "xiaomi",
        "xiaomi inc.": "xiaomi",
        "alibaba": "alibaba",
        "alibaba group": "alibaba",
        "zte": "zte",
        "nubia": "zte",
        "jd.com": "jd",
    }

    def resolve(self, query: str) -> _Company | None:
        slug = self.NAMES.get(" ".join(query.lower().split()))
        return _Company(slug) if slug else None

    def company(self, slug: str) -> _Company | None:
        return _Company(slug) if slug in set(self.NAMES.values()) else None


FAKE = FakeGazetteer()


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


def company(name: str, slug: str | None = None, *, verified: bool = True) -> CompanyRef:
    return CompanyRef(
        slug=slug or name.lower(), name=name, role=CompanyRole.PARTY, verified=verified
    )


def event(
    cls: type[DealEvent],
    *companies: CompanyRef,
    kind: DealKind = DealKind.INVESTMENT,
    people: tuple[str, ...] = (),
    evidence: str = "Tencent plans to invest in Xiaomi.",
) -> DealEvent:
    return cls(
        article_id="a" * 16,
        deal_kind=kind,
        companies=companies,
        people=tuple(PersonRef(name=name) for name in people),
        evidence=(Evidence(text=evidence, start=0, end=len(evidence)),),
        confidence=0.8,
        rules=("test",),
        extractor_version="test-1",
    )


def lines(*events: DealEvent, article: str = ARTICLE) -> list[EventLine]:
    return [event_line(article, e) for e in events]


def gold(
    type: DealType,
    *companies: str,
    kind: str = "investment",
    people: tuple[str, ...] = (),
    article: str = ARTICLE,
    evidence: str = "Gold evidence.",
) -> GoldEvent:
    return GoldEvent(
        line=1,
        article=article,
        type=type,
        companies=companies,
        people=people,
        deal_kind=DealKind(kind),
        evidence=evidence,
    )


def score(
    golds: list[GoldEvent], predicted: list[EventLine], resolver: Resolver = FAKE
) -> EvalReport:
    return evaluate(
        golds,
        predicted,
        resolver,
        articles=1,
        extractor_version="test-1",
    )


TENCENT, XIAOMI, ALIBABA, ZTE = (company(n) for n in ("Tencent", "Xiaomi", "Alibaba", "ZTE"))


def test_an_exact_prediction_scores_one() -> None:
    report = score(
        [gold("rumor", "Tencent", "Xiaomi")], lines(event(RumorReported, TENCENT, XIAOMI))
    )
    for mode in (report.lenient, report.strict):
        assert (mode.overall.tp, mode.overall.fp, mode.overall.fn) == (1, 0, 0)
        assert mode.overall.precision == mode.overall.recall == mode.overall.f1 == 1.0
        assert mode.per_type["rumor"].f1 == 1.0
        assert mode.missed == mode.spurious == ()


def test_company_order_and_name_forms_do_not_matter() -> None:
    predicted = event(RumorReported, company("Xiaomi Inc.", "xiaomi"), company("Tencent"))
    report = score([gold("rumor", "Tencent", "Xiaomi")], lines(predicted))
    assert report.strict.overall.tp == 1


def test_article_and_type_must_match() -> None:
    golds = [gold("rumor", "Tencent", "Xiaomi")]
    other_article = lines(event(RumorReported, TENCENT, XIAOMI), article="other.txt")
    other_type = lines(event(PartnershipConfirmed, TENCENT, XIAOMI))
    for predicted in (other_article, other_type):
        report = score(golds, predicted)
        assert (report.lenient.overall.tp, report.lenient.overall.fp) == (0, 1)
        assert report.lenient.overall.fn == 1


def test_a_brand_counts_as_its_parent(gazetteer: Gazetteer) -> None:
    # The gold names the brand, the extractor the owner, and the other way round.
    nubia = company("nubia", "nubia", verified=False)
    golds = [
        gold("endorsement", "nubia", kind="endorsement", people=("Peng Liyuan",)),
        gold("partnership", "JD.com", "ZTE", kind="distribution"),
    ]
    predicted = lines(
        event(EndorsementObserved, ZTE, kind=DealKind.ENDORSEMENT, people=("Peng Liyuan",)),
        event(PartnershipConfirmed, company("JD.com", "jd"), nubia, kind=DealKind.DISTRIBUTION),
    )
    for resolver in (FAKE, gazetteer):
        report = score(golds, predicted, resolver)
        assert report.strict.overall.tp == 2, resolver
        assert report.strict.overall.fp == report.strict.overall.fn == 0


def test_a_subsidiary_with_its_own_entry_is_not_its_parent(gazetteer: Gazetteer) -> None:
    # Only brands fold into their owner: Walmart buying Flipkart stays a two-company deal.
    golds = [gold("partnership", "Walmart", "Flipkart", kind="acquisition")]
    walmart, flipkart = company("Walmart"), company("Flipkart")
    report = score(golds, lines(event(PartnershipConfirmed, walmart)), gazetteer)
    assert report.lenient.overall.tp == 0
    report = score(golds, lines(event(PartnershipConfirmed, walmart, flipkart)), gazetteer)
    assert report.lenient.overall.tp == 1


def test_unknown_companies_compare_case_folded_without_legal_suffix() -> None:
    golds = [
        gold("partnership", "Brightloop Inc.", "Xiaomi"),
        gold("partnership", "Shenzhen Leiwei Technology Co., Ltd.", "Alibaba", kind="distribution"),
    ]
    predicted = lines(
        event(PartnershipConfirmed, company("BRIGHTLOOP", "brightloop", verified=False), XIAOMI),
        event(
            PartnershipConfirmed,
            company("Shenzhen Leiwei Technology", "leiwei", verified=False),
            ALIBABA,
            kind=DealKind.DISTRIBUTION,
        ),
    )
    assert score(golds, predicted).strict.overall.tp == 2


def test_an_unverified_slug_is_not_trusted() -> None:
    # A made-up slug that happens to be a real one: the name decides.
    impostor = company("Tencent Lookalike", "tencent", verified=False)
    report = score(
        [gold("rumor", "Tencent", "Xiaomi")], lines(event(RumorReported, impostor, XIAOMI))
    )
    assert report.lenient.overall.tp == 0


@pytest.mark.parametrize(
    ("name", "folded"),
    [
        ("Brightloop Inc.", "brightloop"),
        ("Shenzhen Leiwei Technology Co., Ltd.", "shenzhen leiwei technology"),
        ("Leica Camera AG", "leica camera"),
        ("Hanul  Atelier Co.", "hanul atelier"),
        ("Acme, Inc", "acme"),
        ("Company", "company"),
        ("DST Global", "dst global"),
    ],
)
def test_fold_name(name: str, folded: str) -> None:
    assert fold_name(name) == folded


def test_an_endorsement_needs_its_person() -> None:
    golds = [gold("endorsement", "ZTE", kind="endorsement", people=("Peng Liyuan",))]
    for people, matched in [
        ((), False),
        (("Ni Fei",), False),
        (("PENG  LIYUAN",), True),
        (("Xi Jinping", "Peng Liyuan"), True),
    ]:
        predicted = lines(event(EndorsementObserved, ZTE, kind=DealKind.ENDORSEMENT, people=people))
        report = score(golds, predicted)
        assert report.strict.overall.tp == int(matched), people
        assert report.strict.per_type["endorsement"].fp == int(not matched)


def test_people_do_not_matter_for_other_types() -> None:
    golds = [gold("denial", "Xiaomi", "Tencent", people=("Lei Jun",))]
    report = score(golds, lines(event(DenialIssued, XIAOMI, TENCENT)))
    assert report.strict.overall.tp == 1


def test_endorsements_of_one_brand_pair_one_to_one() -> None:
    # Two figures with one brand; a greedy pairing could give both predictions to one figure.
    golds = [
        gold("endorsement", "ZTE", kind="endorsement", people=("A",)),
        gold("endorsement", "ZTE", kind="endorsement", people=("B",)),
    ]
    predicted = lines(
        event(EndorsementObserved, ZTE, kind=DealKind.ENDORSEMENT, people=("A", "B")),
        event(EndorsementObserved, ZTE, kind=DealKind.ENDORSEMENT, people=("A",)),
    )
    counts = score(golds, predicted).strict.overall
    assert (counts.tp, counts.fp, counts.fn) == (2, 0, 0)


def test_strict_needs_the_deal_kind() -> None:
    golds = [gold("rumor", "Tencent", "Xiaomi", kind="investment")]
    predicted = lines(event(RumorReported, TENCENT, XIAOMI, kind=DealKind.ACQUISITION))
    report = score(golds, predicted)
    assert (report.lenient.overall.tp, report.lenient.overall.fp) == (1, 0)
    strict = report.strict.overall
    assert (strict.tp, strict.fp, strict.fn) == (0, 1, 1)
    assert [ref.note for ref in report.strict.missed] == [LENIENT_MATCH]
    assert [ref.note for ref in report.strict.spurious] == [LENIENT_MATCH]
    assert report.strict.spurious[0].deal_kind == "acquisition"


def test_duplicates_are_reduced_to_keys() -> None:
    golds = [
        gold("rumor", "Tencent", "Xiaomi"),
        gold("rumor", "Xiaomi", "Tencent", evidence="Said again."),
        gold("rumor", "Tencent", "Xiaomi", kind="partnership"),
    ]
    predicted = lines(
        event(RumorReported, TENCENT, XIAOMI),
        event(RumorReported, XIAOMI, TENCENT, evidence="Tencent may invest in Xiaomi."),
        event(RumorReported, TENCENT, company("Xiaomi Inc.", "xiaomi")),
    )
    report = score(golds, predicted)
    # Lenient: one key a side. Strict: the gold keeps two kinds, the prediction one.
    assert (report.lenient.overall.tp, report.lenient.overall.fp, report.lenient.overall.fn) == (
        1,
        0,
        0,
    )
    assert (report.strict.overall.tp, report.strict.overall.fp, report.strict.overall.fn) == (
        1,
        0,
        1,
    )
    assert report.gold_events == 3 and report.predicted_events == 3


def test_missed_and_spurious_lists() -> None:
    golds = [
        gold("rumor", "Tencent", "Xiaomi", evidence="Talk that Tencent was planning to invest."),
        gold("denial", "Xiaomi", "Alibaba", kind="partnership", people=("Lei Jun",)),
    ]
    predicted = lines(
        event(RumorReported, TENCENT, XIAOMI),
        event(
            PartnershipConfirmed,
            ALIBABA,
            company("Meizu"),
            kind=DealKind.PARTNERSHIP,
            evidence="The two companies did agree on a partnership.",
        ),
    )
    report = score(golds, predicted)
    (missed,) = report.strict.missed
    assert (missed.article, missed.type, missed.deal_kind) == (ARTICLE, "denial", "partnership")
    assert missed.companies == ("Xiaomi", "Alibaba") and missed.people == ("Lei Jun",)
    assert missed.note is None
    (spurious,) = report.strict.spurious
    assert (spurious.type, spurious.companies) == ("partnership", ("Alibaba", "Meizu"))
    assert spurious.evidence == "The two companies did agree on a partnership."
    assert report.lenient.missed == report.strict.missed
    per_type = report.strict.per_type
    assert list(per_type) == ["rumor", "denial", "partnership", "endorsement"]
    assert (per_type["denial"].fn, per_type["partnership"].fp) == (1, 1)
    assert per_type["endorsement"] == per_type["endorsement"].__class__(
        tp=0, fp=0, fn=0, precision=0.0, recall=0.0, f1=0.0
    )
    overall = report.strict.overall
    assert (overall.tp, overall.fp, overall.fn) == (1, 1, 1)
    assert overall.precision == overall.recall == overall.f1 == 0.5


def test_the_report_encodes_in_a_fixed_shape() -> None:
    report = score([gold("rumor", "Tencent", "Xiaomi")], [])
    data = msgspec.json.decode(msgspec.json.encode(report))
    assert list(data) == [
        "articles",
        "gold_events",
        "predicted_events",
        "extractor_version",
        "lenient",
        "strict",
    ]
    assert list(data["strict"]) == ["overall", "per_type", "missed", "spurious"]
    assert list(data["strict"]["overall"]) == ["tp", "fp", "fn", "precision", "recall", "f1"]
    assert list(data["strict"]["missed"][0]) == [
        "article",
        "type",
        "companies",
        "people",
        "deal_kind",
        "evidence",
        "note",
    ]


def test_event_line_is_the_wire_contract() -> None:
    rumor = RumorReported(
        article_id="a" * 16,
        deal_kind=DealKind.INVESTMENT,
        companies=(CompanyRef(slug="tencent", name="Tencent", role=CompanyRole.ACTOR),),
        people=(PersonRef(name="Lei Jun", role="founder", company="xiaomi"),),
        sources=("Bloomberg",),
        evidence=(Evidence(text="Tencent may invest.", start=10, end=29),),
        confidence=0.75,
        rules=("rumor.plans-to",),
        extractor_version="x-1",
        occurred=FuzzyDate(value=dt.date(2014, 4, 1), precision=Precision.MONTH),
    )
    data = msgspec.json.decode(msgspec.json.encode(event_line("000.txt", rumor)))
    assert data == {
        "article": "000.txt",
        "type": "rumor",
        "deal_kind": "investment",
        "companies": [{"id": "tencent", "name": "Tencent", "role": "actor", "verified": True}],
        "people": [{"name": "Lei Jun", "role": "founder", "company": "xiaomi"}],
        "sources": ["Bloomberg"],
        "evidence": [{"text": "Tencent may invest.", "start": 10, "end": 29}],
        "occurred": {"date": "2014-04-01", "precision": "month"},
        "confidence": 0.75,
        "rules": ["rumor.plans-to"],
        "extractor_version": "x-1",
    }
    assert list(data) == [
        "article",
        "type",
        "deal_kind",
        "companies",
        "people",
        "sources",
        "evidence",
        "occurred",
        "confidence",
        "rules",
        "extractor_version",
    ]
    unknown = msgspec.structs.replace(rumor, occurred=FuzzyDate(), people=(PersonRef(name="X"),))
    data = msgspec.json.decode(msgspec.json.encode(event_line("000.txt", unknown)))
    assert data["occurred"] == {"date": None, "precision": "unknown"}
    assert data["people"] == [{"name": "X", "role": None, "company": None}]


# The gold reader.


def test_the_shipped_gold_files_read() -> None:
    seeds = read_gold(DATA / "seeds.gold.jsonl")
    assert len(seeds) == 9 and seeds[0].line == 1
    assert seeds[4].type == "endorsement" and seeds[4].people == ("Peng Liyuan",)
    assert len(read_gold(DATA / "dev.gold.jsonl")) >= 79


def test_blank_lines_are_skipped_and_lines_keep_their_numbers() -> None:
    text = (
        '\n{"article": "a.txt", "type": "rumor", "companies": ["A", "B"], "deal_kind": "merger"}\n'
    )
    (event_,) = parse_gold(text)
    assert event_.line == 2 and event_.people == () and event_.source is None


GOOD = '{"article": "a.txt", "type": "rumor", "companies": ["A", "B"], "deal_kind": "merger"}'


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "g.jsonl line 2: not valid JSON"),
        ("[1, 2]", "g.jsonl line 2: Expected `object`, got `array`"),
        ('{"article": "a.txt"}', "g.jsonl line 2: Object missing required field `type`"),
        (
            GOOD.replace('"rumor"', '"merger"'),
            "g.jsonl line 2: Invalid enum value 'merger' - at `$.type`",
        ),
        (GOOD.replace('"merger"', '"takeover"'), "g.jsonl line 2: Invalid enum value 'takeover'"),
        (GOOD.replace('"companies"', '"firms"'), "g.jsonl line 2: Object contains unknown field"),
        (GOOD.replace('["A", "B"]', "[]"), 'g.jsonl line 2: "companies" is empty'),
        (GOOD.replace('"B"', '" "'), 'g.jsonl line 2: "companies" holds an empty name'),
        (GOOD.replace('"a.txt"', '""'), 'g.jsonl line 2: "article" is empty'),
    ],
)
def test_gold_errors_name_the_line(line: str, message: str) -> None:
    with pytest.raises(GoldError) as raised:
        parse_gold(GOOD + "\n" + line + "\n", "g.jsonl")
    assert str(raised.value).startswith(message), str(raised.value)
    assert "\n" not in str(raised.value)


def test_unreadable_gold_files(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match=r"missing\.jsonl: cannot read: No such file"):
        read_gold(tmp_path / "missing.jsonl")
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes(GOOD.replace("A", "\xc4").encode("latin-1"))
    with pytest.raises(GoldError, match="not UTF-8"):
        read_gold(latin)
