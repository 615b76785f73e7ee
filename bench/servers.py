"""Which HTTP server runs courseatlas's workers: uvicorn, gunicorn + uvicorn workers, granian.

    .venv/bin/python bench/servers.py [--size 150000] [--seconds 20] [--connections 200]
        [--servers uvicorn,gunicorn,granian] [--workers 1,2] [--database-url URL]

Each server serves the same catalog (bench/catalog.py; SQLite unless ``--database-url``) with
1 and then 2 worker processes, under wrk with searches that never repeat (no answer comes
from a cache). Besides requests per second and latency it reads the CPU seconds the whole
server process tree used and its resident memory at start and end: on a box shared with
other work the absolute figures move, but CPU seconds per request, and ratios taken within
one run, hold. Needs ``wrk`` and the ``bench`` extra. Writes bench/results/servers-*.json.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from catalog import bench_env, ensure_catalog
from corpus import ensure_corpus
from http_load import _free_port, _wait, _workloads, _wrk
from report import write_results
from rich.console import Console
from rich.table import Table

BIN = Path(__file__).resolve().parent.parent / ".venv" / "bin"
FACTORY = "courseatlas.app:create_app"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def command(server: str, workers: int, port: int) -> list[str]:
    if server == "courseatlas":  # what `courseatlas serve` runs
        return [str(BIN / "courseatlas"), "serve", "--port", str(port), "--workers", str(workers)]
    if server == "uvicorn":
        return [
            str(BIN / "uvicorn"),
            "--factory",
            FACTORY,
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--log-level",
            "warning",
            "--no-access-log",
        ]
    if server == "gunicorn":
        return [
            str(BIN / "gunicorn"),
            "-k",
            "uvicorn_worker.UvicornWorker",
            "-w",
            str(workers),
            "--timeout",  # gunicorn's own worker heartbeat, 30 s by default
            "60",
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            f"{FACTORY}()",
        ]
    if server == "granian":
        return [
            str(BIN / "granian"),
            "--interface",
            "asgi",
            "--factory",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--log-level",
            "warning",
            "--no-ws",
            FACTORY,
        ]
    raise SystemExit(f"unknown server {server}")


def process_tree(root: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents.setdefault(int(fields[1]), []).append(int(entry.name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo += parents.get(pid, [])
    return tree


def cpu_seconds(root: int) -> float:
    """User + system CPU of the server tree so far (live processes and reaped children)."""
    total = 0
    for pid in process_tree(root):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(f) for f in fields[11:15])  # utime, stime, cutime, cstime
    return total / CLOCK_TICKS


def rss_mb(root: int) -> float:
    pages = 0
    for pid in process_tree(root):
        try:
            pages += int(Path(f"/proc/{pid}/statm").read_text().split()[1])
        except OSError:
            continue
    return round(pages * PAGE_SIZE / 2**20, 1)


def anon_mb(root: int) -> float:
    """The tree's anonymous resident memory: what its heaps hold, without the pages of the
    index files it has mapped (which the kernel can drop, and which workers share)."""
    kb = 0
    for pid in process_tree(root):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        kb += sum(
            int(line.split()[1]) for line in status.splitlines() if line.startswith("RssAnon:")
        )
    return round(kb / 1024, 1)


@contextmanager
def serving(server: str, workers: int, env: dict[str, str]) -> Iterator[tuple[str, int]]:
    """The server on a free port, ready; yields its base URL and the pid of its supervisor.
    A server that does not stop within 30 s of SIGTERM is recorded and killed."""
    port = _free_port()
    process = subprocess.Popen(
        command(server, workers, port),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base + "/readyz", process)
        yield base, process.pid
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            print(f"{server} did not stop within 30 s of SIGTERM: killed", file=sys.stderr)
            for pid in reversed(process_tree(process.pid)):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            process.wait()


def measure(
    server: str,
    workers: int,
    env: dict[str, str],
    paths: list[str],
    folder: Path,
    args: argparse.Namespace,
) -> dict[str, Any]:
    with serving(server, workers, env) as (base, root):
        rss_start, cpu_start = rss_mb(root), cpu_seconds(root)
        result = _wrk(
            f"{server} x{workers}", "every query new", base, paths, folder, args, args.seconds
        )
        cpu = cpu_seconds(root) - cpu_start
        requests = result["requests_per_second"] * args.seconds
        result.update(
            workers=workers,
            rss_start_mb=rss_start,
            rss_end_mb=rss_mb(root),
            cpu_seconds=round(cpu, 1),
            cpu_ms_per_request=round(1000 * cpu / requests, 2) if requests else None,
        )
        return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--size", type=int, default=150_000)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=200)
    parser.add_argument("--servers", default="uvicorn,gunicorn,granian")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--database-url", default="")
    parser.add_argument(
        "--env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="A setting for the servers, e.g. COURSEATLAS_REDIS_URL=redis://...",
    )
    args = parser.parse_args()
    data_dir = ensure_catalog(args.size)
    env = bench_env(data_dir)
    if args.database_url:
        env["COURSEATLAS_DATABASE_URL"] = args.database_url
    env.update(item.split("=", 1) for item in args.env)
    subprocess.run([str(BIN / "courseatlas"), "db", "upgrade"], env=env, check=True)
    queries = _workloads(ensure_corpus(args.size))["every query new"]
    runs: list[dict[str, Any]] = []
    plan = [(s, w) for s in args.servers.split(",") for w in map(int, args.workers.split(","))]
    share = len(queries) // len(plan)
    with tempfile.TemporaryDirectory() as scratch:
        for n, (server, workers) in enumerate(plan):
            # Each run gets queries no other run asks: nothing is cached anywhere.
            paths = [f"/api/v1/search?q={quote(q)}" for q in queries[n * share : (n + 1) * share]]
            runs.append(measure(server, workers, env, paths, Path(scratch), args))
            Console().print(runs[-1])
    write_results(
        "servers",
        {"size": args.size, "seconds": args.seconds, "connections": args.connections, "runs": runs},
    )
    Console(width=160).print(table(runs, args))


def table(runs: list[dict[str, Any]], args: argparse.Namespace) -> Table:
    out = Table(
        title=f"never-repeating searches, {args.size:,} resources, "
        f"{args.connections} connections, {args.seconds} s each"
    )
    for column in (
        "server",
        "req/s",
        "p50 ms",
        "p99 ms",
        "errors",
        "CPU ms/req",
        "RSS start MB",
        "RSS end MB",
        "x of 1 worker",
    ):
        out.add_column(column, justify="right")
    single = {
        r["server"].split(" x")[0]: r["requests_per_second"] for r in runs if r["workers"] == 1
    }
    for run in runs:
        base = single.get(run["server"].split(" x")[0]) or run["requests_per_second"]
        out.add_row(
            run["server"],
            f"{run['requests_per_second']:,.0f}",
            f"{run.get('p50_ms', 0):.1f}",
            f"{run.get('p99_ms', 0):.1f}",
            str(run["non_2xx"] + run["timeouts"]),
            str(run["cpu_ms_per_request"]),
            str(run["rss_start_mb"]),
            str(run["rss_end_mb"]),
            f"{run['requests_per_second'] / base:.2f}",
        )
    return out


if __name__ == "__main__":
    sys.exit(main())
