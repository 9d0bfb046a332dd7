"""Article loading: formats, the seeds folder, offsets back to the original, rejections."""

from __future__ import annotations

import codecs
import json
import random
import unicodedata
from pathlib import Path

import msgspec
import pytest

from timeline.domain.articles import article_id, content_hash
from timeline.domain.dates import FuzzyDate, Precision
from timeline.extraction.loading import (
    Article,
    ArticleRejected,
    Loaded,
    Metadata,
    Rejected,
    load_bytes,
    load_file,
    load_folder,
    load_text,
    normalise,
    sniff_format,
)

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
GOLD = Path(__file__).resolve().parents[1] / "data" / "seeds.gold.jsonl"

BODY = (
    "Tencent said on Monday it would buy a 15 percent stake in JD.com for $214.7 million, "
    "giving the internet giant a foothold in online retail.\n\n"
    "JD.com declined to comment on the deal, which analysts had expected for weeks."
)

HTML = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Tencent buys JD.com stake | Example Wire</title>
<meta property="og:title" content="Tencent buys a stake in JD.com">
<meta property="og:site_name" content="Example Wire">
<link rel="canonical" href="https://example.com/2014/03/tencent-jd">
<meta property="article:published_time" content="2014-03-10T08:00:00+00:00">
</head>
<body>
<nav><a href="/">Home</a> <a href="/tech">Tech</a></nav>
<article>
<h1>Tencent buys a stake in JD.com</h1>
<p>Tencent said on Monday it would buy a 15 percent stake in JD.com for $214.7 million,
giving the internet giant a foothold in online retail.</p>
<p>JD.com declined to comment on the deal, which analysts had expected for weeks.</p>
<p>Share this:</p>
<p>Related posts</p>
</article>
<footer>Copyright 2014 Example Wire. All rights reserved.</footer>
</body>
</html>
"""


def _span(article: Article, needle: str) -> tuple[int, int]:
    start = article.text.index(needle)
    return start, start + len(needle)


def _original(article: Article, needle: str) -> str:
    return article.original_slice(*_span(article, needle))


# Plain text


def test_plain_text_title_is_the_first_line_and_the_body_the_rest() -> None:
    article = load_text(f"Tencent buys JD.com stake\n\n{BODY}\n", source="x.txt")
    assert article.title == "Tencent buys JD.com stake"
    assert article.text == BODY
    assert article.original == f"Tencent buys JD.com stake\n\n{BODY}\n"
    assert article.source == "x.txt"
    assert article.language == "en"
    assert article.url is None
    assert article.published == FuzzyDate.unknown()
    assert _original(article, "JD.com declined") == "JD.com declined"


def test_plain_text_with_a_given_title_keeps_the_first_line_as_body() -> None:
    article = load_text(f"Tencent said things.\n{BODY}", title="Given title")
    assert article.title == "Given title"
    assert article.text.startswith("Tencent said things.\n")


def test_plain_text_first_line_repeating_the_given_title_is_not_body() -> None:
    article = load_text(f"Tencent buys JD.com stake\n\n{BODY}", title="Tencent Buys JD.com Stake")
    assert article.title == "Tencent Buys JD.com Stake"
    assert article.text == BODY


def test_plain_text_title_skips_leading_boilerplate() -> None:
    article = load_text(f"Breaking News\n\nTencent buys JD.com stake\n\n{BODY}")
    assert article.title == "Tencent buys JD.com stake"
    assert article.text == BODY


def test_given_metadata_is_kept() -> None:
    article = load_text(
        BODY,
        title="T",
        url="http://Example.com/a?utm_source=feed",
        publisher="Example Wire",
        published="2014-03-10",
        published_precision="month",
        language="ZH",
    )
    assert article.url == "http://Example.com/a?utm_source=feed"
    assert article.id == article_id("https://example.com/a", "anything")
    assert article.publisher == "Example Wire"
    assert article.published == FuzzyDate.parse("2014-03", "month")
    assert article.published.precision is Precision.MONTH
    assert article.language == "zh"
    dated = load_text(BODY, title="T", published=FuzzyDate.parse("2014"))
    assert str(dated.published) == "2014"
    assert dated.published.precision is Precision.YEAR


def test_id_and_content_hash_come_from_the_domain() -> None:
    without_url = load_text(BODY, title="T")
    assert without_url.id == article_id(None, without_url.text)
    assert without_url.content_hash == content_hash(without_url.text)
    with_url = load_text(BODY, title="T", url="https://example.com/a")
    assert with_url.id == article_id("https://example.com/a", with_url.text)
    # The same text with other whitespace is the same article.
    assert load_text(BODY.replace(" ", "  "), title="T").id == without_url.id


def test_article_round_trips_through_msgspec_and_is_frozen() -> None:
    article = load_text("Title\n\u201cQuoted\u201d text\u2026 here", url="https://example.com/a")
    decoded = msgspec.json.decode(msgspec.json.encode(article), type=Article)
    assert decoded == article
    assert decoded.to_original(0, 8) == article.to_original(0, 8)
    with pytest.raises(AttributeError):
        article.title = "other"  # type: ignore[misc]


# Markdown


MARKDOWN = """---
title: "Tencent buys a stake in JD.com"
url: https://example.com/2014/03/tencent-jd
publisher: Example Wire  # a YAML comment
published: 2014-04
tags:
  - tencent
  - jd
---

# Tencent buys a stake in JD.com

**Tencent** said on _Monday_ it would buy a [15 percent stake](https://jd.com/ir) in JD.com.
![logo](https://example.com/logo.png)

> JD.com `declined` to comment, said <b>a spokesman</b>.

Tags: tencent, jd
"""


def test_markdown_front_matter_gives_metadata() -> None:
    article = load_text(MARKDOWN, format="markdown")
    assert article.title == "Tencent buys a stake in JD.com"
    assert article.url == "https://example.com/2014/03/tencent-jd"
    assert article.publisher == "Example Wire"
    assert str(article.published) == "2014-04"
    assert article.published.precision is Precision.MONTH


def test_markdown_markup_is_stripped_lightly_and_maps_back() -> None:
    article = load_text(MARKDOWN, format="markdown")
    assert article.text.startswith(
        "Tencent said on Monday it would buy a 15 percent stake in JD.com."
    )
    assert "JD.com declined to comment, said a spokesman." in article.text
    for markup in ("**", "](", "![", "`", "<b>", "# ", "> ", "Tags:", "---"):
        assert markup not in article.text
    assert article.original == MARKDOWN
    assert _original(article, "15 percent stake") == "15 percent stake"
    assert _original(article, "a spokesman") == "a spokesman"
    assert _original(article, "Tencent said on Monday") == "Tencent** said on _Monday"


def test_markdown_without_front_matter_takes_the_heading_as_title() -> None:
    article = load_bytes(b"# Xiaomi & Meizu\n\nXiaomi and *Meizu* compete.\n", filename="a.md")
    assert article.title == "Xiaomi & Meizu"
    assert article.text == "Xiaomi and Meizu compete."
    assert article.source == "a.md"


def test_markdown_front_matter_aliases_and_block_values() -> None:
    text = "---\nheadline: >\n  Folded\n  title\ndate: '2014-12-01'\nlang: zh\n---\nBody text.\n"
    article = load_text(text, format="markdown")
    assert article.title == "Folded title"
    assert article.published == FuzzyDate.parse("2014-12-01")
    assert article.language == "zh"
    assert article.text == "Body text."


# HTML


def test_html_main_text_and_metadata() -> None:
    article = load_bytes(HTML.encode(), filename="tencent.html")
    assert article.title == "Tencent buys a stake in JD.com"
    assert article.url == "https://example.com/2014/03/tencent-jd"
    assert article.publisher == "Example Wire"
    assert article.published == FuzzyDate.parse("2014-03-10")
    assert article.published.precision is Precision.DAY
    assert article.language == "en"
    assert article.text.startswith("Tencent said on Monday")
    assert "JD.com declined to comment" in article.text
    for furniture in ("Share this", "Related posts", "Home", "Copyright"):
        assert furniture not in article.text
    assert _original(article, "JD.com declined") == "JD.com declined"


def test_html_given_metadata_wins_and_the_h1_still_goes() -> None:
    article = load_bytes(HTML.encode(), filename="a.html", title="Given", url="https://x.org/a")
    assert (article.title, article.url) == ("Given", "https://x.org/a")
    assert article.text.startswith("Tencent said on Monday")


def test_html_without_a_date_has_an_unknown_date() -> None:
    page = HTML.replace(
        '<meta property="article:published_time" content="2014-03-10T08:00:00+00:00">', ""
    )
    article = load_bytes(page.encode(), content_type="text/html; charset=utf-8")
    assert article.published == FuzzyDate.unknown()


def test_html_in_a_declared_legacy_charset() -> None:
    page = HTML.replace('charset="utf-8"', 'charset="iso-8859-1"').replace("Monday", "Montag \xe9")
    article = load_bytes(page.encode("latin-1"), filename="page.htm")
    assert "Montag \xe9" in article.text


# JSON


def test_json_article() -> None:
    data = {
        "title": "Tencent buys JD.com stake",
        "text": BODY,
        "url": "https://example.com/a",
        "publisher": "Example Wire",
        "published": "2014-03",
        "published_precision": "month",
    }
    article = load_bytes(json.dumps(data).encode(), filename="a.json")
    assert article.title == "Tencent buys JD.com stake"
    assert article.text == BODY
    assert article.original == BODY
    assert article.url == "https://example.com/a"
    assert article.publisher == "Example Wire"
    assert str(article.published) == "2014-03"
    assert article.published.precision is Precision.MONTH


def test_json_body_field_and_title_from_first_line() -> None:
    article = load_text(json.dumps({"body": "First line\nSecond line"}), format="json")
    assert article.text == "First line\nSecond line"
    assert article.title == "First line"
    assert article.published == FuzzyDate.unknown()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (json.dumps({"title": "x", "text": "body"}), "json"),
        (HTML, "html"),
        ("<p>one</p><p>two</p>", "html"),
        (MARKDOWN, "markdown"),
        ("# Heading\n\nbody", "markdown"),
        ("Title\n\nbody --- with dashes", "text"),
    ],
)
def test_sniff_format(text: str, expected: str) -> None:
    assert sniff_format(text) == expected


def test_load_bytes_sniffs_without_name_or_type() -> None:
    assert load_bytes(json.dumps({"title": "T", "text": BODY}).encode()).text == BODY
    assert load_bytes(HTML.encode()).title == "Tencent buys a stake in JD.com"
    assert load_bytes(MARKDOWN.encode()).url == "https://example.com/2014/03/tencent-jd"
    plain = load_bytes(f"Title\n{BODY}".encode(), content_type="application/octet-stream")
    assert plain.title == "Title"


# The seeds folder


def test_seeds_folder() -> None:
    results = list(load_folder(SEEDS))
    assert [type(r) for r in results] == [Loaded, Loaded]
    first, second = (r.article for r in results if isinstance(r, Loaded))
    assert first.source == "000_9f6dd7f407708b22.txt"
    assert first.title == "Weibo: Xiaomi Kills Tie-Up Talk, ZTE Charms First Lady"
    assert first.url == "http://youngchinabiz.com/?p=13532"
    assert first.publisher == "Young's China Business Blog"
    assert str(first.published) == "2014-04"
    assert first.published.precision is Precision.MONTH
    assert first.id == article_id("http://youngchinabiz.com/?p=13532", first.text)
    assert first.text.startswith("It should come as no surprise")
    assert first.text.endswith("image outside China.")
    assert "Visited" not in first.text
    assert second.title == "Alibaba may invest in Xiaomi"
    assert second.url == "http://www.miuios.in/2014/12/alibaba-may-invest-in-xiaomi.html"
    assert second.publisher == "MIUI OS blog"
    assert str(second.published) == "2014-12"
    assert second.published.precision is Precision.MONTH
    assert "Breaking News" not in second.text
    assert "No comments" not in second.text
    assert second.text.endswith("SOURCE: Bloomberg")
    for article in (first, second):
        path = SEEDS / (article.source or "")
        assert article.original == path.read_text(encoding="utf-8")
        assert "\u2019" not in article.text
        assert "\u2019" in article.original


def test_gold_evidence_maps_to_the_original_seed_text() -> None:
    articles = {r.path.name: r.article for r in load_folder(SEEDS) if isinstance(r, Loaded)}
    gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line]
    assert gold
    for label in gold:
        article = articles[label["article"]]
        start = article.text.index(normalise(label["evidence"]).text)
        end = start + len(normalise(label["evidence"]).text)
        assert article.original_slice(start, end) == label["evidence"]


# Folders


def _write(folder: Path, name: str, content: str | bytes) -> None:
    data = content.encode() if isinstance(content, str) else content
    (folder / name).write_bytes(data)


def test_folder_reads_every_format_sorted_and_skips_the_rest(tmp_path: Path) -> None:
    _write(tmp_path, "b.md", "---\ntitle: From front matter\n---\nMarkdown body.\n")
    _write(tmp_path, "a.txt", "Plain title\nPlain body.\n")
    _write(tmp_path, "c.json", json.dumps({"title": "J", "body": "JSON body."}))
    _write(tmp_path, "d.HTML", HTML)
    _write(tmp_path, "e.markdown", "Markdown two\n\nBody two.\n")
    _write(tmp_path, "f.htm", HTML)
    _write(tmp_path, ".hidden.txt", "Hidden\nNot an article.\n")
    _write(tmp_path, "notes.csv", "a,b\n")
    _write(tmp_path, "articles.json", json.dumps([{"file": "b.md", "title": "From sidecar"}]))
    (tmp_path / "sub.txt").mkdir()
    results = list(load_folder(tmp_path))
    assert [r.path.name for r in results] == [
        "a.txt",
        "b.md",
        "c.json",
        "d.HTML",
        "e.markdown",
        "f.htm",
    ]
    assert all(isinstance(r, Loaded) for r in results)
    titles = [r.article.title for r in results if isinstance(r, Loaded)]
    assert titles[:3] == ["Plain title", "From sidecar", "J"]


def test_sidecar_metadata_wins_over_the_file(tmp_path: Path) -> None:
    _write(
        tmp_path,
        "a.md",
        "---\ntitle: Old\nurl: https://old.example/a\npublished: 2013-01-05\n---\nOld\n\nBody.\n",
    )
    sidecar = [
        {
            "file": "a.md",
            "url": "https://new.example/a",
            "publisher": "New",
            "published": "2014",
            "published_precision": "year",
        }
    ]
    _write(tmp_path, "articles.json", json.dumps(sidecar))
    (result,) = list(load_folder(tmp_path))
    assert isinstance(result, Loaded)
    article = result.article
    assert article.title == "Old"  # the sidecar says nothing of the title
    assert article.url == "https://new.example/a"
    assert article.publisher == "New"
    assert article.published == FuzzyDate.parse("2014")
    assert article.text == "Body."


def test_sidecar_precision_alone_keeps_the_file_date_and_unknown_clears_it(
    tmp_path: Path,
) -> None:
    _write(tmp_path, "a.md", "---\npublished: 2014-04-09\n---\nTitle\n\nBody.\n")
    _write(tmp_path, "b.md", "---\npublished: 2014-04-09\n---\nTitle\n\nBody.\n")
    sidecar = [
        {"file": "a.md", "published_precision": "month"},
        {"file": "b.md", "published_precision": "unknown"},
    ]
    _write(tmp_path, "articles.json", json.dumps(sidecar))
    a, b = (r.article for r in load_folder(tmp_path) if isinstance(r, Loaded))
    assert a.published == FuzzyDate.parse("2014-04-09")
    assert b.published == FuzzyDate.unknown()


def test_folder_reports_each_failure_and_goes_on(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", "Title\nGood body.\n")
    _write(tmp_path, "b.txt", b"\x00\x01\x02binary")
    _write(tmp_path, "c.json", "{not json")
    _write(tmp_path, "d.txt", "Title only\n")
    _write(tmp_path, "e.txt", "Title\nAnother good body.\n")
    _write(tmp_path, "f.txt", "Title\nBad date.\n")
    sidecar = [
        {"file": "f.txt", "published": "April 2014"},
        {"file": "missing.txt", "url": "https://example.com/m"},
        {"url": "https://example.com/no-file"},
        {"file": "../escape.txt"},
    ]
    _write(tmp_path, "articles.json", json.dumps(sidecar))
    results = list(load_folder(tmp_path))
    outcome = {r.path.name: r for r in results}
    assert [r.path.name for r in results[:2]] == ["articles.json", "articles.json"]
    assert isinstance(outcome["a.txt"], Loaded)
    assert isinstance(outcome["e.txt"], Loaded)
    reasons = {r.path.name: r.reason for r in results[2:] if isinstance(r, Rejected)}
    assert reasons.keys() == {"b.txt", "c.json", "d.txt", "f.txt", "missing.txt"}
    assert "binary" in reasons["b.txt"]
    assert "invalid JSON" in reasons["c.json"]
    assert "empty" in reasons["d.txt"]
    assert "April 2014" in reasons["f.txt"]
    assert "no such file" in reasons["missing.txt"]
    sidecar_reasons = [r.reason for r in results[:2] if isinstance(r, Rejected)]
    assert all('"file"' in reason for reason in sidecar_reasons)


def test_unreadable_sidecar_rejects_every_file(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", "Title\nBody.\n")
    _write(tmp_path, "articles.json", '{"file": "a.txt"}')
    results = list(load_folder(tmp_path))
    assert [(r.path.name, type(r)) for r in results] == [
        ("articles.json", Rejected),
        ("a.txt", Rejected),
    ]
    assert isinstance(results[0], Rejected)
    assert "JSON list" in results[0].reason
    assert isinstance(results[1], Rejected)
    assert "articles.json is invalid" in results[1].reason


def test_sidecar_listing_a_file_twice(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", "Title\nBody.\n")
    _write(tmp_path, "articles.json", json.dumps([{"file": "a.txt"}, {"file": "a.txt"}]))
    (result,) = list(load_folder(tmp_path))
    assert isinstance(result, Rejected)
    assert "more than once" in result.reason


def test_missing_folder_is_rejected(tmp_path: Path) -> None:
    (result,) = list(load_folder(tmp_path / "nope"))
    assert isinstance(result, Rejected)
    assert result.reason == "not a folder"


def test_load_file_with_metadata(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", f"Title\n{BODY}")
    article = load_file(tmp_path / "a.txt", metadata=Metadata(publisher="P"))
    assert (article.title, article.publisher, article.source) == ("Title", "P", "a.txt")


# Normalisation and offsets

TRICKY = (
    "Lei Jun\u2019s \u201cbig\u201d plan\u2026 for Xia\u200bomi\r\n"
    "\u00a0Caf\u0065\u0301 \ufb01nance \uff21\uff22\uff23 \u2013 ZTE\u2019s nubia\u00a0Z5\r\n"
    "\r\n"
    "minus \u2212 5, soft\u00adhyphen, \u2033inches\u2033, \ufeffbom\u3000wide\u2028next\n"
    "\ud55c\uad6d (\u1100\u1161\u11a8) and \u00bd\u2026\u2026 end\r"
)


def test_normalised_text() -> None:
    text = normalise(TRICKY).text
    assert text == (
        'Lei Jun\'s "big" plan... for Xiaomi\n'
        " Caf\u00e9 finance ABC \u2013 ZTE's nubia Z5\n"
        "\n"
        'minus - 5, softhyphen, "inches", bom wide\nnext\n'
        "\ud55c\uad6d (\uac01) and 1\u20442...... end"
    )
    assert unicodedata.is_normalized("NFKC", text)


def test_curly_quotes_map_back_to_the_original() -> None:
    original = "Lei Jun\u2019s \u201cbig\u201d plan"
    article = load_text(original, title="T")
    assert article.text == 'Lei Jun\'s "big" plan'
    assert _original(article, "big") == "big"
    assert _original(article, '"big"') == "\u201cbig\u201d"
    assert _original(article, "Jun's") == "Jun\u2019s"
    assert article.to_original(*_span(article, "plan")) == (16, 20)


@pytest.mark.parametrize(
    ("needle", "expected"),
    [
        ("plan...", "plan\u2026"),
        ("Xiaomi", "Xia\u200bomi"),
        ("Caf\u00e9", "Cafe\u0301"),
        ("finance", "\ufb01nance"),
        ("ABC", "\uff21\uff22\uff23"),
        ("Xiaomi\n Caf", "Xia\u200bomi\r\n\u00a0Caf"),
        ('"inches"', "\u2033inches\u2033"),
        ("bom wide", "bom\u3000wide"),  # deleted text at a span's edge stays out
        (", bom", ", \ufeffbom"),  # and inside it stays in
        ("(\uac01)", "(\u1100\u1161\u11a8)"),
    ],
)
def test_spans_map_to_the_original(needle: str, expected: str) -> None:
    result = normalise(TRICKY)
    start = result.text.index(needle)
    ostart, oend = result.offsets.to_original(start, start + len(needle))
    assert TRICKY[ostart:oend] == expected
    assert result.offsets.to_normalised(ostart, oend) == (start, start + len(needle))


def test_a_span_inside_an_expansion_widens_to_the_whole_character() -> None:
    result = normalise("wait\u2026 what")
    assert result.text == "wait... what"
    assert result.offsets.to_original(5, 6) == (4, 5)
    assert result.offsets.to_original(0, 5) == (0, 5)
    assert result.offsets.to_original(7, 8) == (5, 6)


def test_every_span_round_trips_modulo_normalisation() -> None:
    original = TRICKY * 3 + "\n\n(Visited 104 times, 1 visits today)\n\n" + TRICKY
    article = load_text(original, title="T")
    text, offsets = article.text, article.offsets
    assert "Visited" not in text
    edits = list(
        zip(
            offsets.norm_starts,
            offsets.norm_ends,
            offsets.orig_starts,
            offsets.orig_ends,
            strict=True,
        )
    )
    # Positions strictly inside the output of one expanded character ("..." from U+2026).
    inside = {p for s, e, _, _ in edits if e - s > 1 for p in range(s + 1, e)}
    # Original text left out of `text`: the title line and the boilerplate.
    dropped = [(os, oe) for s, e, os, oe in edits if s == e]
    rng = random.Random(1)
    spans = [(0, len(text))] + [
        tuple(sorted(rng.sample(range(len(text) + 1), 2))) for _ in range(3000)
    ]
    for start, end in spans:
        ostart, oend = offsets.to_original(start, end)
        assert 0 <= ostart <= oend <= len(original)
        drop = [(os - ostart, oe - ostart) for os, oe in dropped if os < oend and oe > ostart]
        mapped = normalise(original[ostart:oend], drop).text
        wanted = normalise(text[start:end]).text
        if start in inside or end in inside:
            assert wanted.strip(".") in mapped
        else:
            assert mapped == wanted, (start, end)


def test_offsets_of_an_unchanged_text_are_the_identity() -> None:
    result = normalise("plain ascii\ntext")
    assert result.text == "plain ascii\ntext"
    assert result.offsets.norm_starts == ()
    assert result.offsets.to_original(3, 9) == (3, 9)


def test_offset_map_stays_compact() -> None:
    original = "\u201cquote\u201d \u2019 " * 500 + "\u2026"
    offsets = normalise(original).offsets
    assert offsets.length == len(original) + 2
    assert len(offsets.norm_starts) == 1  # quotes keep their length; only the ellipsis grows


def test_spans_outside_the_text_are_refused() -> None:
    offsets = normalise("abc").offsets
    with pytest.raises(ValueError, match="not within"):
        offsets.to_original(2, 4)
    with pytest.raises(ValueError, match="not within"):
        offsets.to_original(2, 1)


def test_mostly_non_latin_text_is_normalised_too() -> None:
    original = "\u5c0f\u7c73\u548c\u963f\u91cc\u5df4\u5df4\uff0c\u201c\u5408\u4f5c\u201d\u3002" * 50
    result = normalise(original)
    assert result.text == original.replace("\u201c", '"').replace("\u201d", '"').replace(
        "\uff0c", ","
    )
    start = result.text.index('"')
    assert original[slice(*result.offsets.to_original(start, start + 4))] == (
        "\u201c\u5408\u4f5c\u201d"
    )


@pytest.mark.parametrize(
    "text",
    [
        "\uff76\uff9e \uff8a\uff9f",  # half-width kana with voiced sound marks
        "Vie\u0323\u0302t Nam",  # decomposed Vietnamese
        "\u0b95\u0bc6\u0bbe",  # Tamil two-part vowel sign
        "\u304b\u3099",  # kana with combining voiced mark
        "\u0915\u093c\u093e",  # Devanagari with nukta, excluded from composition
        "\u0645\u064e\u0631\u062d\u064e\u0628\u064b\u0627",  # Arabic with harakat
        "\u1100\u1161\u11a8 \uac00\u11a8",  # conjoining Hangul jamo
        "A\u030a\u0301 \u212b \u00c5",  # several marks; the angstrom sign
        "\u2460 \u33a1 \u2163 x\u00b2",  # circled, squared and Roman numerals
    ],
)
def test_scripts_come_out_as_nfkc(text: str) -> None:
    result = normalise(text)
    assert result.text == unicodedata.normalize("NFKC", text)
    assert result.offsets.to_original(0, len(result.text)) == (0, len(text))


def test_characters_the_scan_skips_need_no_normalising() -> None:
    # The scan for characters to work on skips ASCII and whole ranges of letters in C; none
    # of those may be changed by NFKC or the table, nor be a mark.
    from timeline.extraction.loading._normalise import _SPECIAL

    skipped = [chr(c) for c in range(0x10000) if _SPECIAL.match(chr(c)) is None]
    assert len(skipped) > 39_000
    for char in skipped:
        assert normalise(f"a{char}a").text == f"a{char}a", hex(ord(char))
        assert unicodedata.category(char)[0] != "M", hex(ord(char))


# Boilerplate


def test_boilerplate_lines_are_left_out_but_offsets_still_map() -> None:
    original = (
        "Skip to content\n"
        "Xiaomi and Alibaba talk\n"
        "Posted on December 13, 2014 by admin\n"
        "\n"
        "Alibaba plans to invest in Xiaomi, according to Bloomberg.\n"
        "\n"
        "Share this:\n"
        "Click to share on Twitter (Opens in new window)\n"
        "Facebook\n"
        "\n"
        "Like this:\n"
        "Like Loading...\n"
        "\n"
        "Posted in his microblog, Lei Jun said the chatter was all just rumors about Alibaba.\n"
        "\n"
        "Related posts\n"
        "Tags: alibaba, xiaomi\n"
        "Filed Under: Deals\n"
        "Categories: News, Mobile\n"
        "12 Comments\n"
        "Leave a Reply Cancel reply\n"
        "(Visited 104 times, 1 visits today)\n"
        "\u00a9 2014 Example Blog. All rights reserved.\n"
    )
    article = load_text(original)
    assert article.title == "Xiaomi and Alibaba talk"
    assert article.text == (
        "Alibaba plans to invest in Xiaomi, according to Bloomberg.\n"
        "\n"
        "Posted in his microblog, Lei Jun said the chatter was all just rumors about Alibaba."
    )
    assert _original(article, "Lei Jun said") == "Lei Jun said"
    start = article.text.index("Posted in")
    ostart, _ = article.to_original(start, start + 9)
    assert original[ostart:].startswith("Posted in his microblog")


@pytest.mark.parametrize(
    "line",
    [
        "(Visited 1,204 times, 3 visits today)",
        "No comments",
        "No Comments Yet",
        "Breaking News",
        "Share this:",
        "Share on Facebook",
        "**Share this article**",
        "Related posts",
        "Related Articles:",
        "Click to share on Twitter (Opens in new window)",
        "Click to email this to a friend (Opens in new window)",
        "Posted in Business, Technology",
        "Tags: Xiaomi, Alibaba, Tencent",
        "Leave a reply",
        "Leave a Comment",
        "You may also like",
        "Read more",
        "Previous post: Xiaomi sells 61 million phones",
        "Advertisement",
        "\u2014",
        "Copyright \u00a9 2014 Example Media",
        "Subscribe to our newsletter",
    ],
)
def test_boilerplate_line(line: str) -> None:
    article = load_text(f"Title\nXiaomi denies the rumour.\n{line}\nIt said so on Weibo.\n")
    assert article.text == "Xiaomi denies the rumour.\nIt said so on Weibo."


@pytest.mark.parametrize(
    "line",
    [
        "Tencent shares rose 3 percent.",
        "Posted in a statement on Weibo, Xiaomi said the talks with Alibaba had never happened.",
        "Comments from Lei Jun suggested otherwise",
        "SOURCE: Bloomberg",
        "Share prices of Xiaomi rivals fell.",
        "Posted on Weibo, Lei denied it.",
        "Tags were added to every product.",
    ],
)
def test_content_line_is_kept(line: str) -> None:
    article = load_text(f"Title\nFirst line.\n{line}\nLast line.\n")
    assert article.text == f"First line.\n{line}\nLast line."


# Rejections


def _rejected(**kwargs: object) -> str:
    data = kwargs.pop("data")
    with pytest.raises(ArticleRejected) as caught:
        if isinstance(data, bytes):
            load_bytes(data, **kwargs)  # type: ignore[arg-type]
        else:
            load_text(str(data), **kwargs)  # type: ignore[arg-type]
    assert str(caught.value) == caught.value.reason
    return caught.value.reason


def test_reject_nul_bytes() -> None:
    assert "binary" in _rejected(data=b"Title\nBody\x00\x00 text", filename="a.txt")


def test_reject_control_characters() -> None:
    assert "control characters" in _rejected(data=b"Title\n" + bytes(range(1, 9)) * 20)
    assert "binary" in _rejected(data="Title\nBody \x00 text")


def test_few_stray_control_characters_are_cleaned_not_rejected() -> None:
    article = load_text("Title\nA body with one stray \x07 bell in a long enough line of text.")
    assert article.text == "A body with one stray  bell in a long enough line of text."


def test_reject_empty_body() -> None:
    assert "no body text" in _rejected(data=b"", filename="a.txt")
    assert "no body text" in _rejected(data="Only a title\n\n \u00a0\n")
    assert "no body text" in _rejected(data=json.dumps({"title": "T", "text": "  "}), format="json")


def test_reject_body_of_only_boilerplate() -> None:
    reason = _rejected(data="Title\nShare this:\nNo comments\n(Visited 3 times, 1 visits today)\n")
    assert "nothing but boilerplate" in reason


def test_reject_undecodable_bytes() -> None:
    reason = _rejected(data="Title\nCaf\u00e9 body".encode("latin-1"), filename="a.txt")
    assert "cannot decode as utf-8" in reason
    assert "0xe9" in reason


def test_accept_utf8_bom_and_utf16_with_bom() -> None:
    text = "Title\nCaf\u00e9 \u201cbody\u201d"
    for data in (
        codecs.BOM_UTF8 + text.encode(),
        text.encode("utf-16"),
        codecs.BOM_UTF16_BE + text.encode("utf-16-be"),
    ):
        article = load_bytes(data, filename="a.txt")
        assert article.original == text
        assert article.text == 'Caf\u00e9 "body"'


def test_reject_utf16_without_bom() -> None:
    assert "binary" in _rejected(data="Title\nBody".encode("utf-16-le"), filename="a.txt")


def test_reject_over_the_size_limit(tmp_path: Path) -> None:
    data = b"Title\n" + b"word " * 100
    assert "over the limit of 100 bytes" in _rejected(data=data, max_bytes=100)
    assert "over the limit" in _rejected(data=data.decode(), max_bytes=100)
    (tmp_path / "big.txt").write_bytes(data)
    with pytest.raises(ArticleRejected, match="too large"):
        load_file(tmp_path / "big.txt", max_bytes=100)
    (result,) = list(load_folder(tmp_path, max_bytes=100))
    assert isinstance(result, Rejected)
    assert "too large" in result.reason
    assert load_bytes(data, max_bytes=len(data)).title == "Title"


def test_reject_bad_json() -> None:
    assert "invalid JSON article" in _rejected(data=b"{not json", filename="a.json")
    assert "object" in _rejected(data=b'["a list"]', filename="a.json")
    reason = _rejected(data=json.dumps({"title": "T"}), format="json")
    assert '"text" or "body"' in reason
    assert "$.text" in _rejected(data=json.dumps({"text": 5}), format="json")


def test_reject_bad_metadata() -> None:
    assert "bad url" in _rejected(data=BODY, url="example.com/a")
    assert "bad published date" in _rejected(data=BODY, published="13 March 2014")
    assert "not precise to the day" in _rejected(
        data=BODY, published="2014-03", published_precision="day"
    )
    front = "---\ntitle: 'unclosed\n---\nBody.\n"
    assert "unclosed quote" in _rejected(data=front, format="markdown")


def test_reject_unsupported_types() -> None:
    assert "unsupported file type '.pdf'" in _rejected(data=b"%PDF-1.4", filename="a.pdf")
    assert "unsupported content type" in _rejected(data=b"x", content_type="image/png")


def test_reject_unpaired_surrogate() -> None:
    assert "surrogate" in _rejected(data="Title\nBody \ud800 text")


def test_reject_html_without_main_text() -> None:
    assert "no main text" in _rejected(data=b"<html><body></body></html>", filename="a.html")
