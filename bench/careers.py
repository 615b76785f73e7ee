"""Careers benchmark: career pages computed on demand beside stored, after a catalog change.

    .venv/bin/python bench/careers.py [--sizes 150000] [--changed 20] [--requests 100]

For each size: the corpus catalog (imported with the real CLI by bench/catalog.py) is copied
to a temporary data directory and the bundled career guides are loaded into the copy with
``courseatlas careers import``. Then, in process (TestClient, the whole request), side by side:

- **computed on demand**: each career's first view with nothing stored (what every first
  view cost before matches were stored, and what a career not yet computed still costs);
- **precompute**: the background job computing every career from nothing, per career;
- **after a change**: ``--changed`` new resources imported (corpus rows under new ids), the
  index synced (which touches the careers whose matches they could enter or leave), the
  stale careers computed again by the background job, and every career computed anew to
  count those left fresh whose matches differ (should be 0); then each career's first
  view, in this worker and in another one;
- **repeated view**, and ``/api/v1/match`` for goals never asked before and asked again;
- **matching** (candidates and ranking) on its own.

Prints a table with each figure's ratio to the on-demand first view and the 20 ms target;
writes bench/results/careers-<timestamp>.json and careers-latest.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from itertools import islice
from pathlib import Path
from typing import Any

from catalog import CLI, bench_env, ensure_catalog
from corpus import ensure_corpus
from fastapi.testclient import TestClient
from report import percentiles, write_results
from rich.console import Console
from rich.table import Table
from sqlalchemy import select

from courseatlas.app import create_app
from courseatlas.careers import stored
from courseatlas.careers.matches import Precompute, career_hash, compute
from courseatlas.careers.models import Career
from courseatlas.careers.profiles import career_profile
from courseatlas.db.database import Database
from courseatlas.ingest.service import run_import
from courseatlas.matching.service import find_matches
from courseatlas.search.runtime import SearchRuntime
from courseatlas.settings import Settings

TARGET_MS = 20.0
GOALS = (
    "become a backend engineer",
    "learn SQL for data analysis",
    "registered nurse",
    "machine learning with python",
    "data scientist",
    "kubernetes",
    "graphic design",
    "financial analyst",
    "learn javascript",
    "public health",
    "music production",
    "ux designer",
    "devops engineer",
    "python",
    "accounting basics",
    "nutrition and diet",
)
MEASURES = (
    ("computed_on_demand", "first view, computed on demand"),
    ("first_view_after_change", "first view after a change"),
    ("other_worker_first_view", "another worker's first view"),
    ("repeated_view", "repeated view"),
    ("match_new_goal", "/api/v1/match, new goal"),
    ("match_repeated_goal", "/api/v1/match, same goal again"),
    ("matching", "matching alone"),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--sizes", default="150000", help="comma-separated corpus sizes")
    parser.add_argument("--changed", type=int, default=20, help="resources added by the change")
    parser.add_argument("--requests", type=int, default=100, help="timed repeated views")
    args = parser.parse_args()
    console = Console()
    load_before = os.getloadavg()
    runs = [
        bench_size(int(size), args.changed, args.requests, console)
        for size in args.sizes.split(",")
    ]
    report = {
        "cpus": os.cpu_count(),
        # Other work on the machine slows every figure: the 1-minute load before and after.
        "load_average": [round(load_before[0], 2), round(os.getloadavg()[0], 2)],
        "target_ms": TARGET_MS,
        "runs": runs,
    }
    write_results("careers", report)
    console.print(_table(runs))


def bench_size(size: int, changed: int, requests: int, console: Console) -> dict[str, Any]:
    source = ensure_catalog(size)
    with tempfile.TemporaryDirectory(prefix="careers-bench-") as scratch:
        data_dir = Path(scratch) / "data"
        console.print(f"[bold]{size:,}[/]: copying the catalog and loading the career guides ...")
        shutil.copytree(source, data_dir)
        _cli(data_dir, "careers", "import")
        # No background threads: the benchmark runs the indexer and the job itself.
        settings = Settings(data_dir=data_dir, log_level="WARNING", search_sync_seconds=0)
        database = Database(settings)
        run: dict[str, Any] = {"size": size}
        with TestClient(create_app(settings, database)) as client:
            runtime: SearchRuntime = client.app.state.search  # type: ignore[attr-defined]
            slugs = _slugs(database)
            run["careers"] = len(slugs)
            run["computed_on_demand"] = _time(len(slugs), lambda i: _get(client, slugs[i]))
            precompute = Precompute(database, runtime, lambda: None)
            run["precompute_all"] = _precompute(database, precompute, discard=True)
            run["change"] = _change(database, runtime, precompute, size, changed, Path(scratch))
            run["first_view_after_change"] = _time(len(slugs), lambda i: _get(client, slugs[i]))
            with TestClient(create_app(settings, database)) as other:
                run["other_worker_first_view"] = _time(len(slugs), lambda i: _get(other, slugs[i]))
            run["repeated_view"] = _time(requests, lambda i: _get(client, slugs[i % len(slugs)]))
            run["match_new_goal"] = _time(len(GOALS), lambda i: _match(client, GOALS[i]))
            run["match_repeated_goal"] = _time(len(GOALS), lambda i: _match(client, GOALS[i]))
            with database.session() as session:
                profiles = [
                    career_profile(session, career)
                    for career in session.scalars(select(Career).where(Career.slug.in_(slugs)))
                ]
                run["matching"] = _time(
                    requests, lambda i: find_matches(session, runtime, profiles[i % len(profiles)])
                )
        database.dispose()
    for key, label in MEASURES:
        console.print(f"  {label}: p50 {run[key]['p50_ms']:.1f} ms")
    return run


def _precompute(database: Database, precompute: Precompute, discard: bool) -> dict[str, float]:
    if discard:
        with database.session() as session:
            stored.discard_all(session)
    started = time.perf_counter()
    computed = precompute.run()
    seconds = time.perf_counter() - started
    return {
        "careers": computed,
        "seconds": round(seconds, 2),
        "ms_per_career": round(1000 * seconds / max(computed, 1), 1),
    }


def _change(
    database: Database,
    runtime: SearchRuntime,
    precompute: Precompute,
    size: int,
    changed: int,
    scratch: Path,
) -> dict[str, Any]:
    """Import ``changed`` corpus rows as new resources, sync, and compute what went stale."""
    feed = scratch / "change.jsonl"
    with ensure_corpus(size).open(encoding="utf-8") as corpus, feed.open("w") as out:
        for n, line in enumerate(islice(corpus, changed)):
            row = json.loads(line)
            row["external_id"] = f"change-{n}"
            row["url"] = f"https://change.example/{n}"
            row.pop("isbn", None)  # else the same book, updated
            out.write(json.dumps(row) + "\n")
    started = time.perf_counter()
    run_import(database.sessions, [feed])
    runtime.sync()  # The indexer: applies the change and touches the careers it reaches.
    synced = time.perf_counter() - started
    with database.session() as session:
        stale = stored.stale_count(session)
    return {
        "resources": changed,
        "import_and_sync_s": round(synced, 2),
        "careers_touched": stale,
        "precompute": _precompute(database, precompute, discard=False),
        "left_fresh_but_different": _differing(database, runtime),
    }


def _differing(database: Database, runtime: SearchRuntime) -> int:
    """Careers whose stored (fresh) matches differ from those computed anew: what touching
    too few would leave wrong. 0 when every change that mattered touched its careers."""
    differing = 0
    with database.session() as session:
        for career in session.scalars(select(Career).where(Career.origin == "guide")):
            payload = stored.fresh_payload(session, career.id, career_hash(career, None))
            _, computed = compute(session, runtime, career_profile(session, career), None)
            differing += payload != computed.payload
    return differing


def _cli(data_dir: Path, *args: str) -> None:
    subprocess.run(
        [str(CLI), *args],
        env=bench_env(data_dir),
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _slugs(database: Database) -> list[str]:
    with database.session() as session:
        return list(
            session.scalars(
                select(Career.slug).where(Career.origin == "guide").order_by(Career.slug)
            )
        )


def _get(client: TestClient, slug: str) -> None:
    _ok(client.get(f"/api/v1/careers/{slug}"), slug)


def _match(client: TestClient, goal: str) -> None:
    _ok(client.get("/api/v1/match", params={"goal": goal}), goal)


def _ok(response: Any, what: str) -> None:
    if response.status_code != 200:
        raise SystemExit(f"{what}: {response.status_code} {response.text[:200]}")


def _time(n: int, work: Callable[[int], object]) -> dict[str, float]:
    timings = []
    for i in range(n):
        started = time.perf_counter()
        work(i)
        timings.append((time.perf_counter() - started) * 1000)
    return percentiles(timings)


def _table(runs: list[dict[str, Any]]) -> Table:
    table = Table(title=f"careers: in-process latency (ms); target {TARGET_MS:.0f} ms")
    for column in ("size", "measure", "p50", "p99", "max", "on demand / this", "target / p50"):
        table.add_column(column, justify="right")
    for run in runs:
        base = run["computed_on_demand"]["p50_ms"]
        for key, label in MEASURES:
            m = run[key]
            table.add_row(
                f"{run['size']:,}",
                label,
                *(f"{m[k]:.1f}" for k in ("p50_ms", "p99_ms", "max_ms")),
                f"{base / m['p50_ms']:.1f}x",
                f"{TARGET_MS / m['p50_ms']:.2f}",
            )
        change = run["change"]
        table.add_row(
            f"{run['size']:,}",
            f"precompute: all {run['precompute_all']['careers']} careers "
            f"{run['precompute_all']['seconds']:.1f} s; after {change['resources']} new "
            f"resources {change['careers_touched']} touched, {change['precompute']['seconds']:.1f} s;"
            f" left fresh but different: {change['left_fresh_but_different']}",
            "",
            "",
            "",
            "",
            "",
        )
    return table


if __name__ == "__main__":
    main()
