"""Careers benchmark: the career page endpoint and the learning path at catalog scale.

    .venv/bin/python bench/careers.py [--sizes 150000] [--requests 100]

For each size: the corpus catalog (imported with the real CLI by bench/catalog.py) is copied
to a temporary data directory, the bundled career guides are loaded into the copy with
``courseatlas careers import``, then ``GET /api/v1/careers/{slug}`` is timed in process
(TestClient, the whole request) for every guide in turn, and the matching steps on their own:
candidates and ranking, and the learning path built from the ranked candidates. Prints a
table; writes bench/results/careers-<timestamp>.json and careers-latest.json.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from catalog import CLI, bench_env, ensure_catalog
from fastapi.testclient import TestClient
from report import percentiles, write_results
from rich.console import Console
from rich.table import Table
from sqlalchemy import select

from courseatlas.app import create_app
from courseatlas.careers.models import Career
from courseatlas.careers.profiles import career_profile
from courseatlas.db.database import Database
from courseatlas.matching.service import find_matches
from courseatlas.settings import Settings

WARMUP = 10


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--sizes", default="150000", help="comma-separated corpus sizes")
    parser.add_argument("--requests", type=int, default=100, help="timed requests per measure")
    args = parser.parse_args()
    console = Console()
    load_before = os.getloadavg()
    runs = [bench_size(int(size), args.requests, console) for size in args.sizes.split(",")]
    report = {
        "cpus": os.cpu_count(),
        # Other work on the machine slows every figure: the 1-minute load before and after.
        "load_average": [round(load_before[0], 2), round(os.getloadavg()[0], 2)],
        "runs": runs,
    }
    write_results("careers", report)
    console.print(_table(runs))


def bench_size(size: int, requests: int, console: Console) -> dict[str, Any]:
    source = ensure_catalog(size)
    with tempfile.TemporaryDirectory(prefix="careers-bench-") as scratch:
        data_dir = Path(scratch) / "data"
        console.print(f"[bold]{size:,}[/]: copying the catalog and loading the career guides ...")
        shutil.copytree(source, data_dir)
        subprocess.run(
            [str(CLI), "careers", "import"],
            env=bench_env(data_dir),
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        settings = Settings(data_dir=data_dir, log_level="WARNING", search_sync_seconds=0)
        database = Database(settings)
        with TestClient(create_app(settings, database)) as client:
            slugs = _slugs(database)
            # First views compute the matches; later views find them remembered until the
            # index changes. Both matter: a catalog serves many careers, most of them often.
            first = _time(len(slugs), lambda i: _get(client, slugs[i]), warmup=0)
            page = _time(requests, lambda i: _get(client, slugs[i % len(slugs)]))
            console.print(
                f"  career page: first view p50 {first['p50_ms']:.1f} ms, "
                f"then p50 {page['p50_ms']:.1f} ms"
            )
            runtime = client.app.state.search  # type: ignore[attr-defined]
            with database.session() as session:
                careers = [_career(session, slug) for slug in slugs]
                profiles = [career_profile(session, career) for career in careers]
                matches = _time(
                    requests, lambda i: find_matches(session, runtime, profiles[i % len(profiles)])
                )
                ranked = [find_matches(session, runtime, p) for p in profiles]
                path = _time(requests, lambda i: ranked[i % len(ranked)].path())
                pool = statistics.mean(len(m.ranked) for m in ranked)
        database.dispose()
    console.print(f"  matching: p50 {matches['p50_ms']:.1f} ms; path: p50 {path['p50_ms']:.2f} ms")
    return {
        "size": size,
        "careers": len(slugs),
        "requests": requests,
        "career_page_first_view": first,
        "career_page": page,
        "matching": matches,
        "learning_path": path,
        "mean_ranked_candidates": round(pool, 1),
    }


def _slugs(database: Database) -> list[str]:
    with database.session() as session:
        return list(
            session.scalars(
                select(Career.slug).where(Career.origin == "guide").order_by(Career.slug)
            )
        )


def _career(session: Any, slug: str) -> Career:
    career = session.scalar(select(Career).where(Career.slug == slug))
    assert career is not None
    return career


def _get(client: TestClient, slug: str) -> None:
    response = client.get(f"/api/v1/careers/{slug}")
    if response.status_code != 200:
        raise SystemExit(
            f"GET /api/v1/careers/{slug}: {response.status_code} {response.text[:200]}"
        )


def _time(n: int, work: Callable[[int], object], warmup: int = WARMUP) -> dict[str, float]:
    for i in range(warmup):
        work(i)
    timings = []
    for i in range(n):
        started = time.perf_counter()
        work(i)
        timings.append((time.perf_counter() - started) * 1000)
    return percentiles(timings)


def _table(runs: list[dict[str, Any]]) -> Table:
    table = Table(title="careers: in-process latency (ms)")
    for column in ("size", "measure", "p50", "p95", "p99", "max"):
        table.add_column(column, justify="right")
    for run in runs:
        for measure in ("career_page_first_view", "career_page", "matching", "learning_path"):
            m = run[measure]
            table.add_row(
                f"{run['size']:,}",
                measure.replace("_", " "),
                *(f"{m[k]:.2f}" for k in ("p50_ms", "p95_ms", "p99_ms", "max_ms")),
            )
    return table


if __name__ == "__main__":
    main()
