"""API throughput and latency: the REST API over a log of 1,000,000 events, beside bare Litestar.

    python bench/api.py [--events 1000000] [--duration 10] [--connections 10] [--loadgen auto]

The log is bench/replay.py's synthetic one (article streams with 3 to 12 deal events among 600
gazetteer companies, revisions, retractions), built once into bench/.cache/api-<N>.db with its
read models current, and reused on later runs (--rebuild builds it again). The server is
started as a user would start it, `timeline serve --host 127.0.0.1 --port P` with
TIMELINE_DATABASE_URL naming that file, and driven from a separate process over keep-alive
connections on 127.0.0.1 by wrk when it is installed (`apt-get install wrk`), else by an
asyncio client in another Python process that records every latency. Each endpoint is
measured for the same fixed time with the same connection count, after a warm-up:

    bare         GET / of a separate Litestar app returning a constant JSON body, started
                 under uvicorn the same way (one process, log level info): the floor
    timeline     GET /companies/{slug}/timeline, rotating through the 20 busiest companies
    search       GET /companies?q=PREFIX, rotating through 20 name prefixes
    events       GET /events?after=POSITION&limit=100, rotating through 20 log positions

The server runs with its response cache (TIMELINE_API_CACHE_MB, 64 by default): the log
stands still under the load, so after the warm-up every answer comes from it. The timeline
is then measured again on a server started with TIMELINE_API_CACHE_MB=0, where every
request runs its queries: the figure for reads that miss the cache.

It prints requests/s, p50 and p99 latency, the ratio of requests/s to the bare endpoint and
the count of non-2xx answers, which must be 0 (the run fails otherwise).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

CACHE = Path(__file__).resolve().parent / ".cache"
ROTATION = 20  # paths each endpoint rotates through

# wrk: the connections of its thread take the pre-formatted requests in turn; the totals
# come back as one JSON line (wrk's latencies are in microseconds).
_WRK_LUA = """
local requests, index = {}, 1

function init(args)
  for i, path in ipairs(args) do
    requests[i] = wrk.format("GET", path)
  end
end

function request()
  local r = requests[index]
  index = index % #requests + 1
  return r
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %.6f, "p50_ms": %.4f, "p99_ms": %.4f, "bytes": %d,'
    .. ' "non_2xx": %d, "socket_errors": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, summary.bytes, e.status,
    e.connect + e.read + e.write + e.timeout))
end
"""


# -- the log -------------------------------------------------------------------------------


def prepare(total: int, rebuild: bool) -> Path:
    """bench/.cache/api-<total>.db holding the synthetic log with every read model current."""
    from bench.replay import build_log
    from timeline.projections import Projector, Replayer
    from timeline.store import create_engine, open_sql_store
    from timeline.store._migrate import upgrade

    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"api-{total}.db"
    done = path.with_suffix(".built")  # written once the log and read models are complete
    if rebuild or not done.exists():
        done.unlink(missing_ok=True)
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            leftover.unlink(missing_ok=True)
    engine = create_engine(f"sqlite:///{path}")
    upgrade(engine)
    store = open_sql_store(engine)
    try:
        if not done.exists():
            print(f"building a log of {total:,} events into {path}", file=sys.stderr)
            started = time.perf_counter()
            build_log(store, total)
            print(
                f"  log built in {time.perf_counter() - started:.0f} s; projecting",
                file=sys.stderr,
            )
            projector = Projector(engine, store)
            Replayer(engine, store, projector.projections).run()
            projector.catch_up()
            done.write_text(f"{store.head()}\n")
        projector = Projector(engine, store)
        stale = projector.stale()
        if stale:  # the projection code changed since the copy was built
            print(f"  rebuilding read models {', '.join(stale)}", file=sys.stderr)
            chosen = [p for p in projector.projections if p.name in stale]
            Replayer(engine, store, chosen).run()
        projector.catch_up()
    finally:
        store.close()
        engine.dispose()
    return path


def workload(path: Path) -> tuple[int, dict[str, list[str]]]:
    """The log's head and, per endpoint, the paths it rotates through (read-only look)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        head = conn.execute("SELECT max(position) FROM events").fetchone()[0] or 0
        busiest = [
            slug
            for (slug,) in conn.execute(
                "SELECT slug FROM companies"
                " ORDER BY rumors + denials + partnerships + endorsements DESC, slug LIMIT ?",
                (ROTATION,),
            )
        ]
        names = [name for (name,) in conn.execute("SELECT name FROM companies ORDER BY slug")]
    finally:
        conn.close()
    rng = random.Random(5)
    prefixes: list[str] = []
    for name in rng.sample(names, min(len(names), 4 * ROTATION)):
        prefix = name.strip().lower()[: rng.choice((2, 3, 4))]
        if len(prefix) >= 2 and prefix not in prefixes:
            prefixes.append(prefix)
        if len(prefixes) == ROTATION:
            break
    positions = [head * i // ROTATION for i in range(ROTATION)]
    return head, {
        "timeline": [f"/companies/{urllib.parse.quote(s)}/timeline" for s in busiest],
        "search": [f"/companies?q={urllib.parse.quote(p)}" for p in prefixes],
        "events": [f"/events?after={p}&limit=100" for p in positions],
    }


# -- servers -------------------------------------------------------------------------------


def bare_app() -> Any:
    from litestar import Litestar, get

    body = {"status": "ok", "service": "bare", "items": [1, 2, 3]}

    @get("/", sync_to_thread=False)
    def constant() -> dict[str, Any]:
        return body

    return Litestar([constant])


def serve_bare(port: int) -> None:
    """Run in a child process: the bare app under uvicorn, as `timeline serve` runs its own."""
    import uvicorn

    uvicorn.run(bare_app(), host="127.0.0.1", port=port, log_level="info")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Server:
    """A server in its own process group, its stderr kept in a file for when it fails."""

    def __init__(self, command: list[str], env: dict[str, str], port: int, probe: str) -> None:
        self.port = port
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 (kept until the server stops)
        self.proc = subprocess.Popen(
            command,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,  # uvicorn's access log
            stderr=self.log,
            start_new_session=True,
        )
        self._wait(probe)

    def _wait(self, probe: str, timeout: float = 600.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self.fail(f"exited with {self.proc.returncode} before {probe} answered")
            try:
                with urllib.request.urlopen(self.url(probe), timeout=5) as reply:
                    if reply.status == 200:
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.2)
        self.fail(f"{probe} did not answer 200 within {timeout:.0f} s")

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def fail(self, why: str) -> None:
        self.stop()
        self.log.seek(0)
        tail = self.log.read().decode(errors="replace")[-3000:]
        sys.exit(f"server {' '.join(self.proc.args)}: {why}\n{tail}")  # type: ignore[arg-type]

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGINT)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # a 3xx is raised as an HTTPError


def check_paths(server: Server, paths: list[str]) -> None:
    """Every path answers 200 with a body, not a redirect, before it is measured (wrk counts
    only statuses of 400 and above among its errors)."""
    opener = urllib.request.build_opener(_NoRedirects())
    for path in paths:
        try:
            with opener.open(server.url(path), timeout=30) as reply:
                body = reply.read()
        except urllib.error.HTTPError as error:
            server.fail(f"GET {path} answered {error.code}: {error.read()[:300]!r}")
        if not body:
            server.fail(f"GET {path} answered an empty body")


# -- load generators -----------------------------------------------------------------------


def drive(
    loadgen: str, port: int, paths: list[str], seconds: float, connections: int
) -> dict[str, Any]:
    """Drive 127.0.0.1:port from a separate process; its totals."""
    if loadgen == "wrk":
        with tempfile.TemporaryDirectory() as tmp:
            script = Path(tmp) / "rotate.lua"
            script.write_text(_WRK_LUA)
            command = [
                "wrk",
                "--threads",
                "1",
                "--connections",
                str(connections),
                "--duration",
                f"{max(1, round(seconds))}s",
                "--timeout",
                "10s",
                "--script",
                str(script),
                f"http://127.0.0.1:{port}",
                "--",
                *paths,
            ]
            out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    else:
        command = [
            sys.executable,
            __file__,
            "--drive",
            json.dumps({"port": port, "paths": paths, "seconds": seconds, "conns": connections}),
        ]
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(x for x in reversed(out.splitlines()) if x.startswith("{"))
    return json.loads(line)


async def _exchange(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes
) -> tuple[int, int]:
    """Send one request on a keep-alive connection; its status and response size."""
    writer.write(request)
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (x.partition(":") for x in lines[1:])}
    size = len(head)
    if "content-length" in headers:
        size += len(await reader.readexactly(int(headers["content-length"])))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            line = await reader.readuntil(b"\r\n")
            chunk = int(line.split(b";")[0], 16)
            size += len(line) + len(await reader.readexactly(chunk + 2))
            if chunk == 0:
                break
    return status, size


async def _load(port: int, paths: list[str], seconds: float, conns: int) -> dict[str, Any]:
    requests = [
        f"GET {p} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept: */*\r\n\r\n".encode() for p in paths
    ]
    latencies: list[float] = []
    totals = {"bytes": 0, "non_2xx": 0, "socket_errors": 0}
    start = time.perf_counter()
    deadline = start + seconds

    async def connection(offset: int) -> None:
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            totals["socket_errors"] += 1
            return
        index = offset
        try:
            while time.perf_counter() < deadline:
                sent = time.perf_counter()
                status, size = await _exchange(reader, writer, requests[index % len(requests)])
                latencies.append(time.perf_counter() - sent)
                totals["bytes"] += size
                totals["non_2xx"] += not 200 <= status < 300
                index += 1
        except (OSError, asyncio.IncompleteReadError, ValueError):
            totals["socket_errors"] += 1
        finally:
            writer.close()

    await asyncio.gather(*(connection(i * 7) for i in range(conns)))
    elapsed = time.perf_counter() - start
    latencies.sort()

    def pct(q: float) -> float:
        if not latencies:
            return float("nan")
        return latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000

    return {
        "requests": len(latencies),
        "seconds": elapsed,
        "p50_ms": pct(0.50),
        "p99_ms": pct(0.99),
        **totals,
    }


def python_driver(spec: str) -> None:
    """Run in a child process: the asyncio load generator; prints its totals as JSON."""
    spec_ = json.loads(spec)
    totals = asyncio.run(_load(spec_["port"], spec_["paths"], spec_["seconds"], spec_["conns"]))
    print(json.dumps(totals))


# -- the run -------------------------------------------------------------------------------


def measure(
    loadgen: str, server: Server, paths: list[str], args: argparse.Namespace
) -> dict[str, Any]:
    check_paths(server, paths)
    if args.warmup > 0:
        drive(loadgen, server.port, paths, args.warmup, args.connections)
    result = drive(loadgen, server.port, paths, args.duration, args.connections)
    result["rate"] = result["requests"] / result["seconds"]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=1_000_000, help="events in the log")
    parser.add_argument("--rebuild", action="store_true", help="build the log again")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per endpoint")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds before each")
    parser.add_argument("--connections", type=int, default=10, help="keep-alive connections")
    parser.add_argument(
        "--loadgen",
        choices=("auto", "wrk", "python"),
        default="auto",
        help="wrk when installed (auto), else the asyncio client in another process",
    )
    parser.add_argument("--serve-bare", type=int, metavar="PORT", help=argparse.SUPPRESS)
    parser.add_argument("--drive", metavar="JSON", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve_bare is not None:
        serve_bare(args.serve_bare)
        return
    if args.drive is not None:
        python_driver(args.drive)
        return

    loadgen = args.loadgen
    if loadgen == "auto":
        loadgen = "wrk" if shutil.which("wrk") else "python"
    elif loadgen == "wrk" and not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install wrk); use --loadgen python")
    timeline_cmd = Path(sys.executable).with_name("timeline")
    if not timeline_cmd.exists():
        sys.exit(f"no `timeline` command beside {sys.executable}: pip install -e .")

    path = prepare(args.events, args.rebuild)
    head, paths = workload(path)
    env = {k: v for k, v in os.environ.items() if not k.startswith("TIMELINE_")}
    env["TIMELINE_DATABASE_URL"] = f"sqlite:///{path}"

    rows: list[tuple[str, str, dict[str, Any]]] = []
    bare = Server(
        [sys.executable, __file__, "--serve-bare", str(port := free_port())], env, port, "/"
    )
    try:
        rows.append(("bare", "bare Litestar: GET /", measure(loadgen, bare, ["/"], args)))
    finally:
        bare.stop()
    shown = {
        "timeline": "GET /companies/{slug}/timeline",
        "search": "GET /companies?q={prefix}",
        "events": "GET /events?after={n}&limit=100",
    }
    ready = 0.0
    # The same server with its response cache and without: the first answers repeated reads
    # from memory while the log stands still, the second makes every answer afresh.
    for cache_mb, names, suffix in (("64", shown, ""), ("0", ["timeline"], ", no cache")):
        port = free_port()
        started = time.perf_counter()
        api = Server(
            [str(timeline_cmd), "serve", "--host", "127.0.0.1", "--port", str(port)],
            {**env, "TIMELINE_API_CACHE_MB": cache_mb},
            port,
            "/ready",
        )
        ready = ready or time.perf_counter() - started
        try:
            for name in names:
                result = measure(loadgen, api, paths[name], args)
                rows.append((name, shown[name] + suffix, result))
        finally:
            api.stop()

    generator = "wrk (1 thread)" if loadgen == "wrk" else "asyncio client in another Python process"
    print(
        f"API on SQLite, {head:,} events in the log; `timeline serve` (1 worker) ready in"
        f" {ready:.1f} s"
    )
    print(
        f"load: {generator}, {args.connections} keep-alive connections, {args.duration:g} s"
        f" per endpoint after {args.warmup:g} s of warm-up, {ROTATION} rotating paths each"
    )
    print(
        f"machine: {os.cpu_count()} cores shared by the server and the load generator"
        " (both on 127.0.0.1)"
    )
    print()
    floor = rows[0][2]["rate"]
    print(
        f"{'endpoint':<40} {'requests/s':>11} {'p50 ms':>8} {'p99 ms':>8}"
        f" {'vs bare':>8} {'KB/resp':>8} {'non-2xx':>8}"
    )
    for _name, label, r in rows:
        size = r["bytes"] / max(1, r["requests"]) / 1024
        print(
            f"{label:<40} {r['rate']:>11,.0f} {r['p50_ms']:>8.2f} {r['p99_ms']:>8.2f}"
            f" {r['rate'] / floor:>8.2f} {size:>8.1f} {r['non_2xx']:>8,}"
        )
    timeline = rows[1][2]
    meets = timeline["rate"] >= 0.5 * floor and timeline["p99_ms"] < 50
    print()
    print(
        "target: timeline >= 50% of the bare requests/s with p99 under 50 ms:"
        f" {'meets' if meets else 'BELOW'}"
    )
    failed = [
        f"{label}: {r['non_2xx']} non-2xx, {r['socket_errors']} socket errors"
        for _name, label, r in rows
        if r["non_2xx"] or r["socket_errors"]
    ]
    if failed:
        sys.exit("FAILED: " + "; ".join(failed))


if __name__ == "__main__":
    main()
