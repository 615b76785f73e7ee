"""HTTP benchmark: courseatlas search over HTTP with wrk, beside its floors and datasette.

    .venv/bin/python bench/http_load.py [--size 150000 | --real] [--seconds 20]
        [--connections 8] [--threads 2] [--before COMMIT] [--gc-compare]
        [--variant 'LABEL:NAME=VALUE,...']

Everything is measured in one run, one worker (process) each, so that ratios hold on a busy
box:

- **engine floor**: what tantivy itself does for each never-seen query, in this process
  (search with an exact count, every facet, the 20 snippets), in CPU ms per query, on the
  first of the new queries courseatlas answered (once it is idle): back to back, and paced
  (the process sleeping ``PACE_MS`` before each, as a server's CPU idles between the
  requests of few clients: the same work then runs on cold caches and costs more);
- **bare endpoint**: the same application stack (every middleware, gzip) answering a body of
  the size of a search answer with no work of its own (bench/bare_app.py), and the same
  at one connection pausing ``PACE_MS`` before each request;
- **courseatlas**: head queries that repeat (each asked once before, as a running site has
  been asked them), then queries never asked before: each wrk thread walks its own
  slice of them, and the requests each thread sent beyond its slice (repeats) are counted;
- **datasette** over an FTS5 table of the same rows (``?_search=``), the same two workloads;
- with ``--before COMMIT``, new queries on a server running that commit's ``src`` (over the
  same index, so the same schema), and with ``--gc-compare`` on one with CPython's
  garbage-collector defaults, with ``--variant`` on one with other settings: each server
  asks its own share of the new queries.

The catalog is the benchmark corpus of ``--size`` rows (bench/catalog.py) or, with
``--real``, the public datasets in ../shared/data. Queries are drawn from its titles. wrk
asks for gzip as browsers do. Server CPU per request is read from /proc for the server's
process tree; the load average at start and end is reported beside them. Needs ``wrk``
(Debian package) and the ``bench`` extra (datasette). Prints a table; writes
bench/results/http-<timestamp>.json and http-latest.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote
from urllib.request import urlopen

from catalog import CLI, REAL_DATABASE_URL, bench_env, ensure_catalog, ensure_real_catalog
from monitor import tree_cpu_s
from query_reading import source_of
from report import write_results
from rich.console import Console
from rich.table import Table

BENCH_DIR = Path(__file__).resolve().parent
BIN = BENCH_DIR.parent / ".venv" / "bin"
DATASETTE = BIN / "datasette"
QUERIES = 500
UNIQUE = 200_000
TITLES = 20_000
FLOOR_QUERIES = 2000  # of those the server answered, the engine floor's queries
# The pause between the paced runs' queries: the CPU idles, as a server's does between the
# requests of few clients, so the work runs with cold caches.
PACE_MS = 6
IDLE_WINDOW_S = 2.0
IDLE_CPU_SHARE = 0.05  # a server using less of a core than this is idle
REPEATING = f"{QUERIES} queries, repeating"
NEW = "every query new"
BARE = "bare endpoint"
BARE_PACED = f"bare endpoint, 1 connection, {PACE_MS} ms apart"
# Each thread asks its own slice of the paths (``own_slices``) or all of them in turn, and
# reports how many it sent: with own slices, any beyond the slice were repeats.
WRK_SCRIPT = """
local paths = {}
for line in io.lines("%(paths)s") do paths[#paths + 1] = line end
local threads, own_slices, count = {}, %(own_slices)s, %(threads)d
wrk.headers["Accept-Encoding"] = "gzip"
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end
function init(args)
  share = own_slices and math.floor(#paths / count) or #paths
  first = own_slices and id * share or 0
  sent = 0
end
function request()
  local path = paths[first + (sent %% share) + 1]
  sent = sent + 1
  return wrk.format("GET", path)
end
%(delay)s
function done(summary, latency, requests)
  for _, thread in ipairs(threads) do
    io.write(string.format("thread %%d sent %%d of %%d\\n",
      thread:get("id"), thread:get("sent"), thread:get("share")))
  end
end
"""


@dataclass(frozen=True)
class Catalog:
    label: str
    env: dict[str, str]
    database: Path  # its SQLite file
    index_dir: Path  # its data directory (the search index under it)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--size", type=int, default=150_000)
    parser.add_argument("--real", action="store_true", help="the real catalog (../shared/data)")
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--gc-compare",
        action="store_true",
        help="also new queries on a server with CPython's garbage-collector defaults",
    )
    parser.add_argument(
        "--before",
        metavar="COMMIT",
        help="also new queries on a server running that commit's src (the same index schema)",
    )
    parser.add_argument(
        "--variant",
        action="append",
        default=[],
        metavar="LABEL:NAME=VALUE[,NAME=VALUE]",
        help="also new queries on a server with these settings (repeatable), e.g. "
        "'4 threads:COURSEATLAS_SQLITE_CONNECTIONS=4'",
    )
    args = parser.parse_args()
    console = Console(width=160)
    catalog = _catalog(args)
    asked = workloads(_titles(catalog.database))
    runs = []
    load = [os.getloadavg()]
    others = _other_servers(args)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        # No two servers share a query: each asks its own part.
        parts = [asked[NEW][i :: len(others) + 1] for i in range(len(others) + 1)]
        body = folder / "answer.json"
        with _bare_app(catalog, body) as (base, pid):
            body.write_bytes(_get(base + _search_path(parts[0].pop())))
            answer_bytes = body.stat().st_size
            courseatlas = "courseatlas"
            runs.append(_measure(courseatlas, BARE, base, pid, ["/bench/bare"], folder, args))
            paced = argparse.Namespace(**{**vars(args), "connections": 1, "threads": 1})
            runs.append(
                _measure(
                    courseatlas, BARE_PACED, base, pid, ["/bench/bare"], folder, paced, PACE_MS
                )
            )
            repeating = [_search_path(q) for q in asked[REPEATING]]
            runs.append(_measure(courseatlas, REPEATING, base, pid, repeating, folder, args))
            new = [_search_path(q) for q in parts[0]]
            runs.append(_measure(courseatlas, NEW, base, pid, new, folder, args))
            runs[-1]["gc"] = _collections(base)
            # The server is idle again: the engine does the same queries in this process.
            answered = _answered(parts[0], runs[-1]["sent_per_thread"])
            floor = engine_floor(catalog.index_dir, answered)
            floor["paced"] = engine_floor(catalog.index_dir, answered, PACE_MS / 1000)
            console.print(f"engine floor: {floor['cpu_ms_per_query']:.2f} CPU ms per query")
        for (label, env), part in zip(others, parts[1:], strict=True):
            with _bare_app(catalog, body, env) as (base, pid):
                paths = [_search_path(q) for q in part]
                runs.append(_measure(label, NEW, base, pid, paths, folder, args))
                runs[-1]["gc"] = _collections(base)
        fts = _fts_database(catalog.database, folder / "resources.db")
        with _datasette(fts) as (base, pid):
            for workload, queries in asked.items():
                paths = [f"/resources/resources.json?_search={quote(q)}&_size=20" for q in queries]
                runs.append(_measure("datasette + FTS5", workload, base, pid, paths, folder, args))
    load.append(os.getloadavg())
    report = {
        "catalog": catalog.label,
        "load_average": {"start": load[0], "end": load[-1]},
        "seconds": args.seconds,
        "connections": args.connections,
        "threads": args.threads,
        "answer_bytes": answer_bytes,
        "engine_floor": floor,
        "runs": runs,
    }
    write_results("http", report)
    console.print(_table(report))


def _other_servers(args: argparse.Namespace) -> list[tuple[str, dict[str, str]]]:
    """The servers asked new queries besides this tree's, each by the environment it
    differs in: CPython's garbage-collector defaults, another commit's source."""
    others = []
    if args.gc_compare:
        others.append(("courseatlas, CPython's GC defaults", {"COURSEATLAS_GC_TUNING": "false"}))
    if args.before:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", args.before], capture_output=True, text=True, check=True
        ).stdout.strip()
        others.append((f"courseatlas at {commit}", {"PYTHONPATH": str(source_of(args.before))}))
    for variant in args.variant:
        label, _, settings = variant.partition(":")
        pairs = [pair.partition("=") for pair in settings.split(",") if pair]
        if not label or not pairs or any(not name or not sep for name, sep, _ in pairs):
            raise SystemExit(f"--variant {variant!r}: expected LABEL:NAME=VALUE[,NAME=VALUE]")
        others.append((f"courseatlas, {label}", {name: value for name, _, value in pairs}))
    return others


def _catalog(args: argparse.Namespace) -> Catalog:
    if args.real:
        data_dir = ensure_real_catalog()
        return Catalog(
            "real (../shared/data)",
            bench_env(data_dir, REAL_DATABASE_URL),
            data_dir / "catalog.db",
            data_dir,
        )
    data_dir = ensure_catalog(args.size)
    return Catalog(
        f"{args.size:,} resources", bench_env(data_dir), data_dir / "courseatlas.db", data_dir
    )


def _search_path(query: str) -> str:
    return f"/api/v1/search?q={quote(query)}"


def _answered(queries: list[str], sent_per_thread: list[int]) -> list[str]:
    """The queries wrk's threads sent, each thread from its own slice (as WRK_SCRIPT
    shares them), at most FLOOR_QUERIES."""
    share = len(queries) // len(sent_per_thread)
    sent = [
        queries[thread * share : thread * share + min(n, share)]
        for thread, n in enumerate(sent_per_thread)
    ]
    return [query for slice_ in sent for query in slice_][:FLOOR_QUERIES]


def _titles(database: Path) -> list[str]:
    with closing(sqlite3.connect(database)) as db:
        rows = db.execute("SELECT title FROM resources ORDER BY id LIMIT ?", (TITLES,))
        return [title for (title,) in rows]


def workloads(titles: Iterable[str]) -> dict[str, list[str]]:
    """Head queries that repeat (as real traffic does), and two-word queries that never
    repeat (every answer computed afresh: no cache can help)."""
    rng = random.Random(11)
    seen = [w.lower() for title in titles for w in re.findall(r"[A-Za-z]{4,}", title)]
    repeating = [rng.choice(seen) for _ in range(QUERIES)]
    unique = list(dict.fromkeys(f"{rng.choice(seen)} {rng.choice(seen)}" for _ in range(UNIQUE)))
    return {REPEATING: repeating, NEW: unique}


def _workloads(corpus: Path) -> dict[str, list[str]]:
    """The workloads of the corpus's first titles (for the benchmarks that read a corpus)."""
    with corpus.open(encoding="utf-8") as stream:
        titles = [json.loads(line)["title"] for _, line in zip(range(TITLES), stream, strict=False)]
    return workloads(titles)


def engine_floor(data_dir: Path, queries: list[str], pause_s: float = 0.0) -> dict[str, Any]:
    """CPU ms per query of tantivy's own work for a result page: the search (top 20 by
    relevance, exact count), every facet counted in one aggregation (the engine's), and the
    snippets of the 20 hits; the queries as the product builds them, whole words, no
    filters. With ``pause_s``, the process sleeps that long before each query."""
    import tantivy

    from courseatlas.catalog.bands import utc_today
    from courseatlas.search import analyzers
    from courseatlas.search.base import FACETS, SearchFilters
    from courseatlas.search.engine import facet_spec
    from courseatlas.search.fields import schema
    from courseatlas.search.location import IndexLocation
    from courseatlas.search.query import parse_query
    from courseatlas.search.querybuild import NO_SYNONYMS, combine, filter_queries, text_query
    from courseatlas.settings import Settings

    path = IndexLocation(data_dir, Settings().display_currency).current()
    if path is None:
        raise SystemExit(f"no search index in {data_dir}")
    index = tantivy.Index.open(str(path))
    analyzers.register(index)
    searcher = index.searcher()
    spec = facet_spec(FACETS, utc_today())
    cpu, wall = [], []
    for q in queries:
        if pause_s:  # not even a zero sleep back to back: it yields the CPU
            time.sleep(pause_s)
        started, started_cpu = time.perf_counter(), time.process_time()
        words = text_query(parse_query(q + " "), NO_SYNONYMS)
        query = combine(words, filter_queries(SearchFilters()))
        result = searcher.search(query, 20, weight_by_field="quality")
        searcher.aggregate(query, spec)
        if words is not None:
            snippets = tantivy.SnippetGenerator.create(searcher, words, schema(), "description")
            for _, address in result.hits:
                snippets.snippet_from_doc(searcher.doc(address))
        cpu.append(1000 * (time.process_time() - started_cpu))
        wall.append(1000 * (time.perf_counter() - started))
    return {
        "queries": len(queries),
        "cpu_ms_per_query": round(statistics.fmean(cpu), 3),
        "p50_ms": round(statistics.median(wall), 3),
        "p99_ms": round(statistics.quantiles(wall, n=100)[98], 3),
    }


def _get(url: str) -> bytes:
    with urlopen(url, timeout=60) as response:
        body: bytes = response.read()
        return body


def _collections(base: str) -> dict[str, Any]:
    """The server's garbage collections so far, by generation: count, total and longest
    pause in ms (from /metrics)."""
    text = _get(base + "/metrics").decode()
    found: dict[str, Any] = {}
    for name, key in (
        ("collections_total", "count"),
        ("pause_seconds_total", "total_ms"),
        ("longest_pause_seconds", "longest_ms"),
    ):
        for generation, value in re.findall(
            rf'^courseatlas_gc_{name}{{generation="(\d)"}} (\S+)$', text, re.M
        ):
            scale = 1 if key == "count" else 1000
            found.setdefault(f"gen{generation}", {})[key] = round(float(value) * scale, 2)
    return found


def _measure(
    label: str,
    workload: str,
    base: str,
    pid: int,
    paths: list[str],
    folder: Path,
    args: argparse.Namespace,
    pause_ms: int = 0,
) -> dict[str, Any]:
    """One wrk run (after a warm-up pass when the workload repeats), with the server's CPU
    per request; new queries are sliced between the threads and any repeat is counted. Each
    connection waits ``pause_ms`` before each request."""
    own_slices = workload == NEW
    if workload == REPEATING:  # A running site has been asked its head queries before.
        for path in paths:
            _get(base + path)
    cpu = tree_cpu_s(pid)
    result = _wrk(label, workload, base, paths, folder, args, args.seconds, own_slices, pause_ms)
    cpu = tree_cpu_s(pid) - cpu
    result["server_cpu_ms_per_request"] = (
        round(1000 * cpu / result["requests"], 3) if result["requests"] else None
    )
    Console().print(result)
    return result


def _wrk(
    label: str,
    workload: str,
    base: str,
    paths: list[str],
    folder: Path,
    args: argparse.Namespace,
    seconds: int,
    own_slices: bool = True,
    pause_ms: int = 0,
) -> dict[str, Any]:
    """wrk over ``paths``: each thread its own slice (``own_slices``), or every thread all."""
    threads = getattr(args, "threads", 2)
    path_file = folder / "paths.txt"
    path_file.write_text("\n".join(paths) + "\n")
    script = folder / "rotate.lua"
    script.write_text(
        WRK_SCRIPT
        % {
            "paths": path_file,
            "own_slices": str(own_slices).lower(),
            "threads": threads,
            "delay": f"function delay() return {pause_ms} end" if pause_ms else "",
        }
    )
    output = run_wrk(script, base, args.connections, seconds, threads)
    sent = [
        (int(n), int(share))
        for n, share in re.findall(r"^thread \d+ sent (\d+) of (\d+)$", output, re.M)
    ]
    return {
        "server": label,
        "workload": workload,
        **_parse_wrk(output),
        "sent_per_thread": [n for n, _ in sent],
        "repeated": sum(max(0, n - share) for n, share in sent) if own_slices else None,
    }


def run_wrk(script: Path, base: str, connections: int, seconds: float, threads: int = 2) -> str:
    """wrk's report of ``connections`` over ``threads`` for ``seconds``, driven by ``script``."""
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed (Debian: apt install wrk)")
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s"]
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
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),  # type: ignore[union-attr]
        **percentiles,
        "non_2xx": int(errors.group(1)) if errors else 0,
        "timeouts": int(timeouts.group(1)) if timeouts else 0,
    }


def _fts_database(catalog: Path, path: Path) -> Path:
    """The catalog's resources as one SQLite table with an FTS5 index, as sqlite-utils
    would make it."""
    with closing(sqlite3.connect(path)) as db:
        db.execute("ATTACH DATABASE ? AS catalog", (f"file:{catalog}?mode=ro",))
        db.execute(
            "CREATE TABLE resources AS SELECT r.id AS id, r.kind, r.title, r.description, "
            "p.name AS provider, r.level, r.rating, r.popularity FROM catalog.resources r "
            "LEFT JOIN catalog.providers p ON p.id = r.provider_id ORDER BY r.id"
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
    with _server(command, bench_env(data_dir), port, "/healthz") as (base, _):
        yield base


@contextmanager
def _bare_app(
    catalog: Catalog, body: Path, env: dict[str, str] | None = None
) -> Iterator[tuple[str, int]]:
    port = _free_port()
    command = [str(BIN / "python"), str(BENCH_DIR / "bare_app.py"), str(port), str(body)]
    with _server(command, {**catalog.env, **(env or {})}, port, "/readyz") as served:
        yield served


@contextmanager
def _datasette(database: Path) -> Iterator[tuple[str, int]]:
    port = _free_port()
    # Its own defaults, but for suggested facets: courseatlas computes none it does not show.
    settings = {"sql_time_limit_ms": "10000", "suggest_facets": "off"}
    command = [str(DATASETTE), "serve", str(database), "--port", str(port)]
    for name, value in settings.items():
        command += ["--setting", name, value]
    with _server(command, None, port, "/-/versions.json") as served:
        yield served


@contextmanager
def _server(
    command: list[str], env: dict[str, str] | None, port: int, probe: str
) -> Iterator[tuple[str, int]]:
    """The server ready on ``port``: its base URL and pid."""
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base + probe, process)
        _settled(process.pid)
        yield base, process.pid
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 300
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


def _settled(pid: int, timeout: float = 900) -> None:
    """Wait until the server is idle: what it does once after starting (catching its index
    up, computing the stored career matches of a new catalog) is no part of any answer."""
    deadline = time.monotonic() + timeout
    used = tree_cpu_s(pid)
    while time.monotonic() < deadline:
        time.sleep(IDLE_WINDOW_S)
        now = tree_cpu_s(pid)
        busy, used = now - used, now
        if busy < IDLE_CPU_SHARE * IDLE_WINDOW_S:
            return
    raise SystemExit(f"the server (pid {pid}) was still busy after {timeout:.0f} s")


def _free_port() -> int:
    with closing(socket.socket()) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _table(report: dict[str, Any]) -> Table:
    runs, floor = report["runs"], report["engine_floor"]
    load = report["load_average"]
    table = Table(
        title=f"search over HTTP, {report['catalog']}, one worker each, "
        f"{report['connections']} connections, gzip; engine floor on the same new queries "
        f"{floor['cpu_ms_per_query']:.2f} CPU ms per query back to back, "
        f"{floor['paced']['cpu_ms_per_query']:.2f} {PACE_MS} ms apart; load average "
        f"{load['start'][0]:.1f} at start, {load['end'][0]:.1f} at end"
    )
    columns = (
        "server",
        "workload",
        "req/s",
        "p50 ms",
        "p90 ms",
        "p99 ms",
        "errors",
        "repeats",
        "CPU ms/req",
        "x floor",
        "x paced floor",
        "vs datasette",
    )
    for column in columns:
        table.add_column(column, justify="right")
    baseline = {r["workload"]: r["requests_per_second"] for r in runs if "datasette" in r["server"]}
    for run in runs:
        ratio = baseline.get(run["workload"])
        cpu = run["server_cpu_ms_per_request"]
        table.add_row(
            run["server"],
            run["workload"],
            f"{run['requests_per_second']:,.0f}",
            *(f"{run.get(k, 0):.1f}" for k in ("p50_ms", "p90_ms", "p99_ms")),
            str(run["non_2xx"] + run["timeouts"]),
            "" if run["repeated"] is None else str(run["repeated"]),
            "" if cpu is None else f"{cpu:.2f}",
            *(
                f"{cpu / each['cpu_ms_per_query']:.1f}x" if cpu and run["workload"] == NEW else ""
                for each in (floor, floor["paced"])
            ),
            f"{run['requests_per_second'] / ratio:.1f}x" if ratio else "",
        )
    return table


if __name__ == "__main__":
    sys.exit(main())
