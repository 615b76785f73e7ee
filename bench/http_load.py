"""HTTP benchmark: courseatlas search over HTTP with wrk, side by side with datasette.

    .venv/bin/python bench/http_load.py [--size 150000] [--seconds 20] [--connections 32]

Both serve the same corpus: courseatlas its catalog (bench/catalog.py) on 1 and then 2
uvicorn workers; datasette a SQLite table of the same rows with an FTS5 index, queried with
``?_search=`` (datasette is one process). Two workloads, drawn from the corpus titles: 500
one-word queries repeating (head queries, as real traffic has them: caches help) and
two-word queries that never repeat (every answer computed afresh). The repeating workload
is measured in steady state: a short wrk pass asks the head queries first, on every server
alike, as a running site has been asked them before. Needs ``wrk`` (Debian
package) and the ``bench`` extra (datasette). Prints a table; writes
bench/results/http-<timestamp>.json and http-latest.json.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote
from urllib.request import urlopen

from catalog import CLI, bench_env, ensure_catalog
from corpus import ensure_corpus
from report import write_results
from rich.console import Console
from rich.table import Table

BENCH_DIR = Path(__file__).resolve().parent
DATASETTE = BENCH_DIR.parent / ".venv" / "bin" / "datasette"
QUERIES = 500
UNIQUE = 200_000
REPEATING = f"{QUERIES} queries, repeating"
WARM_UP_SECONDS = 5
WRK_SCRIPT = """
local paths = {}
for line in io.lines("%s") do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--size", type=int, default=150_000)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    console = Console(width=150)
    data_dir = ensure_catalog(args.size)
    workloads = _workloads(ensure_corpus(args.size))
    runs = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for workers in (1, 2):
            with _courseatlas(data_dir, workers) as base:
                for workload, queries in workloads.items():
                    paths = [f"/api/v1/search?q={quote(q)}" for q in queries]
                    label = f"courseatlas, {workers} worker(s)"
                    runs.append(_measure(label, workload, base, paths, folder, args))
        database = _fts_database(ensure_corpus(args.size), folder / "resources.db")
        with _datasette(database) as base:
            for workload, queries in workloads.items():
                paths = [f"/resources/resources.json?_search={quote(q)}&_size=20" for q in queries]
                runs.append(
                    _measure("datasette + FTS5, 1 process", workload, base, paths, folder, args)
                )
    for run in runs:
        console.print(
            f"{run['server']}, {run['workload']}: {run['requests_per_second']:,.0f} req/s"
        )
    report = {
        "size": args.size,
        "seconds": args.seconds,
        "connections": args.connections,
        "runs": runs,
    }
    write_results("http", report)
    console.print(_table(runs, args.size))


def _workloads(corpus: Path) -> dict[str, list[str]]:
    """Head queries that repeat (as real traffic does), and queries that never repeat
    (every answer computed afresh: no cache can help)."""
    rng = random.Random(11)
    seen: list[str] = []
    with corpus.open(encoding="utf-8") as stream:
        for _, line in zip(range(20_000), stream, strict=False):
            seen += [w.lower() for w in re.findall(r"[A-Za-z]{4,}", json.loads(line)["title"])]
    repeating = [rng.choice(seen) for _ in range(QUERIES)]
    unique = list(dict.fromkeys(f"{rng.choice(seen)} {rng.choice(seen)}" for _ in range(UNIQUE)))
    return {REPEATING: repeating, "every query new": unique}


def _measure(
    label: str, workload: str, base: str, paths: list[str], folder: Path, args: argparse.Namespace
) -> dict[str, Any]:
    """One wrk run, after a warm-up pass when the workload repeats."""
    if workload == REPEATING:
        _wrk(label, workload, base, paths, folder, args, WARM_UP_SECONDS)
    return _wrk(label, workload, base, paths, folder, args, args.seconds)


def _wrk(
    label: str,
    workload: str,
    base: str,
    paths: list[str],
    folder: Path,
    args: argparse.Namespace,
    seconds: int,
) -> dict[str, Any]:
    path_file = folder / "paths.txt"
    path_file.write_text("\n".join(paths) + "\n")
    script = folder / "rotate.lua"
    script.write_text(WRK_SCRIPT % path_file)
    output = run_wrk(script, base, args.connections, seconds)
    return {"server": label, "workload": workload, **_parse_wrk(output)}


def run_wrk(script: Path, base: str, connections: int, seconds: float) -> str:
    """wrk's report of ``connections`` over two threads for ``seconds``, driven by ``script``."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
    command += ["--latency", "-s", str(script), base]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def _parse_wrk(output: str) -> dict[str, Any]:
    def ms(text: str) -> float:
        value, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", text).groups()  # type: ignore[union-attr]
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    percentiles = {
        f"p{p}_ms": ms(v) for p, v in re.findall(r"^\s+(50|90|99)%\s+(\S+)", output, re.M)
    }
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    timeouts = re.search(r"timeout (\d+)", output)
    return {
        "requests_per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),  # type: ignore[union-attr]
        **percentiles,
        "non_2xx": int(errors.group(1)) if errors else 0,
        "timeouts": int(timeouts.group(1)) if timeouts else 0,
    }


def _fts_database(corpus: Path, path: Path) -> Path:
    """The corpus as one SQLite table with an FTS5 index, as sqlite-utils would make it."""
    with closing(sqlite3.connect(path)) as db:
        db.execute(
            "CREATE TABLE resources (id INTEGER PRIMARY KEY, kind TEXT, title TEXT, "
            "description TEXT, provider TEXT, level TEXT, rating REAL, popularity INTEGER)"
        )
        with corpus.open(encoding="utf-8") as stream:
            rows = (
                (
                    r["kind"],
                    r["title"],
                    r.get("description"),
                    r.get("provider"),
                    r.get("level"),
                    r.get("rating"),
                    r.get("popularity"),
                )
                for r in map(json.loads, stream)
            )
            db.executemany(
                "INSERT INTO resources (kind, title, description, provider, level, "
                "rating, popularity) VALUES (?, ?, ?, ?, ?, ?, ?)",
                rows,
            )
        db.execute(
            "CREATE VIRTUAL TABLE resources_fts USING fts5(title, description, "
            "content=resources, content_rowid=id)"
        )
        db.execute("INSERT INTO resources_fts (resources_fts) VALUES ('rebuild')")
        db.commit()
    return path


@contextmanager
def _courseatlas(data_dir: Path, workers: int) -> Iterator[str]:
    port = _free_port()
    command = [str(CLI), "serve", "--port", str(port), "--workers", str(workers)]
    with _server(command, bench_env(data_dir), port, "/healthz") as base:
        yield base


@contextmanager
def _datasette(database: Path) -> Iterator[str]:
    port = _free_port()
    # Its own defaults, but for suggested facets: courseatlas computes none it does not show.
    settings = {"sql_time_limit_ms": "10000", "suggest_facets": "off"}
    command = [str(DATASETTE), "serve", str(database), "--port", str(port)]
    for name, value in settings.items():
        command += ["--setting", name, value]
    with _server(command, None, port, "/-/versions.json") as base:
        yield base


@contextmanager
def _server(command: list[str], env: dict[str, str] | None, port: int, probe: str) -> Iterator[str]:
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base + probe, process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(
                f"server exited with {process.returncode}: {' '.join(map(str, process.args))}"
            )  # type: ignore[arg-type]
        try:
            with urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"server did not answer at {url}")


def _free_port() -> int:
    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _table(runs: list[dict[str, Any]], size: int) -> Table:
    table = Table(title=f"search over HTTP at {size:,} resources (wrk)")
    columns = (
        "server",
        "workload",
        "req/s",
        "p50 ms",
        "p90 ms",
        "p99 ms",
        "errors",
        "vs datasette",
    )
    for column in columns:
        table.add_column(column, justify="right")
    baseline = {r["workload"]: r["requests_per_second"] for r in runs if "datasette" in r["server"]}
    for run in runs:
        ratio = (
            run["requests_per_second"] / baseline[run["workload"]]
            if baseline.get(run["workload"])
            else 0
        )
        table.add_row(
            run["server"],
            run["workload"],
            f"{run['requests_per_second']:,.0f}",
            *(f"{run.get(k, 0):.1f}" for k in ("p50_ms", "p90_ms", "p99_ms")),
            str(run["non_2xx"] + run["timeouts"]),
            f"{ratio:.1f}x",
        )
    return table


if __name__ == "__main__":
    sys.exit(main())
