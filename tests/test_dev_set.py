"""Checks on the hand-written development set (tests/data/dev, tests/data/dev.gold.jsonl).

The set is data: these tests only make sure it is well formed, so that an evaluation run over it
can trust every gold line (the evidence is an exact substring of the article text, the labels are
from the vocabulary, the metadata lists every article).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).resolve().parent / "data"
DEV = DATA / "dev"
GOLD = DATA / "dev.gold.jsonl"
ARTICLE_NAME = re.compile(r"^\d{3}_[a-z0-9_]+\.txt$")

TYPES = {"rumor", "denial", "partnership", "endorsement"}
DEAL_KINDS = {
    "investment",
    "acquisition",
    "merger",
    "partnership",
    "joint-venture",
    "distribution",
    "licensing",
    "endorsement",
    "other",
}
GOLD_KEYS = {"article", "type", "companies", "people", "deal_kind", "source", "evidence"}
META_KEYS = {"file", "url", "title", "publisher", "published", "published_precision"}
PRECISION_FORMATS = {
    "day": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    "month": re.compile(r"^\d{4}-\d{2}$"),
    "year": re.compile(r"^\d{4}$"),
}


def _gold() -> list[dict[str, Any]]:
    lines = GOLD.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _metadata() -> list[dict[str, Any]]:
    data = json.loads((DEV / "articles.json").read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def _article_files() -> list[Path]:
    return sorted(DEV.glob("*.txt"))


def test_every_gold_line_parses() -> None:
    for number, line in enumerate(GOLD.read_text(encoding="utf-8").splitlines(), start=1):
        assert line.strip(), f"blank line {number} in {GOLD.name}"
        record = json.loads(line)
        assert isinstance(record, dict), f"line {number} is not an object"
        assert set(record) == GOLD_KEYS, f"line {number} keys: {sorted(record)}"


@pytest.mark.parametrize("record", _gold(), ids=lambda r: f"{r['article'][:3]}-{r['type']}")
def test_gold_line(record: dict[str, Any]) -> None:
    listed = {entry["file"] for entry in _metadata()}
    path = DEV / record["article"]
    assert path.is_file(), f"missing article {record['article']}"
    assert record["article"] in listed, f"{record['article']} not in articles.json"
    assert record["type"] in TYPES
    assert record["deal_kind"] in DEAL_KINDS
    assert (record["deal_kind"] == "endorsement") == (record["type"] == "endorsement")
    companies = record["companies"]
    assert isinstance(companies, list) and companies
    assert all(isinstance(c, str) and c.strip() for c in companies)
    assert len(set(companies)) == len(companies)
    if record["type"] == "endorsement":
        assert len(companies) == 1, "an endorsement names the brand owner only"
        assert record["people"], "an endorsement names the public figure"
    else:
        assert len(companies) >= 2, "a deal has at least two parties"
    assert isinstance(record["people"], list)
    assert all(isinstance(p, str) and p.strip() for p in record["people"])
    assert record["source"] is None or (isinstance(record["source"], str) and record["source"])
    evidence = record["evidence"]
    assert isinstance(evidence, str) and evidence.strip() == evidence and evidence
    text = path.read_text(encoding="utf-8")
    assert evidence in text, f"evidence not in {record['article']}: {evidence!r}"


def test_no_duplicate_events() -> None:
    keys = [(r["article"], r["type"], r["deal_kind"], frozenset(r["companies"])) for r in _gold()]
    duplicates = [key for key, count in Counter(keys).items() if count > 1]
    assert not duplicates, f"one event per article, type, kind and company set: {duplicates}"


def test_metadata_lists_every_article_once() -> None:
    entries = _metadata()
    files = [entry["file"] for entry in entries]
    assert len(files) == len(set(files))
    assert sorted(files) == [p.name for p in _article_files()]
    urls = [entry["url"] for entry in entries]
    assert len(urls) == len(set(urls))
    for entry in entries:
        assert set(entry) == META_KEYS, entry["file"]
        assert entry["url"].startswith("https://")
        assert PRECISION_FORMATS[entry["published_precision"]].match(entry["published"])
        title = (DEV / entry["file"]).read_text(encoding="utf-8").split("\n", 1)[0]
        assert entry["title"] == title.strip()
    assert {entry["published_precision"] for entry in entries} == set(PRECISION_FORMATS)


def test_article_files_are_shaped_like_articles() -> None:
    for path in _article_files():
        assert ARTICLE_NAME.match(path.name), path.name
        text = path.read_text(encoding="utf-8")
        title, blank, body = text.partition("\n\n")
        assert blank and title.strip() and "\n" not in title, (
            f"{path.name}: title, blank line, body"
        )
        words = len(body.split())
        assert 150 <= words <= 600, f"{path.name}: {words} words"


def test_coverage() -> None:
    gold = _gold()
    articles = [p.name for p in _article_files()]
    assert len(articles) >= 30
    assert {r["type"] for r in gold} == TYPES
    with_events = {r["article"] for r in gold}
    assert len(set(articles) - with_events) >= 6, "at least 6 articles without events"
    per_article = Counter(r["article"] for r in gold)
    assert sum(1 for n in per_article.values() if 3 <= n <= 5) >= 3
    assert (DEV.parent / "dev.README.md").is_file()
