"""`timeline sources ...` as a user runs it: one command adds a folder, one runs it."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import sqlalchemy as sa
from jobserver import ARTICLES

from timeline.cli import main


class Cli:
    """The command's `main` in this process (a subprocess per call would cost seconds)."""

    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self.capsys = capsys

    def __call__(self, *args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = self.capsys.readouterr()
        return code, out, err


def test_add_run_list_history_pause_and_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in [k for k in os.environ if k.startswith("TIMELINE_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("TIMELINE_DATABASE_URL", f"sqlite:///{tmp_path / 'timeline.db'}")
    monkeypatch.chdir(tmp_path)
    cli = Cli(capsys)
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "a.txt").write_text(f"{ARTICLES[0][0]}\n\n{ARTICLES[0][1]}\n", "utf-8")
    assert cli("db", "upgrade")[0] == 0
    code, out, err = cli("sources", "add", "--folder", "drop", "--every", "5m")
    assert code == 0, err
    assert out.startswith("drop: folder ") and "every 300s" in out
    code, out, _ = cli("sources", "run", "drop")
    assert code == 0 and "drop: ok, new 1, duplicate 0" in out
    assert cli("sources", "pause", "drop")[1] == "drop: paused\n"
    [view] = json.loads(cli("sources", "list", "--format", "json")[1])
    assert (view["id"], view["paused"], view["runs"], view["articles"]) == ("drop", True, 1, 1)
    [history] = json.loads(cli("sources", "history", "drop", "--format", "json")[1])
    assert (history["ok"], history["new"], history["trigger"]) == (True, 1, "manual")
    assert cli("sources", "resume", "nope") == (2, "", "timeline: error: no source 'nope'\n")
    code, _, err = cli("sources", "add", "--feed", "ftp://x")
    assert code == 2 and "is not an http(s) URL" in err


def _rows(url: str) -> dict[str, list[tuple[object, ...]]]:
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return {
                name: sorted(tuple(row) for row in conn.execute(sa.text(f"SELECT * FROM {name}")))
                for name in ("sources", "source_runs")
            }
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest) -> str:
    name = "sqlite_url" if request.param == "sqlite" else "postgres_schema_url"
    return str(request.getfixturevalue(name))


def test_replay_rebuilds_the_sources_read_model_identically(
    database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for name in [k for k in os.environ if k.startswith("TIMELINE_")]:
        monkeypatch.delenv(name)
    url = database_url
    monkeypatch.setenv("TIMELINE_DATABASE_URL", url)
    cli = Cli(capsys)
    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "a.txt").write_text(f"{ARTICLES[0][0]}\n\n{ARTICLES[0][1]}\n", "utf-8")
    assert cli("db", "upgrade")[0] == 0
    assert cli("sources", "add", "--folder", str(drop), "--id", "drop")[0] == 0
    assert cli("sources", "add", "--page", "http://127.0.0.1:9/gone", "--id", "gone")[0] == 0
    assert cli("sources", "run", "drop")[0] == 0
    assert cli("sources", "run", "gone")[0] == 1  # nothing listens on port 9: a failed run
    assert cli("sources", "pause", "drop")[0] == 0
    assert cli("sources", "add", "--page", "http://127.0.0.1:9/x", "--id", "removed")[0] == 0
    assert cli("sources", "remove", "removed")[0] == 0
    before = _rows(url)
    assert len(before["sources"]) == 3 and len(before["source_runs"]) == 2
    code, out, err = cli("replay")
    assert code == 0, err
    assert "sources" in out
    assert _rows(url) == before
    code, out, err = cli("replay", "--projection", "sources")
    assert code == 0, err
    assert out.startswith("replayed sources:")
    assert _rows(url) == before
