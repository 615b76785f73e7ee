"""The production figures: never-repeating searches at many connections, on SQLite and on
PostgreSQL, with 1 and 2 workers, and then the same with PostgreSQL restarted in the middle.

    .venv/bin/python bench/production.py [--size 150000] [--seconds 60] [--connections 200]
        [--outage 10]

Each run serves the catalog with ``courseatlas serve --workers N`` and drives it with wrk;
every query is asked once in the whole benchmark (no cache helps). It records requests per
second, p50 and p99, the answers by status, the server's CPU per answer, and the resident
memory of the server tree at start, 10 s in (the caches warm) and at the end. PostgreSQL
runs use a private cluster this script starts (initdb/pg_ctl of Debian's packages, as the
``postgres`` user) and stops on its own port; the outage run stops it for ``--outage``
seconds a third of the way in. Needs wrk; run as root (for runuser).
Writes bench/results/production-*.json.
"""

from __future__ import annotations

import argparse
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from catalog import CLI, bench_env, ensure_catalog
from corpus import ensure_corpus
from http_load import _free_port, _parse_wrk, _workloads, run_wrk
from report import write_results
from rich.console import Console
from rich.table import Table
from servers import anon_mb, cpu_seconds, rss_mb, serving

WARM_SECONDS = 10
# Counts every answer by status across wrk's threads.
WRK_SCRIPT = """
local paths = {}
for line in io.lines("%s") do paths[#paths + 1] = line end
local threads = {}
local i = 0
setup = function(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end
init = function(args) statuses = {} end
request = function()
  i = i + 1
  return wrk.format("GET", paths[((i * 2 + id) %% #paths) + 1])
end
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end
done = function(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do total[status] = (total[status] or 0) + n end
  end
  for status, n in pairs(total) do io.write(string.format("status %%d %%d\\n", status, n)) end
end
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--size", type=int, default=150_000)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--connections", type=int, default=200)
    parser.add_argument("--outage", type=int, default=10)
    parser.add_argument("--databases", default="sqlite,postgresql")
    args = parser.parse_args()
    console = Console(width=170)
    new = _workloads(ensure_corpus(args.size))["every query new"]
    planned = 2 * ("sqlite" in args.databases) + 3 * ("postgresql" in args.databases)
    share = len(new) // max(1, planned)  # each run its own queries: none repeats across runs
    queries = iter(new)
    runs: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        if "sqlite" in args.databases:
            env = bench_env(ensure_catalog(args.size))
            for workers in (1, 2):
                runs.append(_run("SQLite", workers, env, queries, share, folder, args))
                console.print(runs[-1])
        if "postgresql" in args.databases:
            with _private_postgres(folder) as cluster:
                env = _postgres_catalog(cluster, folder, args.size)
                for workers in (1, 2):
                    runs.append(_run("PostgreSQL", workers, env, queries, share, folder, args))
                    console.print(runs[-1])
                runs.append(_run("PostgreSQL", 2, env, queries, share, folder, args, cluster))
                console.print(runs[-1])
    ratios = _worker_ratios(runs)
    write_results(
        "production",
        {
            "size": args.size,
            "seconds": args.seconds,
            "connections": args.connections,
            "runs": runs,
            "two_workers_over_one": ratios,
        },
    )
    console.print(_table(runs, args))
    for database, ratio in ratios.items():
        console.print(f"{database}: 2 workers serve {ratio:.2f} times what 1 does (this run)")


def _worker_ratios(runs: list[dict[str, Any]]) -> dict[str, float]:
    """Requests per second of 2 workers over 1, per database, without the outage run."""
    rate = {
        (run["database"], run["workers"]): run["requests_per_second"]
        for run in runs
        if not run["outage_seconds"]
    }
    return {
        database: round(rate[(database, 2)] / rate[(database, 1)], 2)
        for database, workers in rate
        if workers == 1 and (database, 2) in rate and rate[(database, 1)]
    }


def _run(
    database: str,
    workers: int,
    env: dict[str, str],
    queries: Iterator[str],
    share: int,
    folder: Path,
    args: argparse.Namespace,
    outage: PrivateCluster | None = None,
) -> dict[str, Any]:
    paths = [f"/api/v1/search?q={quote(q)}" for q, _ in zip(queries, range(share), strict=False)]
    (folder / "paths.txt").write_text("\n".join(paths) + "\n")
    script = folder / "statuses.lua"
    script.write_text(WRK_SCRIPT % (folder / "paths.txt"))
    with serving("courseatlas", workers, env) as (base, pid):
        rss_start, cpu_start = rss_mb(pid), cpu_seconds(pid)
        load_start = os.getloadavg()[0]  # the box is shared: how busy it was
        restarter = None
        if outage is not None:
            restarter = threading.Thread(
                target=_outage, args=(outage, args.seconds / 3, args.outage)
            )
            restarter.start()
        with _RssAt(pid, WARM_SECONDS) as warm:
            output = run_wrk(script, base, args.connections, args.seconds)
        if restarter is not None:
            restarter.join()
        statuses = {int(s): int(n) for s, n in re.findall(r"^status (\d+) (\d+)$", output, re.M)}
        result = _parse_wrk(output)
        cpu = round(cpu_seconds(pid) - cpu_start, 1)
        rss_end, anon_end = rss_mb(pid), anon_mb(pid)
        return {
            "database": database,
            "workers": workers,
            "outage_seconds": args.outage if outage is not None else 0,
            **result,
            "statuses": statuses,
            "repeated": max(0, sum(statuses.values()) - len(paths)),  # beyond its share
            "cpu_seconds": cpu,
            "cpu_ms_per_request": round(1000 * cpu / max(1, sum(statuses.values())), 2),
            "rss_start_mb": rss_start,
            f"rss_{WARM_SECONDS}s_mb": warm.mb,
            "rss_end_mb": rss_end,
            "rss_growth_after_warm_pct": _growth(warm.mb, rss_end),
            f"anon_{WARM_SECONDS}s_mb": warm.anon_mb,
            "anon_end_mb": anon_end,
            "anon_growth_after_warm_pct": _growth(warm.anon_mb, anon_end),
            "load_average": [round(load_start, 1), round(os.getloadavg()[0], 1)],
        }


def _growth(warm: float, end: float) -> float | None:
    return round(100 * (end / warm - 1), 1) if warm else None


class _RssAt:
    """The server tree's resident memory ``seconds`` into the run: the caches fill in the
    first seconds, and growth after that is what an operator must not see."""

    def __init__(self, pid: int, seconds: float) -> None:
        self.mb = self.anon_mb = 0.0
        self._thread = threading.Timer(seconds, self._take, args=(pid,))

    def _take(self, pid: int) -> None:
        self.mb, self.anon_mb = rss_mb(pid), anon_mb(pid)

    def __enter__(self) -> _RssAt:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._thread.cancel()


def _outage(cluster: PrivateCluster, after: float, seconds: float) -> None:
    time.sleep(after)
    cluster.stop()
    time.sleep(seconds)
    cluster.start()


class PrivateCluster:
    def __init__(self, folder: Path) -> None:
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not found:
            raise SystemExit("Debian's postgresql packages are not installed")
        self.bin = Path(found[-1]).parent
        # Its own folder, outside the caller's private temporary one: postgres must reach it.
        self.folder = Path(tempfile.mkdtemp(prefix="courseatlas-bench-pg-"))
        shutil.chown(self.folder, "postgres", "postgres")
        self.port = _free_port()
        self._pg(
            "initdb", "-D", str(self.folder / "data"), "-A", "trust", "-U", "postgres", "--no-sync"
        )

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
            "-c max_connections=200 -c shared_buffers=256MB"
        )
        self._pg(
            "pg_ctl",
            "-D",
            str(self.folder / "data"),
            "-o",
            options,
            "-w",
            "-l",
            str(self.folder / "log"),
            "start",
        )

    def stop(self, mode: str = "fast") -> None:
        self._pg("pg_ctl", "-D", str(self.folder / "data"), "-m", mode, "-w", "stop")

    def _pg(self, program: str, *args: str) -> None:
        subprocess.run(
            ["runuser", "-u", "postgres", "--", str(self.bin / program), *args],
            check=True,
            capture_output=True,
            cwd=self.folder,
        )


@contextmanager
def _private_postgres(folder: Path) -> Iterator[PrivateCluster]:
    cluster = PrivateCluster(folder)
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.stop("immediate")
        shutil.rmtree(cluster.folder, ignore_errors=True)


def _postgres_catalog(cluster: PrivateCluster, folder: Path, size: int) -> dict[str, str]:
    """The corpus imported into the private cluster, with its own data dir and index."""
    url = f"postgresql://postgres@127.0.0.1:{cluster.port}/postgres"
    env = {
        **bench_env(folder / "pg-data"),
        "COURSEATLAS_DATABASE_URL": url,
    }
    print(f"importing the {size:,}-row corpus into PostgreSQL ...", file=sys.stderr)
    subprocess.run(
        [str(CLI), "import", str(ensure_corpus(size))],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return env


def _table(runs: list[dict[str, Any]], args: argparse.Namespace) -> Table:
    table = Table(
        title=f"never-repeating searches at {args.size:,} resources, "
        f"{args.connections} connections, {args.seconds} s per run"
    )
    for column in (
        "database",
        "workers",
        "outage s",
        "req/s",
        "p50 ms",
        "p99 ms",
        "answers by status",
        "timeouts",
        "CPU ms/req",
        "RSS start MB",
        f"RSS at {WARM_SECONDS} s MB",
        "RSS end MB",
        "anon at 10 s → end MB",
        "load avg",
    ):
        table.add_column(column, justify="right")
    for run in runs:
        statuses = ", ".join(f"{s}: {n:,}" for s, n in sorted(run["statuses"].items()))
        table.add_row(
            run["database"],
            str(run["workers"]),
            str(run["outage_seconds"]),
            f"{run['requests_per_second']:,.0f}",
            f"{run.get('p50_ms', 0):.0f}",
            f"{run.get('p99_ms', 0):.0f}",
            statuses,
            str(run["timeouts"]),
            f"{run['cpu_ms_per_request']:.1f}",
            str(run["rss_start_mb"]),
            str(run[f"rss_{WARM_SECONDS}s_mb"]),
            str(run["rss_end_mb"]),
            f"{run[f'anon_{WARM_SECONDS}s_mb']} → {run['anon_end_mb']}",
            " → ".join(str(load) for load in run["load_average"]),
        )
    return table


if __name__ == "__main__":
    sys.exit(main())
