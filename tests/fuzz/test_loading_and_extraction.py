"""Fuzzing the article loaders and the extractor: hostile input ends in a clear rejection.

Any input either loads into an Article whose evidence offsets point into its own text, or is
refused with ArticleRejected; nothing else may escape (no IndexError, UnicodeError, ...).
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from timeline.extraction import Extractor
from timeline.extraction.gazetteer import Gazetteer
from timeline.extraction.loading import Article, ArticleRejected, load_bytes, load_text

FUZZ = settings(
    max_examples=300,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# Pieces a deal sentence is made of, so the fuzzer reaches the extractor's rules, not only
# its "nothing found" path.
WORDS = st.sampled_from(
    [
        "Xiaomi",
        "Tencent",
        "Alibaba",
        "ZTE",
        "Apple",
        "Nokia",
        "Inc.",
        "Corp",
        "said",
        "denied",
        "reports",
        "that",
        "it",
        "would",
        "invest",
        "in",
        "acquire",
        "buy",
        "a partnership",
        "with",
        "talks",
        "rumors",
        "of",
        "is",
        "not",
        "the company",
        "according to",
        "Reuters",
        "Bloomberg",
        "$5 billion",
        "stake",
        "merger",
        "“",
        "”",
        "(",
        ")",
        ",",
        ".",
        "!",
        "?",
        ";",
        "\n",
        "\n\n",
        "#",
        "*",
        "<b>",
        "</b>",
        "<p>",
        "<script>",
        "&amp;",
        "\u00a0",
        "\u200b",
        "\ufeff",
        "é",
        "中国",
        "—",
        "'s",
        "\u2019s",
        "CEO",
        "Lei Jun",
        "Mr.",
        "U.S.",
        "2014",
        "April",
        "Monday",
        "last week",
    ]
)
SENTENCES = st.lists(WORDS, min_size=1, max_size=60).map(" ".join)
TEXTS = st.one_of(
    SENTENCES, st.text(max_size=2_000), st.text(alphabet=st.characters(), max_size=300)
)
CONTENT_TYPES = st.sampled_from(
    [
        None,
        "text/plain",
        "text/plain; charset=utf-8",
        "text/plain; charset=latin-1",
        "text/plain; charset=no-such-charset",
        "text/html",
        "text/html; charset=shift_jis",
        "text/markdown",
        "application/json",
        "application/octet-stream",
        "image/png",
    ]
)
FILENAMES = st.sampled_from([None, "a.txt", "a.html", "a.md", "a.json", "a.bin", "noext"])


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(Gazetteer.load())


def check(article: Article, extractor: Extractor) -> None:
    for event in extractor.extract(article):
        assert event.companies
        for evidence in event.evidence:
            assert 0 <= evidence.start < evidence.end <= len(article.original)
            assert article.original[evidence.start : evidence.end] == evidence.text


@FUZZ
@given(text=TEXTS, format=st.sampled_from([None, "text", "markdown", "html"]))
def test_any_text_loads_or_is_rejected_and_extracts_cleanly(
    extractor: Extractor, text: str, format: str | None
) -> None:
    try:
        article = load_text(text, format=format)  # type: ignore[arg-type]
    except ArticleRejected as rejected:
        assert str(rejected)
        return
    check(article, extractor)


@FUZZ
@given(
    data=st.one_of(st.binary(max_size=3_000), SENTENCES.map(lambda s: s.encode("utf-8"))),
    content_type=CONTENT_TYPES,
    filename=FILENAMES,
)
def test_any_bytes_load_or_are_rejected(
    extractor: Extractor, data: bytes, content_type: str | None, filename: str | None
) -> None:
    try:
        article = load_bytes(data, content_type=content_type, filename=filename, max_bytes=2_000)
    except ArticleRejected as rejected:
        assert str(rejected)
        return
    assert len(article.original.encode("utf-8")) <= 4 * 2_000  # the limit held
    check(article, extractor)


@FUZZ
@given(
    body=SENTENCES,
    wrap=st.sampled_from(
        [
            "<html><head><title>{t}</title></head><body><p>{b}</p></body></html>",
            "<p>{b}",
            "<div><div><div>{b}</span></p>",
            '<html><meta charset="utf-16"><p>{b}</p>',
            '{{"title": "{t}", "text": "{b}"}}',
            "---\ntitle: {t}\n---\n# {t}\n\n{b}",
        ]
    ),
    title=st.text(max_size=80),
)
def test_structured_documents_with_hostile_parts(
    extractor: Extractor, body: str, wrap: str, title: str
) -> None:
    text = wrap.format(t=title, b=body)
    try:
        article = load_text(text, format=None)
    except ArticleRejected as rejected:
        assert str(rejected)
        return
    check(article, extractor)
