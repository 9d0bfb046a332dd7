"""The load-and-fault script, shortened for CI: fewer articles and API processes, every fault."""

from __future__ import annotations

import os

import pytest
import sqlalchemy as sa

from bench.faults import main

pytestmark = pytest.mark.postgres


def test_nothing_is_lost_under_load_and_faults(postgres_url: str) -> None:
    # The URL only creates, cuts off and drops a database of the run's own, never `test`.
    server = sa.make_url(postgres_url).set(database="postgres")
    lines: list[str] = []
    status = main(
        [
            "--articles",
            os.environ.get("TIMELINE_FAULTS_ARTICLES", "300"),
            "--apis",
            "2",
            "--workers",
            "2",
            "--writers",
            "3",
            "--readers",
            "1",
            "--postgres",
            server.render_as_string(hide_password=False),
            "--database",
            "timeline_faults_ci",
        ],
        out=lines.append,
    )
    report = "\n".join(lines)
    print(report)
    assert status == 0, report
    assert "[FAIL]" not in report
    for fault in ("SIGKILL api1", "SIGKILL worker0", "pg_terminate_backend"):
        assert fault in report
