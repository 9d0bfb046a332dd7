"""Dates read from text: an article's dateline, and when a sentence says its event happened."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from timeline.domain.dates import FuzzyDate, Precision
from timeline.extraction.loading import Loaded, load_file, load_folder, load_text
from timeline.extraction.pipeline._dates import dateline_date, event_date

BODY = (
    "Tata Motors said it would form a joint venture with Foxconn.\n\nFoxconn declined to comment."
)

# Datelines


@pytest.mark.parametrize(
    ("text", "year", "expected"),
    [
        ("MUMBAI, April 29 (Reuters) - Tata Motors said", 2016, "2016-04-29"),
        ("IANS, November 18, 2016\n\nTata Motors said", None, "2016-11-18"),
        ("Nov 18, 2016\nTata Motors said", None, "2016-11-18"),
        ("Nov. 18, 2016\nTata Motors said", None, "2016-11-18"),
        ("18 November 2016\nTata Motors said", None, "2016-11-18"),
        ("2016-11-18\nTata Motors said", None, "2016-11-18"),
        ("TAIPEI Dec 5 (Reuters) - Foxconn said", 2015, "2015-12-05"),
        ("TAIPEI Dec 5\n\nFoxconn said", 2015, "2015-12-05"),
        ("Published: 13/04/2019\n\nFoxconn said", None, "2019-04-13"),
        ("Published: 04/13/2019\n\nFoxconn said", None, "2019-04-13"),
        ("Published: 03/03/2019\n\nFoxconn said", None, "2019-03-03"),
        # Wire and web variants.
        ("TOKYO, March 6 South Korea's Samsung said", 2013, "2013-03-06"),
        ("BANGALORE Aug 28 - HCL Infosystems has rejected", 2009, "2009-08-28"),
        ("SHANGHAI/MUMBAI, March 11 Alibaba is negotiating", 2015, "2015-03-11"),
        ("PALO ALTO, Calif., Nov 5 (CBS.MW) -- CMGI is negotiating", 2001, "2001-11-05"),
        ("New Delhi, Nov 18 (IANS) Tata Motors said", 2016, "2016-11-18"),
        ("MUMBAI, April 29, 2016 (Reuters) - Tata Motors said", None, "2016-04-29"),
        ("**MUMBAI, April 29, 2016 (Reuters)** - Tata Motors said", None, "2016-04-29"),
        ("Tuesday, July 28, 1998\n\nSpain's Repsol plans", None, "1998-07-28"),
        ("Updated: Nov 18, 2016 10:32 IST\n\nTata said", None, "2016-11-18"),
        ("Posted on November 18, 2016 by admin\n\nTata said", None, "2016-11-18"),
        ("By Priya Singh | November 18, 2016\n\nTata said", None, "2016-11-18"),
        ("4 February 2002 Memory chip maker Micron Technology", None, "2002-02-04"),
        ("\n\nShare this\n\nNov 18, 2016\n\nTata said", None, "2016-11-18"),
    ],
)
def test_dateline_date_reads_a_dateline(text: str, year: int | None, expected: str) -> None:
    assert dateline_date(text, year) == FuzzyDate.parse(expected, "day")


@pytest.mark.parametrize(
    ("text", "year"),
    [
        # No year in the dateline and none given.
        ("MUMBAI, April 29 (Reuters) - Tata Motors said", None),
        ("TAIPEI Dec 5\n\nFoxconn said", None),
        # Day and month could be either way round.
        ("Published: 03/04/2019\n\nFoxconn said", None),
        # No dateline at all.
        (BODY, 2016),
        ("", None),
        ("SEOUL (Reuters) - Samsung said on Monday it would", 2016),
        # A date inside a sentence, not a dateline.
        ("Samsung said on Nov 18, 2016 it would buy Harman.", None),
        ("On March 3, 2015, Samsung said it would buy Harman.", None),
        ("Samsung said on March 3 it would buy Harman.", 2015),
        # A date deeper than the first three lines, or past the first 600 characters.
        ("Tata said.\nFoxconn said.\nApple said.\nNov 18, 2016", None),
        ("Tata said " + "and said " * 70 + "\nNov 18, 2016", None),
        # No such day.
        ("February 30, 2016\n\nTata said", None),
    ],
)
def test_dateline_date_finds_none(text: str, year: int | None) -> None:
    assert dateline_date(text, year) is None


# Event dates

PUBLISHED = FuzzyDate.parse("2016-11-18")


@pytest.mark.parametrize(
    ("sentence", "expected", "precision"),
    [
        ("Samsung bought the unit in 2011.", "2011", "year"),
        ("Samsung bought the unit back in 2011.", "2011", "year"),
        ("Samsung agreed in the first half of 2012 to buy the unit.", "2012", "year"),
        ("In March 2015, Samsung agreed to buy Harman.", "2015-03", "month"),
        ("The deal was signed March 2015, people said.", "2015-03", "month"),
        ("Samsung said on March 3, 2015 that it had bought Harman.", "2015-03-03", "day"),
        ("Samsung said on 3 March 2015 that it had bought Harman.", "2015-03-03", "day"),
        ("Samsung signed the agreement on 2015-11-18 in Seoul.", "2015-11-18", "day"),
        ("Samsung agreed last June to buy Harman.", "2016-06", "month"),
        ("Samsung agreed last December to buy Harman.", "2015-12", "month"),
        ("Samsung agreed last year to buy Harman.", "2015", "year"),
        ("Last year Samsung agreed to buy Harman.", "2015", "year"),
        ("Earlier this year Samsung agreed to buy Harman.", "2016", "year"),
        ("Samsung agreed this year to buy Harman.", "2016", "year"),
        ("Samsung agreed last month to buy Harman.", "2016-10", "month"),
        ("Samsung agreed earlier this month to buy Harman.", "2016-11", "month"),
        ("Samsung agreed in September to buy Harman.", "2016-09", "month"),
        ("Samsung agreed in November to buy Harman.", "2016-11", "month"),
        ("Samsung agreed in December to buy Harman.", "2015-12", "month"),
        ("Samsung agreed in March of last year to buy Harman.", "2015-03", "month"),
        ("Samsung agreed in January this year to buy Harman.", "2016-01", "month"),
        ("Samsung agreed two years ago to buy Harman.", "2014", "year"),
        ("Samsung agreed a year ago to buy Harman.", "2015", "year"),
        ("Samsung agreed 18 months ago to buy Harman.", "2015-05", "month"),
        ("Samsung said on March 3 it had agreed to buy Harman.", "2016-03-03", "day"),
        ("Samsung said on December 3 it had agreed to buy Harman.", "2015-12-03", "day"),
        # The first expression that qualifies wins.
        ("Samsung sold a stake in 2012 and bought another in 2014.", "2012", "year"),
        ("Xiaomi, founded in 2010, raised money from DST in 2011.", "2011", "year"),
        ("Samsung, which will now cut jobs, bought the unit last year.", "2015", "year"),
    ],
)
def test_event_date_reads_a_time_expression(sentence: str, expected: str, precision: str) -> None:
    assert event_date(sentence, PUBLISHED) == FuzzyDate.parse(expected, precision)


@pytest.mark.parametrize(
    "sentence",
    [
        # No time expression, or one too weak to date the event.
        "Samsung declined to comment on the report.",
        "Samsung agreed on Tuesday to buy Harman.",
        "Samsung agreed yesterday to buy Harman.",
        "Samsung said today it would buy Harman.",
        "Samsung agreed last week to buy Harman.",
        "Shares of Samsung rose 2.5 percent to 1,520 won.",
        # Deadlines, plans and hedges.
        "Samsung aims to finish the deal by the end of 2025.",
        "Samsung will complete the purchase by March 2016.",
        "Samsung will launch the phone in September.",
        "In September Samsung will launch the phone.",
        "The phone is rumored to launch in March.",
        "Samsung is expected to close the deal later this year.",
        "The deal may close in 2013.",
        # Something else's time.
        "Samsung showed off a 2019 model.",
        "Samsung reported fiscal 2020 results.",
        "Samsung reported its results in fiscal 2015.",
        "Samsung paid $2015 million for the stake.",
        "The deal was worth $5 billion in 2010 dollars.",
        "Sales in 2013-14 rose sharply.",
        "The World Cup (June 12-July 13) drew many sponsors.",
        "The March 2013 report said Samsung had held talks.",
        "Samsung's profit over the last year doubled.",
        "Samsung's profit was higher than last year.",
        "Samsung has worked with Harman since last year.",
        "Samsung beat last year's record.",
        "Terumo, which owned 2.5 percent as of September 30, is among the suitors.",
        # After the article was published.
        "Samsung bought the unit in 2017.",
        "Samsung said on November 30, 2016 that it had bought Harman.",
        "Samsung agreed in March 2017 to buy Harman.",
    ],
)
def test_event_date_finds_none(sentence: str) -> None:
    assert event_date(sentence, PUBLISHED) is None


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        # Absolute forms need no published date.
        ("Samsung bought the unit in 2011.", FuzzyDate(), FuzzyDate.parse("2011")),
        ("Samsung agreed on March 3, 2015.", FuzzyDate(), FuzzyDate.parse("2015-03-03")),
        ("In March 2015, Samsung agreed.", FuzzyDate(), FuzzyDate.parse("2015-03")),
        # Relative forms do.
        ("Samsung agreed last year to buy Harman.", FuzzyDate(), None),
        ("Samsung agreed in September to buy Harman.", FuzzyDate(), None),
        ("Samsung agreed two years ago to buy Harman.", FuzzyDate(), None),
        # A year is enough to count years from, not months.
        ("Samsung agreed last year.", FuzzyDate.parse("2016"), FuzzyDate.parse("2015")),
        ("Samsung agreed this year.", FuzzyDate.parse("2016"), FuzzyDate.parse("2016")),
        ("Samsung agreed last month.", FuzzyDate.parse("2016"), None),
        ("Samsung agreed last June.", FuzzyDate.parse("2016"), None),
        ("Samsung agreed in September.", FuzzyDate.parse("2016"), None),
        ("Samsung agreed on March 3.", FuzzyDate.parse("2016"), None),
        # A month-precise article may be from any day of its month.
        (
            "Samsung agreed on November 30.",
            FuzzyDate.parse("2016-11"),
            FuzzyDate.parse("2016-11-30"),
        ),
        ("Samsung agreed in November.", FuzzyDate.parse("2016-11"), FuzzyDate.parse("2016-11")),
        ("Samsung agreed last month.", FuzzyDate.parse("2016-01"), FuzzyDate.parse("2015-12")),
        ("Samsung agreed in 2016.", FuzzyDate.parse("2016"), FuzzyDate.parse("2016")),
    ],
)
def test_event_date_anchoring(
    sentence: str, published: FuzzyDate, expected: FuzzyDate | None
) -> None:
    assert event_date(sentence, published) == expected


def test_event_date_is_fast_on_sentences_without_dates() -> None:
    sentences = [
        "Samsung Electronics is in advanced talks to acquire Harman International, the US maker "
        "of car audio, for about $8 billion, according to people familiar with the matter.",
        "Tencent said on Monday it would buy a 15 percent stake in JD.com for $214.7 million, "
        "giving the internet giant a foothold in online retail.",
        "Marvel and Mayor Juniper declined to comment on the Market report.",
        "JD.com declined to comment on the deal, which analysts had expected for weeks.",
    ] * 5000
    start = time.perf_counter()
    for sentence in sentences:
        event_date(sentence, PUBLISHED)
    rate = len(sentences) / (time.perf_counter() - start)
    # Measured at well over 50,000 a second; this only catches a pathological slowdown.
    assert rate > 10_000, f"{rate:,.0f} sentences/s"


# Loading


def test_plain_text_without_metadata_takes_its_dateline(tmp_path: Path) -> None:
    path = tmp_path / "tata.txt"
    path.write_text(f"Tata and Foxconn form venture\n\nIANS, November 18, 2016\n\n{BODY}\n")
    article = load_file(path)
    assert article.published == FuzzyDate.parse("2016-11-18")
    assert article.published.precision is Precision.DAY
    assert article.text.endswith(BODY)


def test_stdin_text_without_metadata_takes_its_dateline() -> None:
    article = load_text(f"Tata and Foxconn\n\nMUMBAI, Nov 18, 2016 (Reuters) - {BODY}")
    assert article.published == FuzzyDate.parse("2016-11-18")


def test_a_dateline_dropped_as_boilerplate_still_dates_the_article() -> None:
    article = load_text(f"Tata and Foxconn\n\nPublished on November 18, 2016\n\n{BODY}")
    assert article.published == FuzzyDate.parse("2016-11-18")
    assert "Published" not in article.text


def test_a_dateline_without_a_year_leaves_the_date_unknown() -> None:
    article = load_text(f"Tata and Foxconn\n\nMUMBAI, April 29 (Reuters) - {BODY}")
    assert article.published == FuzzyDate.unknown()


def test_given_metadata_wins_over_the_dateline() -> None:
    text = f"Tata and Foxconn\n\nIANS, November 18, 2016\n\n{BODY}"
    assert load_text(text, published="2014-04").published == FuzzyDate.parse("2014-04")
    # A date the caller says is unknown stays unknown.
    stated = load_text(text, published_precision="unknown")
    assert stated.published == FuzzyDate.unknown()


def test_markdown_front_matter_wins_over_the_dateline() -> None:
    dated = "---\npublished: 2014-04\n---\n# Tata and Foxconn\n\nNov 18, 2016\n\nBody text.\n"
    assert load_text(dated, format="markdown").published == FuzzyDate.parse("2014-04")
    undated = "---\ntitle: Tata\n---\n# Tata and Foxconn\n\nNov 18, 2016\n\nBody text.\n"
    assert load_text(undated, format="markdown").published == FuzzyDate.parse("2016-11-18")


def test_folder_sidecar_wins_and_files_without_a_date_take_their_dateline(
    tmp_path: Path,
) -> None:
    dateline = f"Tata and Foxconn\n\nIANS, November 18, 2016\n\n{BODY}\n"
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(dateline)
    sidecar = [
        {"file": "b.txt", "published": "2014-04", "published_precision": "month"},
        {"file": "c.txt", "publisher": "IANS"},
    ]
    (tmp_path / "articles.json").write_text(json.dumps(sidecar))
    loaded = {r.path.name: r.article for r in load_folder(tmp_path) if isinstance(r, Loaded)}
    assert loaded["a.txt"].published == FuzzyDate.parse("2016-11-18")
    assert loaded["b.txt"].published == FuzzyDate.parse("2014-04")
    assert loaded["b.txt"].published.precision is Precision.MONTH
    # An entry that gives no date leaves the dateline to date the article.
    assert loaded["c.txt"].published == FuzzyDate.parse("2016-11-18")
