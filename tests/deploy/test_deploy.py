"""docs/deploy.md's example, run: two APIs and a worker on PostgreSQL, and a read-only replica."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

pytestmark = pytest.mark.postgres

TOKEN = "change-me"
COMMAND = [sys.executable, "-c", "from timeline.cli import main; raise SystemExit(main())"]
ARTICLE = {"title": "T", "text": "Tencent may invest in Xiaomi, according to Reuters."}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Processes:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.running: list[subprocess.Popen[bytes]] = []

    def start(self, name: str, args: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
        log = open(self.folder / f"{name}.log", "wb")  # noqa: SIM115 - the process holds it
        process = subprocess.Popen([*COMMAND, *args], env=env, stdout=log, stderr=log)
        self.running.append(process)
        return process

    def log(self, name: str) -> str:
        return (self.folder / f"{name}.log").read_text(errors="replace")

    def stop(self) -> None:
        for process in self.running:
            process.terminate()
        for process in self.running:
            process.wait(timeout=20)


@pytest.fixture
def processes(tmp_path: Path) -> Iterator[Processes]:
    started = Processes(tmp_path)
    yield started
    started.stop()


def environment(url: str, **more: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TIMELINE_")}
    return {**env, "TIMELINE_DATABASE_URL": url, "TIMELINE_API_TOKEN": TOKEN, **more}


def ready(base: str, processes: Processes, name: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/ready", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    pytest.fail(f"{name} was not ready:\n{processes.log(name)}")


def timeline(base: str) -> list[tuple[str, str]]:
    answer = httpx.get(f"{base}/companies/xiaomi/timeline", timeout=10)
    assert answer.status_code == 200, answer.text
    return [(e["type"], e["counterparties"][0]["slug"]) for e in answer.json()["events"]]


def test_two_apis_a_worker_and_a_replica(postgres_schema_url: str, processes: Processes) -> None:
    env = environment(postgres_schema_url)
    upgrade = subprocess.run([*COMMAND, "db", "upgrade"], env=env, capture_output=True)
    assert upgrade.returncode == 0, upgrade.stderr
    first, second, replica = (f"http://127.0.0.1:{free_port()}" for _ in range(3))
    processes.start("api1", ["serve", "--port", first.rsplit(":", 1)[1]], env)
    ready(first, processes, "api1")  # it loads the seeds into the empty log
    processes.start("api2", ["serve", "--port", second.rsplit(":", 1)[1], "--no-scheduler"], env)
    processes.start("worker", ["worker"], env)
    ready(second, processes, "api2")
    seeded = timeline(second)
    assert len(seeded) == 6

    posted = httpx.post(
        f"{first}/articles",
        json=ARTICLE,
        headers={"Authorization": f"Bearer {TOKEN}"},
        timeout=30,
    )
    assert posted.status_code == 201, posted.text
    deadline = time.monotonic() + 10
    while len(timeline(second)) == len(seeded) and time.monotonic() < deadline:
        time.sleep(0.1)  # the other API's follower wakes on the append's NOTIFY
    assert len(timeline(second)) == len(seeded) + 1

    # A replica: every connection read-only, as on a hot standby.
    options = sa.make_url(postgres_schema_url).query["options"]
    read_only = (
        sa.make_url(postgres_schema_url)
        .update_query_dict({"options": f"{options} -cdefault_transaction_read_only=on"})
        .render_as_string(hide_password=False)
    )
    port = replica.rsplit(":", 1)[1]
    processes.start(
        "replica",
        ["serve", "--port", port, "--no-scheduler"],
        environment(read_only, TIMELINE_READ_ONLY="true"),
    )
    ready(replica, processes, "replica")
    assert timeline(replica) == timeline(first)
    refused = httpx.post(
        f"{replica}/articles", json=ARTICLE, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert refused.status_code == 403
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert "read-only replica" in refused.json()["detail"]
    assert "Traceback" not in processes.log("replica")
