"""`timeline extract` and `timeline eval` as a user runs them, and with a stand-in extractor."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import timeline._cli_extraction
from timeline.cli import main
from timeline.domain.events import (
    CompanyRef,
    CompanyRole,
    DealEvent,
    DealKind,
    Evidence,
    RumorReported,
)
from timeline.extraction.gazetteer import Gazetteer
from timeline.extraction.loading import Article

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
SEEDS_GOLD = ROOT / "tests" / "data" / "seeds.gold.jsonl"
LINE_FIELDS = [
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


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TIMELINE_")}
    return subprocess.run(
        [sys.executable, "-m", "timeline.cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def one_line_error(result: subprocess.CompletedProcess[str], expected: str) -> None:
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("timeline: error: ")
    assert expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


class StandInExtractor:
    """One rumor per article, its evidence the article's first 20 characters."""

    version = "stand-in-1"

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer

    def extract(self, article: Article) -> list[DealEvent]:
        return [
            RumorReported(
                article_id=article.id,
                deal_kind=DealKind.INVESTMENT,
                companies=(
                    CompanyRef(slug="tencent", name="Tencent", role=CompanyRole.ACTOR),
                    CompanyRef(slug="xiaomi", name="Xiaomi", role=CompanyRole.TARGET),
                ),
                evidence=(Evidence(text=article.original[:20], start=0, end=20),),
                confidence=0.5,
                rules=("stand-in",),
                extractor_version=self.version,
                occurred=article.published,
            )
        ]


@pytest.fixture
def stand_in(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(timeline._cli_extraction, "Extractor", StandInExtractor)
    monkeypatch.delenv("TIMELINE_CONFIG", raising=False)
    monkeypatch.delenv("COLUMNS", raising=False)
    yield


# Usage errors: one line on stderr, exit 2.


def test_extract_needs_an_existing_path(tmp_path: Path) -> None:
    one_line_error(run("extract", str(tmp_path / "nope")), "nope: no such file or folder")


def test_extract_needs_a_path() -> None:
    result = run("extract")
    assert result.returncode == 2
    assert "the following arguments are required: PATH" in result.stderr


def test_eval_with_an_unreadable_gold_file(tmp_path: Path) -> None:
    result = run("eval", "--gold", str(tmp_path / "gold.jsonl"), "--articles", str(SEEDS))
    one_line_error(result, "gold.jsonl: cannot read: No such file or directory")


def test_eval_names_the_bad_gold_line(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(SEEDS_GOLD.read_text(encoding="utf-8").splitlines()[0] + "\n{oops\n")
    result = run("eval", "--gold", str(gold), "--articles", str(SEEDS))
    one_line_error(result, "gold.jsonl line 2: not valid JSON")


def test_eval_refuses_gold_for_an_article_not_in_the_folder(tmp_path: Path) -> None:
    dev_gold = ROOT / "tests" / "data" / "dev.gold.jsonl"
    result = run("eval", "--gold", str(dev_gold), "--articles", str(SEEDS))
    one_line_error(result, "dev.gold.jsonl line 1: article 001_samsung_harman_talks.txt is not in")


def test_eval_needs_a_folder_of_articles(tmp_path: Path) -> None:
    result = run("eval", "--gold", str(SEEDS_GOLD), "--articles", str(tmp_path / "none"))
    one_line_error(result, "--articles: ")


# With a stand-in extractor, in process: the output contract, whatever the real rules find.


def test_extract_jsonl_contract(stand_in: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", str(SEEDS), "--format", "jsonl"]) == 0
    out, err = capsys.readouterr()
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["article"] for line in lines] == sorted(p.name for p in SEEDS.glob("*.txt"))
    first = lines[0]
    assert list(first) == LINE_FIELDS
    assert first["type"] == "rumor" and first["deal_kind"] == "investment"
    assert first["companies"][0] == {
        "id": "tencent",
        "name": "Tencent",
        "role": "actor",
        "verified": True,
    }
    assert first["occurred"] == {"date": "2014-04-01", "precision": "month"}
    assert first["evidence"] == [{"text": first["evidence"][0]["text"], "start": 0, "end": 20}]
    assert first["extractor_version"] == "stand-in-1"
    assert err == ""


def test_extract_table_and_rejected_files(
    stand_in: None, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    (tmp_path / "good.txt").write_text(
        "Acme buys Widget\n\nAcme Corp said it agreed to buy Widget."
    )
    (tmp_path / "empty.txt").write_text("")
    assert main(["extract", str(tmp_path), str(SEEDS / "000_9f6dd7f407708b22.txt")]) == 1
    out, err = capsys.readouterr()
    assert "2 deal events" in out and "good.txt" in out and "Tencent (actor)" in out
    assert err.startswith("timeline: rejected ") and "empty.txt" in err
    assert err.count("\n") == 1


def test_eval_report_and_json(stand_in: None, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["eval", "--gold", str(SEEDS_GOLD), "--articles", str(SEEDS)]
    assert main(args) == 0
    out, _ = capsys.readouterr()
    for words in ("2 articles, 9 gold events, 2 predicted", "lenient", "strict", "overall"):
        assert words in out
    assert "missed (strict): 8" in out and "spurious (strict): 1" in out
    assert main([*args, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["extractor_version"] == "stand-in-1"
    strict = report["strict"]
    # Only seed 000 has a Tencent-Xiaomi investment rumor.
    assert (strict["overall"]["tp"], strict["overall"]["fp"]) == (1, 1)
    assert strict["overall"]["fn"] == 8
    assert list(strict["per_type"]) == ["rumor", "denial", "partnership", "endorsement"]
    assert {ref["article"] for ref in strict["spurious"]} == {"001_560a2c275b0475a1.txt"}


# The real extractor, end to end.


def test_extract_seeds_gives_contract_lines() -> None:
    result = run("extract", "seeds/", "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert lines, "the seeds hold deal events"
    for line in lines:
        assert list(line) == LINE_FIELDS
        assert line["type"] in {"rumor", "denial", "partnership", "endorsement"}
        assert line["article"] in {p.name for p in SEEDS.glob("*.txt")}
        assert all(list(c) == ["id", "name", "role", "verified"] for c in line["companies"])
        assert all(list(p) == ["name", "role", "company"] for p in line["people"])
        assert all(list(e) == ["text", "start", "end"] for e in line["evidence"])
        assert list(line["occurred"]) == ["date", "precision"]
        original = (SEEDS / line["article"]).read_text(encoding="utf-8")
        for evidence in line["evidence"]:
            assert original[evidence["start"] : evidence["end"]] == evidence["text"]


def test_eval_on_the_seeds_reports_numbers() -> None:
    text = run("eval", "--gold", str(SEEDS_GOLD), "--articles", "seeds/")
    assert text.returncode == 0, text.stderr
    assert "overall" in text.stdout and "precision" in text.stdout
    result = run("eval", "--gold", str(SEEDS_GOLD), "--articles", "seeds/", "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["gold_events"] == 9 and report["articles"] == 2
    # Seed 001's investment and acquisition rumors are one key when the kind is ignored.
    for mode, gold_keys in (("lenient", 8), ("strict", 9)):
        overall = report[mode]["overall"]
        assert overall["tp"] + overall["fn"] == gold_keys
        assert all(0.0 <= overall[k] <= 1.0 for k in ("precision", "recall", "f1"))
