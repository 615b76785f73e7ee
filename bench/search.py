"""Search benchmark: in-process latency per query kind, index build time, size and memory.

    .venv/bin/python bench/search.py --sizes 150000[,1500000] [--queries 300]

For each size: the corpus is imported once (bench/catalog.py), the index is rebuilt with
``courseatlas reindex`` (timed), then queries of each kind run through the engine exactly as
the API calls it (facets and snippets included). Queries are drawn, seeded, from the corpus's
own titles. Prints a table; writes bench/results/search-<timestamp>.json and search-latest.json.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from itertools import islice
from pathlib import Path
from typing import Any

from catalog import CLI, bench_env, ensure_catalog
from corpus import ensure_corpus
from report import percentiles, write_results
from rich.console import Console
from rich.table import Table
from sqlalchemy import select

from courseatlas.catalog.models import Topic
from courseatlas.db.database import Database
from courseatlas.search.base import SearchFilters, SearchRequest
from courseatlas.search.engine import TantivyEngine
from courseatlas.search.query import parse_query
from courseatlas.search.runtime import SearchRuntime
from courseatlas.settings import Settings

SAMPLE_ROWS = 20_000
WARMUP = 20
STOP = {
    "the",
    "and",
    "for",
    "with",
    "from",
    "into",
    "your",
    "what",
    "how",
    "a",
    "an",
    "of",
    "to",
    "in",
    "on",
    "at",
    "by",
    "or",
    "is",
    "it",
    "its",
    "vs",
    "guide",
    "introduction",
}

Builder = Callable[[random.Random], SearchRequest]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--sizes", default="150000", help="comma-separated corpus sizes")
    parser.add_argument("--queries", type=int, default=300, help="timed queries per kind")
    parser.add_argument(
        "--keep-index",
        action="store_true",
        help="search the index the catalog's import built, not rebuilt (no build time)",
    )
    args = parser.parse_args()
    console = Console(width=150)
    runs = [
        bench_size(int(size), args.queries, console, rebuild=not args.keep_index)
        for size in args.sizes.split(",")
    ]
    report = {"runs": runs}
    write_results("search", report)
    console.print(_table(runs))


def bench_size(size: int, queries: int, console: Console, rebuild: bool = True) -> dict[str, Any]:
    data_dir = ensure_catalog(size)
    build_seconds = _rebuild(data_dir, size, console) if rebuild else None
    database = Database(Settings(data_dir=data_dir, log_level="WARNING", search_sync_seconds=0))
    runtime = SearchRuntime(database)
    engine = runtime.engine
    index_mb = _directory_mb(engine.path)
    rss_open = _rss_mb()
    kinds = _query_kinds(_titles(ensure_corpus(size)), _topic_slugs(database))
    results = []
    for kind, build in kinds.items():
        bare, hits = _time(engine, build, queries, full=False)
        full, _ = _time(engine, build, queries, full=True)
        results.append(
            {
                "kind": kind,
                "search": percentiles(bare),
                "with_facets_and_snippets": percentiles(full),
                "mean_total": statistics.mean(hits),
            }
        )
        console.print(f"  {kind}: p50 {results[-1]['search']['p50_ms']:.2f} ms")
    runtime.stop()
    return {
        "size": size,
        "documents": engine.document_count(),
        "index_build_s": None if build_seconds is None else round(build_seconds, 1),
        "index_mb": round(index_mb, 1),
        "rss_after_open_mb": round(rss_open, 1),
        "rss_after_queries_mb": round(_rss_mb(), 1),
        "queries_per_kind": queries,
        "kinds": results,
    }


def _rebuild(data_dir: Path, size: int, console: Console) -> float:
    """Seconds ``courseatlas reindex`` took."""
    console.print(f"[bold]{size:,}[/]: rebuilding the index ...")
    started = time.perf_counter()
    subprocess.run(
        [str(CLI), "reindex"],
        env=bench_env(data_dir),
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - started


def _query_kinds(titles: list[list[str]], topics: list[str]) -> dict[str, Builder]:
    def words(rng: random.Random, n: int) -> list[str]:
        title = rng.choice([t for t in titles if len(t) >= n])
        start = rng.randrange(len(title) - n + 1)
        return title[start : start + n]

    def text(q: str, **filters: Any) -> SearchRequest:
        return SearchRequest(query=parse_query(q), filters=SearchFilters(**filters))

    def typo(rng: random.Random) -> SearchRequest:
        word = rng.choice([w for t in titles for w in t if len(w) >= 6])
        i = rng.randrange(1, len(word) - 2)
        return text(word[:i] + word[i + 1] + word[i] + word[i + 2 :] + " ")

    return {
        "one word": lambda rng: text(" ".join(words(rng, 1)) + " "),
        "two words": lambda rng: text(" ".join(words(rng, 2)) + " "),
        "three words": lambda rng: text(" ".join(words(rng, 3)) + " "),
        "phrase": lambda rng: text('"' + " ".join(words(rng, 2)) + '"'),
        "prefix": lambda rng: text(" ".join(words(rng, 1))[: rng.randint(3, 5)]),
        "typo": typo,
        "filtered + faceted": lambda rng: text(
            " ".join(words(rng, 1)) + " ",
            kind=rng.choice(["course", "book"]),
            level=rng.choice(["beginner", "intermediate", "advanced"]),
        ),
        "browse, no text": lambda rng: SearchRequest(
            filters=SearchFilters(topic=rng.choice(topics)), sort="popular"
        ),
    }


def _time(
    engine: TantivyEngine, build: Builder, n: int, full: bool
) -> tuple[list[float], list[int]]:
    """Latencies of ``n`` requests: the ranked page and total alone, or as the API asks
    (``full``: facet counts and highlighted snippets too)."""
    rng = random.Random(7)
    for _ in range(WARMUP):
        engine.search(build(rng))
    timings, totals = [], []
    for _ in range(n):
        request = replace(build(rng), facets=full, snippets=full)
        started = time.perf_counter()
        result = engine.search(request)
        timings.append((time.perf_counter() - started) * 1000)
        totals.append(result.total)
    return timings, totals


def _titles(corpus: Path) -> list[list[str]]:
    titles = []
    with corpus.open(encoding="utf-8") as stream:
        for line in islice(stream, SAMPLE_ROWS):
            words = [w.strip(":,.!?()").lower() for w in json.loads(line)["title"].split()]
            kept = [w for w in words if w.isalpha() and w not in STOP and len(w) > 2]
            if kept:
                titles.append(kept)
    return titles


def _topic_slugs(database: Database) -> list[str]:
    with database.session() as session:
        return list(session.scalars(select(Topic.slug)))


def _directory_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _table(runs: list[dict[str, Any]]) -> Table:
    table = Table(
        title="search in process, ms: ranked page + total | as the API asks (+ facets, snippets)"
    )
    columns = ("size", "query kind", "p50", "p95", "p99", "API p50", "API p95", "API p99", "hits")
    for column in columns:
        table.add_column(column, justify="right")
    for run in runs:
        for row in run["kinds"]:
            parts = (row["search"], row["with_facets_and_snippets"])
            table.add_row(
                f"{run['size']:,}",
                row["kind"],
                *(f"{p[k]:.2f}" for p in parts for k in ("p50_ms", "p95_ms", "p99_ms")),
                f"{row['mean_total']:,.0f}",
            )
        table.add_row(
            f"{run['size']:,}",
            "index",
            f"{run['documents']:,} docs",
            f"built {run['index_build_s']} s" if run["index_build_s"] is not None else "index kept",
            f"{run['index_mb']} MB",
            f"RSS {run['rss_after_queries_mb']} MB",
            end_section=True,
        )
    return table


if __name__ == "__main__":
    sys.exit(main())
