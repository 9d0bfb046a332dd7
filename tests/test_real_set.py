"""Checks on the retellings of real news (tests/data/real): well formed, split kept apart."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from timeline.extraction.evaluation import read_gold

REAL = Path(__file__).resolve().parent / "data" / "real"
SPLITS = ("train", "test")
NAME = re.compile(r"^r[a-z]_(\d{2})_[a-z0-9_]+\.txt$")
PUBLISHED = {"day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}"}


def _metadata(split: str) -> list[dict[str, Any]]:
    data = json.loads((REAL / split / "articles.json").read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


@pytest.mark.parametrize("split", SPLITS)
def test_every_article_is_listed_once_with_its_original(split: str) -> None:
    files = sorted(p.name for p in (REAL / split).glob("*.txt"))
    listed = [m["file"] for m in _metadata(split)]
    assert sorted(listed) == files
    for meta in _metadata(split):
        assert meta["based_on"].startswith("http"), meta["file"]
        assert re.fullmatch(PUBLISHED[meta["published_precision"]], meta["published"])


@pytest.mark.parametrize("split", SPLITS)
def test_gold_evidence_is_in_its_article(split: str) -> None:
    gold = read_gold(REAL / f"{split}.gold.jsonl")
    assert gold
    for event in gold:
        path = REAL / split / event.article
        assert path.is_file(), f"line {event.line}: no {event.article}"
        assert event.evidence and event.evidence in path.read_text(encoding="utf-8"), event.line


def test_the_frozen_split_is_every_third_article_of_each_sector() -> None:
    for split in SPLITS:
        for path in (REAL / split).glob("*.txt"):
            match = NAME.match(path.name)
            assert match, path.name
            assert (int(match.group(1)) % 3 == 0) == (split == "test"), path.name


def test_a_quarter_hold_no_deal_event() -> None:
    articles = {m["file"] for split in SPLITS for m in _metadata(split)}
    with_events = {e.article for split in SPLITS for e in read_gold(REAL / f"{split}.gold.jsonl")}
    assert len(articles) >= 120
    assert 0.2 <= len(articles - with_events) / len(articles) <= 0.35
