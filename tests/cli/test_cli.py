"""The command line as a user runs it: real processes, real databases."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from timeline.store._migrate import head_revision

ROOT = Path(__file__).resolve().parents[2]


def run(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("TIMELINE_")}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "timeline.cli", *args],
        cwd=cwd,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_init_creates_the_default_database_and_loads_the_seeds(tmp_path: Path) -> None:
    first = run("init", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert (tmp_path / "timeline.db").exists()
    assert "2 articles: 2 new" in first.stdout
    assert "Weibo: Xiaomi Kills Tie-Up Talk, ZTE Charms First Lady" in first.stdout
    again = run("init", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "2 articles: 0 new, 2 duplicate" in again.stdout
    assert "0 events appended; the log holds 11 events" in again.stdout
    events = run("events", "--format", "jsonl", "--limit", "100", cwd=tmp_path)
    lines = [json.loads(line) for line in events.stdout.splitlines()]
    assert [line["position"] for line in lines] == list(range(1, 12))
    articles = [line for line in lines if line["type"] == "ArticleIngested"]
    assert len(articles) == 2
    assert articles[0]["data"]["published"] == ["2014-04-01", "month"]
    assert {line["type"] for line in lines} >= {"RumorReported", "DenialIssued"}


def test_init_reports_rejected_files_and_keeps_going(tmp_path: Path) -> None:
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "good.txt").write_text(
        "Acme buys Widget\n\nAcme Corp said it agreed to buy Widget Inc."
    )
    (folder / "empty.txt").write_text("")
    result = run("init", "--seeds", str(folder), cwd=tmp_path)
    assert result.returncode == 1
    assert "1 new" in result.stdout
    assert "rejected" in result.stdout and "empty.txt" in result.stdout


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("not a url", "TIMELINE_DATABASE_URL: 'not a url' is not a database URL"),
        ("mysql://u@h/db", "TIMELINE_DATABASE_URL: 'mysql' is not supported"),
        ("postgresql://nobody@127.0.0.1:1/x", "TIMELINE_DATABASE_URL: cannot connect to"),
        ("sqlite:////nonexistent/folder/x.db", "TIMELINE_DATABASE_URL: cannot connect to"),
    ],
)
def test_bad_database_setting_is_one_line(tmp_path: Path, url: str, expected: str) -> None:
    result = run("init", cwd=tmp_path, env={"TIMELINE_DATABASE_URL": url})
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


def test_db_upgrade_then_current(tmp_path: Path) -> None:
    env = {"TIMELINE_DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}"}
    before = run("events", cwd=tmp_path, env=env)
    assert before.returncode == 2
    assert "run `timeline db upgrade`" in before.stderr
    assert run("db", "upgrade", cwd=tmp_path, env=env).returncode == 0
    current = run("db", "current", cwd=tmp_path, env=env)
    assert f"schema {head_revision()} (up to date)" in current.stdout


def test_plain_alembic_upgrade_works_from_the_checkout(tmp_path: Path) -> None:
    alembic = Path(sys.executable).with_name("alembic")
    env = {k: v for k, v in os.environ.items() if not k.startswith("TIMELINE_")}
    env["TIMELINE_DATABASE_URL"] = f"sqlite:///{tmp_path / 'plain.db'}"
    result = subprocess.run(
        [str(alembic), "upgrade", "head"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    current = run(
        "db", "current", cwd=tmp_path, env={"TIMELINE_DATABASE_URL": env["TIMELINE_DATABASE_URL"]}
    )
    assert "(up to date)" in current.stdout


@pytest.mark.postgres
def test_timeline_db_upgrade_on_a_new_postgres_schema(
    postgres_schema_url: str, tmp_path: Path
) -> None:
    env = {"TIMELINE_DATABASE_URL": postgres_schema_url}
    upgraded = run("db", "upgrade", cwd=tmp_path, env=env)
    assert upgraded.returncode == 0, upgraded.stderr
    assert "(up to date)" in run("db", "current", cwd=tmp_path, env=env).stdout
    init = run("init", cwd=tmp_path, env=env)
    assert "2 articles: 2 new" in init.stdout


@pytest.mark.postgres
def test_plain_alembic_on_a_new_postgres_schema(postgres_schema_url: str, tmp_path: Path) -> None:
    env = {"TIMELINE_DATABASE_URL": postgres_schema_url}
    alembic = Path(sys.executable).with_name("alembic")
    plain = subprocess.run(
        [str(alembic), "upgrade", "head"],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    assert plain.returncode == 0, plain.stderr
    assert "(up to date)" in run("db", "current", cwd=tmp_path, env=env).stdout
