"""Gazetteer: names, tickers, misspellings, unverified names and lookups, on real sentences."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from timeline.extraction.gazetteer import Company, Gazetteer, GazetteerError, Mention, Person

SEEDS = Path(__file__).resolve().parents[2] / "seeds"

SMALL = """
titles = ["first lady"]

[[exchange]]
code = "HKEX"
name = "Hong Kong Stock Exchange"
aliases = ["HKEx", "Hong Kong"]

[[exchange]]
code = "NASDAQ"
name = "Nasdaq Stock Market"
aliases = ["Nasdaq"]

[[company]]
slug = "xiaomi"
name = "Xiaomi"
aliases = ["Xiaomi Corp."]
tickers = ["HKEX:1810"]
brands = ["Redmi"]
ambiguous = ["Mi"]

[[company]]
slug = "alibaba"
name = "Alibaba"
aliases = ["Alibaba Group"]
brands = ["YunOS"]

[[company]]
slug = "meta"
name = "Meta"
aliases = ["Meta Platforms"]

[[company]]
slug = "apple"
name = "Apple"

[[company]]
slug = "zte"
name = "ZTE"
tickers = ["HKEX:763"]
brands = ["nubia"]

[[person]]
name = "Lei Jun"
company = "xiaomi"
role = "founder"

[[outlet]]
slug = "bloomberg"
name = "Bloomberg"
"""


@pytest.fixture(scope="module")
def shipped() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture
def small(tmp_path: Path) -> Gazetteer:
    path = tmp_path / "small.toml"
    path.write_text(SMALL, encoding="utf-8")
    return Gazetteer.load([path], shipped=False)


def ids(mentions: list[Mention], kind: str = "company") -> list[str]:
    return [m.id for m in mentions if m.kind == kind]


def only(mentions: list[Mention], surface: str) -> Mention:
    found = [m for m in mentions if m.surface == surface]
    assert len(found) == 1, (surface, mentions)
    return found[0]


# The seed articles, on the shipped data.


def seed(name: str) -> str:
    return next(SEEDS.glob(f"{name}_*.txt")).read_text(encoding="utf-8")


def test_seed_tie_up_talk(shipped: Gazetteer) -> None:
    text = seed("000")
    mentions = shipped.find(text)
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    assert all(text[m.start : m.end] == m.surface for m in mentions)
    companies = set(ids(mentions))
    assert {"xiaomi", "tencent", "baidu", "alibaba", "zte", "jd"} <= companies

    tencent = only(mentions, "HKEx: 700")
    assert (tencent.id, tencent.via, tencent.ticker) == ("tencent", "ticker", "HKEX:700")
    named = [m for m in mentions if m.surface == "Tencent" and m.ticker == "HKEX:700"]
    assert len(named) == 1 and text[named[0].end : named[0].end + 2] == " ("
    baidu = only(mentions, "Nasdaq: BIDU")
    assert (baidu.id, baidu.via) == ("baidu", "ticker")
    zte_tickers = [m for m in mentions if m.id == "zte" and m.via == "ticker"]
    assert [m.surface for m in zte_tickers] == ["HKEx: 763", "Shenzhen: 000063"]
    assert any(m.surface == "ZTE" and m.ticker == "HKEX:763" for m in mentions)

    nubia = [m for m in mentions if m.surface.lower() == "nubia"]
    assert len(nubia) >= 4
    assert all((m.id, m.via, m.brand) == ("zte", "brand", "nubia") for m in nubia)

    people = {m.id: m for m in mentions if m.kind == "person"}
    assert (people["Lei Jun"].company, people["Lei Jun"].verified) == ("xiaomi", True)
    assert people["Jack Ma"].company == "alibaba"
    assert people["Peng Liyuan"].title == "First Lady"

    weibo = mentions[0]
    assert (weibo.kind, weibo.id, weibo.surface, weibo.company) == (
        "outlet",
        "weibo",
        "Weibo",
        "weibo",
    )

    misspelt = only(mentions, "Xioami")
    assert (misspelt.id, misspelt.via, misspelt.fuzzy) == ("xiaomi", "fuzzy", True)
    assert misspelt.score is not None and 0.8 <= misspelt.score < 1


def test_seed_alibaba_may_invest(shipped: Gazetteer) -> None:
    text = seed("001")
    mentions = shipped.find(text)
    assert {"alibaba", "xiaomi", "meizu"} <= set(ids(mentions))
    assert ids(mentions, "outlet") == ["bloomberg", "bloomberg"]
    yunos = [m for m in mentions if m.surface == "YunOS"]
    assert yunos and all((m.id, m.via) == ("alibaba", "brand") for m in yunos)
    assert {m.id for m in mentions if m.surface == "Flyme"} == {"meizu"}
    # "worth more than Facebook" is the company, not the platform cited as a source.
    assert only(mentions, "Facebook").kind == "company"
    assert all(m.verified for m in mentions)


# Whole words, possessives, longest match, casing.


def test_word_boundaries_and_possessives(shipped: Gazetteer) -> None:
    mentions = shipped.find("Appleby, a law firm, advised Apple.")
    assert [(m.surface, m.id, m.verified) for m in mentions] == [
        ("Appleby", "appleby", False),  # named as a firm by the apposition, not as Apple
        ("Apple", "apple", True),
    ]
    assert ids(shipped.find("ZTEs and Xiaomis flooded the market.")) == []
    mentions = shipped.find("Xiaomi's phones and ZTE\u2019s handsets; Alibaba-backed Meizu.")
    assert [(m.surface, m.id) for m in mentions] == [
        ("Xiaomi", "xiaomi"),
        ("ZTE", "zte"),
        ("Alibaba", "alibaba"),
        ("Meizu", "meizu"),
    ]


def test_longest_match_wins(shipped: Gazetteer) -> None:
    mentions = shipped.find("Alibaba Group spun off Ant Group, once called Ant Financial.")
    assert [(m.surface, m.id) for m in mentions] == [
        ("Alibaba Group", "alibaba"),
        ("Ant Group", "ant-group"),
        ("Ant Financial", "ant-group"),
    ]
    assert ids(shipped.find("Tencent Music listed in New York.")) == ["tencent-music"]


def test_case_rules(shipped: Gazetteer) -> None:
    # Short and all-caps names only as written; others in any case unless an ordinary word.
    assert ids(shipped.find("Shares of zte fell.")) == []
    assert ids(shipped.find("ALIBABA AND XIAOMI IN TALKS")) == ["alibaba", "xiaomi"]
    assert ids(shipped.find("He bought a xiaomi phone.")) == ["xiaomi"]
    assert ids(shipped.find("He ate an apple and sold a block of shares.")) == []
    assert ids(shipped.find("He sold Apple shares.")) == ["apple"]


def test_offsets_survive_characters_that_lowercase_longer(shipped: Gazetteer) -> None:
    text = "\u0130stanbul-based \u0130\u0130 Xiaomi."
    [xiaomi] = shipped.find(text)
    assert text[xiaomi.start : xiaomi.end] == "Xiaomi"
    assert shipped.find("") == []


def test_legal_suffix_joins_a_known_name(shipped: Gazetteer) -> None:
    text = "Tencent Holdings Ltd will buy a stake in JD.com Inc, Reuters said."
    mentions = shipped.find(text)
    assert [(m.surface, m.id, m.verified) for m in mentions] == [
        ("Tencent Holdings Ltd", "tencent", True),
        ("JD.com Inc", "jd", True),
        ("Reuters", "reuters", True),
    ]
    # "Inc." is also a magazine: only its cue makes it one.
    assert ids(shipped.find("Brightloop Inc. grew."), "outlet") == []
    assert ids(shipped.find("Inc. magazine reported it."), "outlet") == ["inc-magazine"]


def test_ordinary_word_at_sentence_start_needs_support(shipped: Gazetteer) -> None:
    assert ids(shipped.find("Target prices were raised. Analysts agreed.")) == []
    assert ids(shipped.find("Target said on Monday it would expand.")) == ["target"]


def test_ambiguous_forms_need_context(shipped: Gazetteer) -> None:
    assert ids(shipped.find("Mi casa es su casa.")) == []
    assert ids(shipped.find("Xiaomi unveiled the Mi 4 at its event.")) == ["xiaomi", "xiaomi"]
    assert ids(shipped.find("The Blade phone sold well.")) == ["zte"]
    # A legal suffix or a capitalised word before it makes the form part of another name.
    [blade] = shipped.find("Blade Inc. is a startup.")
    assert (blade.surface, blade.verified) == ("Blade Inc.", False)
    [burger] = shipped.find("Burger King Corp opened stores.")
    assert (burger.surface, burger.id, burger.verified) == (
        "Burger King Corp",
        "burger-king",
        False,
    )
    assert ids(shipped.find("An Ant walked by.")) == []
    mentions = shipped.find("Alipay users rose, Ant said.")
    assert [(m.surface, m.id) for m in mentions] == [("Alipay", "ant-group"), ("Ant", "ant-group")]


def test_outlet_or_company_by_context(shipped: Gazetteer) -> None:
    cited = shipped.find("According to Weibo, Lei Jun posted on WeChat.")
    assert [(m.kind, m.id) for m in cited] == [
        ("outlet", "weibo"),
        ("person", "Lei Jun"),
        ("outlet", "wechat"),
    ]
    party = shipped.find("Facebook agreed to buy Instagram.")
    assert [(m.kind, m.id) for m in party] == [("company", "meta"), ("company", "instagram")]
    source = shipped.find("Alibaba plans to invest in Xiaomi, according to Bloomberg.")
    assert source[-1].kind == "outlet" and source[-1].id == "bloomberg"


# Misspellings.


def test_misspelling_of_a_known_name(shipped: Gazetteer) -> None:
    mentions = shipped.find("An Alibaba-Xioami tie-up would challenge Tencnet.")
    fuzzy = [(m.surface, m.id) for m in mentions if m.fuzzy]
    assert fuzzy == [("Xioami", "xiaomi"), ("Tencnet", "tencent")]


def test_an_exact_name_beats_a_misspelling(shipped: Gazetteer) -> None:
    # Xiami is Alibaba's music service, one letter short of Xiaomi.
    [xiami] = shipped.find("Xiami streams music.")
    assert (xiami.id, xiami.via, xiami.fuzzy) == ("alibaba", "brand", False)


def test_dropping_a_letter_from_a_short_name_is_no_misspelling(small: Gazetteer) -> None:
    # Without Xiami in the data, it still does not become Xiaomi: in names of up to seven
    # letters only a swapped, replaced or doubled letter counts.
    assert small.find("Xiami streams music.") == []
    assert ids(small.find("Xiaomii and Xiaoni shipped phones.")) == ["xiaomi", "xiaomi"]
    assert ids(small.find("Alibabba is big.")) == ["alibaba"]


def test_short_names_and_words_are_never_misspellings(small: Gazetteer) -> None:
    # "Meta" has four letters; "Ample" is an English word one letter from Apple.
    assert small.find("Mata and Metta met. Ample supply.") == []
    assert small.find("ZTF shipped phones.") == []


# Tickers.


def test_tickers_with_leading_zeros_and_without_space(shipped: Gazetteer) -> None:
    text = "Tencent (HKEx: 0700) and Alibaba (NYSE:BABA) traded; so did 0700.HK."
    mentions = shipped.find(text)
    tickers = [(m.surface, m.id, m.ticker) for m in mentions if m.via == "ticker"]
    assert tickers == [
        ("HKEx: 0700", "tencent", "HKEX:700"),
        ("NYSE:BABA", "alibaba", "NYSE:BABA"),
    ]
    assert [m.ticker for m in mentions if m.via == "name"] == ["HKEX:700", "NYSE:BABA"]
    assert ids(shipped.find("Shares in Tencent (0700.HK) rose.")) == ["tencent", "tencent"]


def test_exchange_in_a_ticker_is_no_company(shipped: Gazetteer) -> None:
    mentions = shipped.find("Baidu (Nasdaq: BIDU) rose, as did Nasdaq Inc.")
    assert [(m.surface, m.id) for m in mentions] == [
        ("Baidu", "baidu"),
        ("Nasdaq: BIDU", "baidu"),
        ("Nasdaq Inc.", "nasdaq-inc"),
    ]


def test_ticker_names_the_unknown_name_before_it(small: Gazetteer) -> None:
    [named, ticker] = small.find("Leijun Tech (HKEx: 1810) rose.")
    assert (named.surface, named.id, named.via, named.verified) == (
        "Leijun Tech",
        "xiaomi",
        "ticker",
        True,
    )
    assert (ticker.surface, ticker.id) == ("HKEx: 1810", "xiaomi")


def test_unknown_ticker_marks_an_unverified_company(small: Gazetteer) -> None:
    [found] = small.find("Brightloop (Nasdaq: BRLP) rose.")
    assert (found.surface, found.id, found.verified, found.ticker) == (
        "Brightloop",
        "brightloop",
        False,
        "NASDAQ:BRLP",
    )
    assert small.find("Prices rose (Source: Bloomberg Intelligence).")[0].kind == "outlet"


# Unverified organisations and titled people.


@pytest.mark.parametrize(
    ("text", "surface", "slug"),
    [
        ("Leiwei Technology Co., Ltd. signed.", "Leiwei Technology Co., Ltd.", "leiwei-technology"),
        ("It sold Brightloop Inc. to them.", "Brightloop Inc.", "brightloop"),
        ("It sold Brightloop, Inc. to them.", "Brightloop, Inc.", "brightloop"),
        ("Talks with Foo Werke GmbH ended.", "Foo Werke GmbH", "foo-werke"),
        ("Talks with Bar AG ended.", "Bar AG", "bar"),
        ("Talks with Baz S.A. ended.", "Baz S.A.", "baz"),
        ("Talks with Qux plc ended.", "Qux plc", "qux"),
        ("Talks with Zentrix Corp ended.", "Zentrix Corp", "zentrix"),
        ("He runs Blue Harbor Holdings now.", "Blue Harbor Holdings", "blue-harbor"),
        ("The Zorvan Group said so.", "Zorvan Group", "zorvan"),
        ("Investors sold Zentrix's shares.", "Zentrix", "zentrix"),
        ("They bought shares of Zentrix last year.", "Zentrix", "zentrix"),
        ("The startup Zentrix raised money.", "Zentrix", "zentrix"),
        ("The research firm Canalys counted phones.", "Canalys", "canalys"),
        ("Zentrix, the e-commerce firm, said so.", "Zentrix", "zentrix"),
    ],
)
def test_unverified_organisations(small: Gazetteer, text: str, surface: str, slug: str) -> None:
    [found] = small.find(text)
    assert (found.kind, found.surface, found.id, found.verified, found.via) == (
        "company",
        surface,
        slug,
        False,
        "pattern",
    )


@pytest.mark.parametrize(
    "text",
    [
        "The Group said profits rose.",
        "In a statement, the group said so.",
        "Analysts Group estimates vary.",
        "The company said on Monday that sales rose.",
        "Lei Jun Holdings is not a thing; Lei Jun is a person.",
        "Meanwhile, the firm, which is small, grew.",
    ],
)
def test_no_unverified_organisation(small: Gazetteer, text: str) -> None:
    assert [m for m in small.find(text) if not m.verified] == []


def test_unverified_name_is_found_again_without_its_marker(small: Gazetteer) -> None:
    mentions = small.find("The startup Zentrix raised money. Later Zentrix said it grew.")
    assert [(m.surface, m.id) for m in mentions] == [("Zentrix", "zentrix"), ("Zentrix", "zentrix")]


def test_people_and_titles(small: Gazetteer) -> None:
    mentions = small.find("Lei Jun met first lady Jane Roe at Xiaomi.")
    lei, roe, _ = mentions
    assert (lei.kind, lei.company, lei.role, lei.verified) == ("person", "xiaomi", "founder", True)
    assert (roe.kind, roe.surface, roe.title, roe.verified, roe.via) == (
        "person",
        "Jane Roe",
        "first lady",
        False,
        "title",
    )


@pytest.mark.parametrize(
    "text",
    [
        "Queen Mary University researchers said so.",
        "The Speaker House vote passed.",
        "Burger King Corp opened stores.",
    ],
)
def test_no_titled_person(shipped: Gazetteer, text: str) -> None:
    assert [m for m in shipped.find(text) if m.kind == "person"] == []


def test_public_figure_carries_its_title(shipped: Gazetteer) -> None:
    [peng] = shipped.find("Peng Liyuan was seen with a nubia phone.")[:1]
    assert (peng.kind, peng.title) == ("person", "First Lady")


# Loading, extending, validation.


def test_load_is_lazy(shipped: Gazetteer) -> None:
    # How fast it loads is bench/extract.py's to print ("gazetteer load"), not a timed test's.
    code = (
        "import timeline.extraction.gazetteer\n"
        "from timeline.extraction.gazetteer._words import english_words\n"
        "assert english_words.cache_info().currsize == 0\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_find_is_fast(shipped: Gazetteer) -> None:
    text = (seed("000") + " " + seed("001"))[:4096]
    shipped.find(text)
    started = time.perf_counter()
    for _ in range(50):
        shipped.find(text)
    assert (time.perf_counter() - started) / 50 < 0.005  # about 0.5 ms on a quiet machine


def test_extend_adds_entries_without_changing_the_original(small: Gazetteer) -> None:
    bigger = small.extend(
        companies=[Company(slug="brightloop", name="Brightloop", parent="alibaba")],
        people=[Person(name="Ada Brook", company="brightloop", role="CEO")],
    )
    mentions = bigger.find("Ada Brook runs Brightloop.")
    assert [(m.kind, m.id, m.verified) for m in mentions] == [
        ("person", "Ada Brook", True),
        ("company", "brightloop", True),
    ]
    assert small.find("Ada Brook runs Brightloop.") == []
    assert bigger.parent_of("brightloop") == small.company("alibaba")


def test_shared_names_warn_and_need_context(small: Gazetteer) -> None:
    labs = Company(slug="redmi-labs", name="Redmi Labs", brands=("Redmi",))
    twins = small.extend(companies=[labs])
    assert twins.warnings == ("'Redmi' is a brand of redmi-labs, xiaomi",)
    assert twins.find("Redmi phones sold well.") == []
    assert ids(twins.find("Redmi phones sold well for Xiaomi.")) == ["xiaomi", "xiaomi"]
    assert ids(twins.find("Redmi Labs sold Redmi phones.")) == ["redmi-labs", "redmi-labs"]


def test_extend_with_a_file(small: Gazetteer, tmp_path: Path) -> None:
    extra = tmp_path / "extra.toml"
    extra.write_text('[[company]]\nslug = "canalys"\nname = "Canalys"\n', encoding="utf-8")
    assert ids(small.extend(paths=[extra]).find("Canalys counted.")) == ["canalys"]


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        (
            '[[company]]\nslug = "xiaomi"\nname = "Xiaomi again"\n',
            "bad.toml: company #1 'xiaomi': duplicate slug, already defined in",
        ),
        (
            '[[company]]\nslug = "foo"\nname = "Foo"\nparent = "nobody"\n',
            "bad.toml: company 'foo': unknown parent slug 'nobody'",
        ),
        (
            '[[company]]\nslug = "foo"\nname = "Foo"\ntickers = ["MOON:1"]\n',
            "bad.toml: company 'foo': ticker 'MOON:1' names an exchange not in exchanges.toml",
        ),
        ('[[companys]]\nslug = "foo"\n', "bad.toml: Object contains unknown field `companys`"),
        (
            '[[company]]\nslug = "foo"\nname = "Foo"\nalias = ["F"]\n',
            "bad.toml: company #1 'foo': Object contains unknown field `alias`",
        ),
        ('[[company]]\nslug = "foo"\nname = 3\n', "bad.toml: company #1 'foo': Expected `str`"),
        ("[[company]\n", "bad.toml: not valid TOML"),
        (
            '[[person]]\nname = "Ada Brook"\ncompany = "nobody"\n',
            "bad.toml: person 'Ada Brook': unknown company slug 'nobody'",
        ),
    ],
)
def test_invalid_data_names_file_and_entry(tmp_path: Path, toml: str, message: str) -> None:
    good = tmp_path / "small.toml"
    good.write_text(SMALL, encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text(toml, encoding="utf-8")
    with pytest.raises(GazetteerError) as raised:
        Gazetteer.load([good, bad], shipped=False)
    assert message in str(raised.value)


def test_missing_extra_file(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError, match="no such file"):
        Gazetteer.load([tmp_path / "absent.toml"], shipped=False)


# Lookups.


def test_resolve(shipped: Gazetteer) -> None:
    def slug(query: str) -> str | None:
        company = shipped.resolve(query)
        return company.slug if company else None

    assert slug("xiaomi") == "xiaomi"
    assert slug("XIAOMI CORPORATION") == "xiaomi"
    assert slug("Xiaomi Ltd") == "xiaomi"
    assert slug("nubia") == "zte"
    assert slug("HKEx: 0700") == "tencent"
    assert slug("hkex:700") == "tencent"
    assert slug("0700.HK") == "tencent"
    assert slug("BIDU") == "baidu"
    assert slug("ant-group") == "ant-group"
    assert slug("no such company") is None


def test_suggest_and_parents(shipped: Gazetteer) -> None:
    assert [c.slug for c in shipped.suggest("Xiaomy")][:1] == ["xiaomi"]
    assert "alibaba" in [c.slug for c in shipped.suggest("alibab", limit=3)]
    parent = shipped.parent_of("weibo")
    assert parent is not None and parent.slug == "sina"
    assert shipped.parent_of("xiaomi") is None
    assert shipped.company("nope") is None
