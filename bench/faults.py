"""Load and faults: API processes and workers on PostgreSQL, killed and cut off mid-run.

    python bench/faults.py [--articles 10000] [--apis 4] [--workers 2] [--writers 4]
                           [--readers 2] [--seed 0] [--postgres URL] [--keep]

It creates a database of its own (`--database`, default timeline_faults) on the server that
`--postgres` names (that URL is used only to create, cut off and drop it), migrates it, starts
`--apis` `timeline serve` processes and `--workers` `timeline worker` processes, each logging
to its own file, and has writer threads POST synthetic articles (one unique URL each) round-robin
over the APIs while reader threads query timelines. A write that fails (connection dropped or
refused, or a 5xx) is sent again to the next API: it may have been stored, and then it must come
back as a duplicate. At fixed fractions of the articles done, one API process and one worker
are SIGKILLed and restarted, and every connection to the database is cut once
(pg_terminate_backend).

Afterwards, once every projection's checkpoint is at the log's head: every accepted article
has exactly one ArticleIngested event, the positions are 1..head with no gap, the read models
equal a clean replay of the log, and no request got a 5xx outside its own process's down
window (kill to ready again). It prints the counts and exits 1 when a check fails.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlalchemy as sa

from bench.synthetic import SyntheticArticle, generate
from timeline.jobs import projector_with_sources
from timeline.projections import Replayer
from timeline.store import create_engine, open_sql_store

__all__ = ["main"]

_ATTEMPTS = 30  # sends of one article before it counts as lost
_TIMEOUT = 120.0  # seconds one request may take
_READY_TIMEOUT = 120.0  # seconds a started process has to answer
_FAULTS = (("api", 0.25), ("worker", 0.5), ("postgres", 0.75))


@dataclass(frozen=True)
class Response:
    at: float  # time.monotonic() when it ended
    api: int
    kind: str  # "write" or "read"
    status: int  # 0: no HTTP answer (refused, reset, timed out)


@dataclass
class Process:
    name: str
    argv: list[str]
    log: Path
    port: int | None = None
    popen: subprocess.Popen[bytes] | None = None
    windows: list[tuple[float, float]] = field(default_factory=list)  # (killed, ready again)
    _out: TextIO | None = None

    def start(self, env: dict[str, str]) -> None:
        self._out = self.log.open("a")
        self.popen = subprocess.Popen(
            self.argv, env=env, stdout=self._out, stderr=subprocess.STDOUT, start_new_session=True
        )

    def kill(self) -> None:
        assert self.popen is not None
        self.popen.send_signal(signal.SIGKILL)
        self.popen.wait()

    def stop(self) -> None:
        if self.popen is not None and self.popen.poll() is None:
            self.popen.terminate()
            try:
                self.popen.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()
        if self._out is not None:
            self._out.close()


class Client:
    """One thread's keep-alive connections to the APIs."""

    def __init__(self, ports: Sequence[int], token: str) -> None:
        self._ports = ports
        self._token = token
        self._conns: dict[int, http.client.HTTPConnection] = {}

    def request(
        self, api: int, method: str, path: str, body: bytes | None = None
    ) -> tuple[int, bytes]:
        """(status, body); status 0 when no answer came."""
        conn = self._conns.get(api)
        if conn is None:
            conn = http.client.HTTPConnection("127.0.0.1", self._ports[api], timeout=_TIMEOUT)
            self._conns[api] = conn
        headers = {"Authorization": f"Bearer {self._token}"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        try:
            conn.request(method, path, body=body, headers=headers)
            answer = conn.getresponse()
            return answer.status, answer.read()
        except (OSError, http.client.HTTPException):
            conn.close()
            del self._conns[api]
            return 0, b""

    def close(self) -> None:
        for conn in self._conns.values():
            conn.close()


@dataclass
class Run:
    """What the threads share: the work, the answers and the progress."""

    articles: list[SyntheticArticle]
    ports: list[int]
    token: str
    responses: list[Response] = field(default_factory=list)
    outcomes: dict[int, tuple[int, str]] = field(default_factory=dict)  # index -> status, id
    lost: list[int] = field(default_factory=list)  # articles no API took
    rejected: dict[int, int] = field(default_factory=dict)  # index -> 4xx status
    slugs: list[str] = field(default_factory=lambda: ["xiaomi"])
    faults: list[str] = field(default_factory=list)  # injected, in order
    done: int = 0
    writing: threading.Event = field(default_factory=threading.Event)
    _next: itertools.count[int] = field(default_factory=itertools.count)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def take(self) -> int | None:
        index = next(self._next)
        return index if index < len(self.articles) else None

    def finished(self) -> None:
        with self._lock:
            self.done += 1

    def record(self, api: int, kind: str, status: int) -> None:
        self.responses.append(Response(time.monotonic(), api, kind, status))


def _writer(run: Run, first: int) -> None:
    client = Client(run.ports, run.token)
    api = first
    try:
        while (index := run.take()) is not None:
            article = run.articles[index]
            body = json.dumps(
                {
                    "title": article.title,
                    "text": article.text,
                    "url": article.url,
                    "publisher": article.publisher,
                    "published": article.published,
                    "published_precision": article.published_precision,
                }
            ).encode()
            for attempt in range(_ATTEMPTS):
                status, answer = client.request(api, "POST", "/articles", body)
                run.record(api, "write", status)
                api = (api + 1) % len(run.ports)  # round-robin, and a retry goes elsewhere
                if status in (200, 201):
                    out = json.loads(answer)["article"]
                    run.outcomes[index] = (status, out["article_id"])
                    run.slugs.extend(
                        c["slug"] for event in out["events"] for c in event["companies"]
                    )
                    break
                if 400 <= status < 500:
                    run.rejected[index] = status
                    break
                time.sleep(min(0.05 * 2**attempt, 2.0))
            else:
                run.lost.append(index)
            run.finished()
    finally:
        client.close()


def _reader(run: Run, first: int, seed: int) -> None:
    client = Client(run.ports, run.token)
    rng = random.Random(seed)
    api = first
    try:
        while run.writing.is_set():
            slug = rng.choice(run.slugs)
            status, _ = client.request(api, "GET", f"/companies/{slug}/timeline?limit=50")
            run.record(api, "read", status)
            api = (api + 1) % len(run.ports)
            if status == 0:
                time.sleep(0.05)
    finally:
        client.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _wait_ready(process: Process) -> float:
    """Poll the API's /ready until it answers 200; the time it did."""
    port = process.port
    assert port is not None
    deadline = time.monotonic() + _READY_TIMEOUT
    while time.monotonic() < deadline:
        assert process.popen is not None
        if process.popen.poll() is not None:
            raise SystemExit(
                f"{process.name} exited with {process.popen.returncode}: see {process.log}"
            )
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        try:
            conn.request("GET", "/ready")
            if conn.getresponse().status == 200:
                return time.monotonic()
        except (OSError, http.client.HTTPException):
            pass
        finally:
            conn.close()
        time.sleep(0.1)
    raise SystemExit(
        f"{process.name} was not ready after {_READY_TIMEOUT:.0f} s: see {process.log}"
    )


def _cut(admin: sa.Engine, database: str) -> int:
    with admin.connect() as conn:
        rows = conn.execute(
            sa.text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = :db AND pid <> pg_backend_pid()"
            ),
            {"db": database},
        ).all()
    return len(rows)


def _faults(
    run: Run,
    apis: list[Process],
    workers: list[Process],
    env: dict[str, str],
    admin: sa.Engine,
    database: str,
    log: Callable[[str], None],
) -> list[threading.Thread]:
    """Inject each fault once its fraction of the articles is done; the threads still
    waiting for a restarted API to be ready."""
    total = len(run.articles)
    waiting = []
    for fault, fraction in _FAULTS:
        while run.done < fraction * total:
            time.sleep(0.02)
        at = f"{run.done}/{total}"
        if fault == "api":
            victim = apis[1 % len(apis)]
            killed = time.monotonic()
            victim.kill()
            victim.start(env)
            waiter = threading.Thread(target=_back_up, args=(run, victim, killed, at, log))
            waiter.start()
            waiting.append(waiter)
        elif fault == "worker":
            victim = workers[0]
            victim.kill()
            victim.start(env)
            log(f"  SIGKILL {victim.name} at {at}, restarted")
        else:
            cut = _cut(admin, database)
            log(f"  pg_terminate_backend at {at}: {cut} connections cut")
        run.faults.append(fault)
    return waiting


def _back_up(run: Run, api: Process, killed: float, at: str, log: Callable[[str], None]) -> None:
    """Record the API's down window once it is ready again."""
    try:
        ready = _wait_ready(api)
    except SystemExit as error:
        run.faults.append(f"{api.name} did not come back: {error}")
        ready = float("inf")
    api.windows.append((killed, ready))
    log(f"  SIGKILL {api.name} at {at}: down {ready - killed:.1f} s, then ready again")


def _dump(engine: sa.Engine, tables: Sequence[sa.Table]) -> dict[str, list[tuple[str, ...]]]:
    with engine.connect() as conn:
        return {
            t.name: sorted(tuple(map(str, row)) for row in conn.execute(sa.select(t)))
            for t in tables
        }


def _wait_caught_up(
    engine: sa.Engine, names: Sequence[str], timeout: float
) -> tuple[int, dict[str, int]]:
    deadline = time.monotonic() + timeout
    while True:
        with engine.connect() as conn:
            head = conn.execute(
                sa.text("SELECT coalesce(max(position), 0) FROM events")
            ).scalar_one()
            marks: dict[str, int] = dict(
                conn.execute(sa.text("SELECT name, position FROM projection_checkpoints")).all()
            )
        positions = {name: int(marks.get(name, 0)) for name in names}
        if all(p == head for p in positions.values()) or time.monotonic() > deadline:
            return int(head), positions
        time.sleep(0.2)


class Checks:
    def __init__(self, out: Callable[[str], None]) -> None:
        self.failed: list[str] = []
        self._out = out

    def __call__(self, ok: bool, what: str) -> None:
        self._out(f"  [{'ok' if ok else 'FAIL'}] {what}")
        if not ok:
            self.failed.append(what)


def _check_log(engine: sa.Engine, run: Run, check: Checks, out: Callable[[str], None]) -> None:
    with engine.connect() as conn:
        count, head = conn.execute(
            sa.text("SELECT count(*), coalesce(max(position), 0) FROM events")
        ).one()
        ingested = conn.execute(
            sa.text(
                "SELECT CAST(data AS jsonb)->>'article_id', CAST(data AS jsonb)->>'url', count(*)"
                " FROM events WHERE type = 'ArticleIngested' GROUP BY 1, 2"
            )
        ).all()
        revised = conn.execute(
            sa.text("SELECT count(*) FROM events WHERE type = 'ArticleRevised'")
        ).scalar_one()
    sent_urls = {a.url for a in run.articles}
    stored = {aid: n for aid, url, n in ingested if url in sent_urls}
    accepted = {aid for _status, aid in run.outcomes.values()}
    out(f"log: {count} events, head {head}; {len(stored)} of the sent articles stored")
    check(count == head, f"positions 1..{head} with no gap ({count} rows)")
    twice = sorted(aid for aid, n in stored.items() if n != 1)
    check(not twice, f"no article ingested twice ({len(twice)} were: {twice[:5]})")
    missing = sorted(accepted - stored.keys())
    check(
        not missing, f"every accepted article is in the log ({len(missing)} missing: {missing[:5]})"
    )
    check(
        len(accepted) == len(run.outcomes),
        f"each accepted article has its own id ({len(accepted)} ids, {len(run.outcomes)} accepted)",
    )
    unanswered = len(stored.keys() - accepted)
    check(
        unanswered <= len(run.lost),
        f"stored but never acknowledged: {unanswered}"
        f" (articles lost on every try: {len(run.lost)})",
    )
    check(revised == 0, f"no ArticleRevised ({revised}): a re-sent article is a duplicate")


def _check_replay(engine: sa.Engine, store: Any, check: Checks, out: Callable[[str], None]) -> None:
    projections = projector_with_sources(engine, store).projections
    tables = [t for p in projections for t in p.tables]
    before = _dump(engine, tables)
    started = time.monotonic()
    Replayer(engine, store, projections).run()
    after = _dump(engine, tables)
    rows = sum(len(r) for r in before.values())
    out(f"replay of {', '.join(p.name for p in projections)}: {time.monotonic() - started:.1f} s")
    differ = []
    for name in before:
        if before[name] != after[name]:
            only_run = len(set(before[name]) - set(after[name]))
            only_replay = len(set(after[name]) - set(before[name]))
            differ.append(
                f"{name} ({only_run} rows only after the run, {only_replay} only after replay)"
            )
    check(not differ, f"read models equal a clean replay ({rows} rows; differ: {differ})")


def _check_5xx(
    run: Run, processes: list[Process], check: Checks, out: Callable[[str], None]
) -> None:
    def inside(r: Response) -> bool:
        return any(a <= r.at <= b for a, b in processes[r.api].windows)

    errors = [r for r in run.responses if r.status >= 500]
    outside = [r for r in errors if not inside(r)]
    by = Counter((r.kind, r.status) for r in outside)
    out(
        f"5xx: {len(errors) - len(outside)} inside their process's down window,"
        f" {len(outside)} outside"
    )
    check(not outside, f"no 5xx outside a down window ({dict(by)})")


def _report(run: Run, elapsed: float, out: Callable[[str], None]) -> None:
    writes = [r for r in run.responses if r.kind == "write"]
    reads = [r for r in run.responses if r.kind == "read"]
    statuses = Counter(s for s, _ in run.outcomes.values())
    failed = sum(1 for r in writes if r.status not in (200, 201) and not 400 <= r.status < 500)
    out(
        f"articles: {len(run.articles)} sent, {statuses[201]} accepted (201),"
        f" {statuses[200]} duplicates (200), {len(run.rejected)} refused (4xx),"
        f" {len(run.lost)} lost; {len(writes)} POSTs, {failed} failed attempts"
        f" ({sum(1 for r in writes if r.status == 0)} without an answer)"
    )
    read_status = Counter(r.status for r in reads)
    server_errors = sum(n for s, n in read_status.items() if s >= 500)
    out(
        f"reads: {len(reads)} timeline queries, {read_status[200]} 200, {read_status[404]} 404,"
        f" {read_status[0]} without an answer, {server_errors} 5xx"
    )
    out(f"time: {elapsed:.1f} s, {statuses[201] / elapsed:.1f} articles/s accepted")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python bench/faults.py", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--articles", type=int, default=10_000, help="articles to send (10000)")
    parser.add_argument("--apis", type=int, default=4, help="timeline serve processes (4)")
    parser.add_argument("--workers", type=int, default=2, help="timeline worker processes (2)")
    parser.add_argument("--writers", type=int, default=4, help="writer threads (4)")
    parser.add_argument("--readers", type=int, default=2, help="reader threads (2)")
    parser.add_argument("--seed", type=int, default=0, help="synthetic articles' seed (0)")
    parser.add_argument("--size", type=int, default=2000, help="bytes an article, about (2000)")
    parser.add_argument(
        "--postgres",
        default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres",
        help="a server connection used only to create, cut off and drop --database",
    )
    parser.add_argument("--database", default="timeline_faults", help="created and dropped")
    parser.add_argument("--keep", action="store_true", help="keep the database and the logs")
    return parser


def main(argv: Sequence[str] | None = None, out: Callable[[str], None] = print) -> int:
    args = _parser().parse_args(argv)
    if args.articles < 1 or args.apis < 2 or args.workers < 1 or args.writers < 1:
        _parser().error("--articles, --workers and --writers must be positive, --apis at least 2")
    if not args.database.isidentifier():
        _parser().error("--database must be a plain identifier")
    admin = create_engine(args.postgres, "--postgres", isolation_level="AUTOCOMMIT")
    url = sa.make_url(args.postgres).set(database=args.database)
    db_url = url.render_as_string(hide_password=False)
    logs = Path(tempfile.mkdtemp(prefix="timeline-faults-"))
    with admin.connect() as conn:
        conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {args.database} WITH (FORCE)")
        conn.exec_driver_sql(f"CREATE DATABASE {args.database}")
    token = secrets.token_urlsafe(16)
    env = {k: v for k, v in os.environ.items() if not k.startswith("TIMELINE_")}
    env |= {
        "TIMELINE_DATABASE_URL": db_url,
        "TIMELINE_API_TOKEN": token,
        "TIMELINE_API_WRITE_RATE": "0",
        "PYTHONUNBUFFERED": "1",
    }
    command = str(Path(sys.executable).with_name("timeline"))
    if not Path(command).exists():
        command = shutil.which("timeline") or "timeline"
    ports = [_free_port() for _ in range(args.apis)]
    apis = [
        Process(f"api{i}", [command, "serve", "--port", str(p)], logs / f"api{i}.log", port=p)
        for i, p in enumerate(ports)
    ]
    workers = [
        Process(f"worker{i}", [command, "worker"], logs / f"worker{i}.log")
        for i in range(args.workers)
    ]
    failed: list[str] = ["did not finish"]
    try:
        out(f"database {args.database}, logs in {logs}")
        setup = subprocess.run(
            [command, "init"], env=env, capture_output=True, text=True, check=False
        )
        if setup.returncode:
            raise SystemExit(f"timeline init failed: {setup.stderr.strip()}")
        articles = generate(args.articles, args.seed, size=args.size)
        if len({a.url for a in articles}) != len(articles):
            raise SystemExit("the synthetic articles' URLs are not unique")
        for process in [*apis, *workers]:
            process.start(env)
        for process in apis:
            _wait_ready(process)
        out(
            f"{args.apis} APIs on ports {', '.join(map(str, ports))}, {args.workers} workers;"
            f" {args.writers} writers and {args.readers} readers; {len(articles)} articles"
        )
        run = Run(articles, ports, token)
        run.writing.set()
        started = time.monotonic()
        threads = [
            threading.Thread(target=_writer, args=(run, i % args.apis), name=f"writer{i}")
            for i in range(args.writers)
        ]
        readers = [
            threading.Thread(
                target=_reader, args=(run, i % args.apis, args.seed + i), name=f"reader{i}"
            )
            for i in range(args.readers)
        ]
        for thread in [*threads, *readers]:
            thread.start()
        waiting = _faults(run, apis, workers, env, admin, args.database, out)
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
        run.writing.clear()
        for thread in [*readers, *waiting]:
            thread.join()
        _report(run, elapsed, out)
        failed = _verify(db_url, run, apis, [*apis, *workers], out)
        for process in [*apis, *workers]:
            crashes = process.log.read_text(errors="replace").count("Traceback")
            if crashes:
                out(f"  note: {process.log.name} holds {crashes} tracebacks")
    finally:
        for process in [*apis, *workers]:
            process.stop()
        if not args.keep:
            with admin.connect() as conn:
                conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {args.database} WITH (FORCE)")
            if not failed:
                shutil.rmtree(logs, ignore_errors=True)
        admin.dispose()
    if failed:
        out(f"FAILED: {'; '.join(failed)} (logs in {logs})")
        return 1
    out("passed")
    return 0


def _verify(
    db_url: str,
    run: Run,
    apis: list[Process],
    processes: list[Process],
    out: Callable[[str], None],
) -> list[str]:
    """The checks, once the processes brought the read models to the head and stopped."""
    check = Checks(out)
    wanted = [fault for fault, _ in _FAULTS]
    check(run.faults == wanted, f"faults injected: {', '.join(run.faults)}")
    engine = create_engine(db_url)
    store = open_sql_store(engine)
    try:
        names = [p.name for p in projector_with_sources(engine, store).projections]
        head, positions = _wait_caught_up(engine, names, timeout=300)
        check(
            all(p == head for p in positions.values()),
            f"every projection reached the head {head} ({positions})",
        )
        for process in processes:
            process.stop()
        _check_5xx(run, apis, check, out)
        _check_log(engine, run, check, out)
        _check_replay(engine, store, check, out)
    finally:
        store.close()
        engine.dispose()
    return check.failed


if __name__ == "__main__":
    sys.exit(main())
