"""The synthetic article generator of bench/synthetic: reproducible, sized, loadable, realistic."""

from __future__ import annotations

import collections
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # bench/ is not installed: it is imported from the repository
    sys.path.insert(0, str(ROOT))

from bench.synthetic import SyntheticArticle, generate, write_folder  # noqa: E402
from timeline.extraction import Extractor  # noqa: E402
from timeline.extraction.gazetteer import Gazetteer  # noqa: E402
from timeline.extraction.loading import Loaded, load_folder  # noqa: E402

TYPES = {"rumor", "denial", "partnership", "endorsement"}


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def articles() -> list[SyntheticArticle]:
    return generate(200, 2024)


def test_same_seed_same_articles() -> None:
    assert generate(30, 5) == generate(30, 5)


def test_a_shorter_run_is_a_prefix_of_a_longer_one() -> None:
    assert generate(10, 5) == generate(20, 5)[:10]


def test_different_seeds_differ() -> None:
    one, two = generate(20, 1), generate(20, 2)
    assert all(a.text != b.text for a, b in zip(one, two, strict=True))


def test_sizes_are_near_the_requested_size() -> None:
    for size in (1500, 4000, 9000):
        for article in generate(40, 7, size=size):
            assert 0.75 * size <= len(article.text.encode("utf-8")) <= 1.25 * size


def test_article_shape(articles: list[SyntheticArticle]) -> None:
    assert len({a.url for a in articles}) == len(articles)
    assert len({a.file for a in articles}) == len(articles)
    for article in articles:
        title, blank, body = article.text.partition("\n\n")
        assert blank and title == article.title and "\n" not in title
        paragraphs = body.rstrip("\n").split("\n\n")
        assert 4 <= len(paragraphs) <= 10
        assert article.url.startswith("https://news.example.com/")
        assert article.file.startswith("a") and article.file.endswith(".txt")
        precision = article.published_precision
        assert len(article.published) == {"day": 10, "month": 7, "year": 4}[precision]
        assert article.publisher
        for event in article.expected:
            assert event.type in TYPES
            assert len(event.companies) == (1 if event.type == "endorsement" else 2)
            assert all(name in article.text for name in event.companies)


def test_many_companies_and_every_type(articles: list[SyntheticArticle]) -> None:
    names = {name for a in articles for e in a.expected for name in e.companies}
    assert len(names) >= 200
    assert {e.type for a in articles for e in a.expected} == TYPES


def test_companies_can_be_given(gazetteer: Gazetteer) -> None:
    companies = [("acme", "Acme Widgets"), ("globex", "Globex Corp"), ("initech", "Initech")]
    for article in generate(20, 3, companies=companies):
        for event in article.expected:
            assert set(event.companies) <= {name for _, name in companies}


def test_written_folders_load_without_rejections(
    tmp_path: Path, articles: list[SyntheticArticle]
) -> None:
    write_folder(articles, tmp_path)
    sidecar = json.loads((tmp_path / "articles.json").read_text(encoding="utf-8"))
    assert [entry["file"] for entry in sidecar] == [a.file for a in articles]
    assert set(sidecar[0]) == {
        "file",
        "url",
        "title",
        "publisher",
        "published",
        "published_precision",
    }
    results = list(load_folder(tmp_path))
    assert all(isinstance(r, Loaded) for r in results), [
        r for r in results if not isinstance(r, Loaded)
    ]
    loaded = {r.path.name: r.article for r in results if isinstance(r, Loaded)}
    assert len(loaded) == len(articles)
    for article in articles:
        got = loaded[article.file]
        assert got.title == article.title
        assert got.url == article.url
        assert got.publisher == article.publisher
        assert got.published.precision.value == article.published_precision


def test_the_extractor_finds_the_events(
    tmp_path: Path, gazetteer: Gazetteer, articles: list[SyntheticArticle]
) -> None:
    write_folder(articles, tmp_path)
    extractor = Extractor(gazetteer)
    with_events = 0
    types: collections.Counter[str] = collections.Counter()
    for result in load_folder(tmp_path):
        assert isinstance(result, Loaded)
        events = extractor.extract(result.article)
        with_events += bool(events)
        types.update(e.deal_type for e in events)
    assert with_events >= 0.8 * len(articles)
    assert set(types) == TYPES
