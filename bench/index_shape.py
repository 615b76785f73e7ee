"""The engine floor of indexes of the same catalog built differently, side by side.

    .venv/bin/python bench/index_shape.py DATA_DIR [DATA_DIR ...] [--rounds 3]

Each data dir's current search index (say, one imported by this tree and one by an older
commit, or one imported and one rebuilt by ``courseatlas reindex``): its segments, and
``http_load.engine_floor`` (tantivy's search, facets and snippets for a result page, CPU ms
per query) on the same never-repeating queries, the data dirs taking turns for ``--rounds``
rounds so that all see the same load. Prints a table; writes
bench/results/index-shape-<timestamp>.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
from pathlib import Path
from typing import Any

from http_load import NEW, _titles, engine_floor, workloads
from report import console, write_results
from rich.table import Table

from courseatlas.search.location import IndexLocation
from courseatlas.settings import Settings

ROUND_QUERIES = 400  # new queries each data dir answers in a round


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data_dirs", type=Path, nargs="+")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    queries = workloads(_titles(args.data_dirs[0] / "courseatlas.db"))[NEW]
    floors: dict[Path, list[float]] = {data_dir: [] for data_dir in args.data_dirs}
    for round_number in range(args.rounds):
        asked = queries[round_number * ROUND_QUERIES : (round_number + 1) * ROUND_QUERIES]
        for data_dir in args.data_dirs:
            floors[data_dir].append(engine_floor(data_dir, asked)["cpu_ms_per_query"])
    rows = [_row(data_dir, floors[data_dir]) for data_dir in args.data_dirs]
    write_results("index-shape", {"rounds": args.rounds, "indexes": rows})
    table = Table(title=f"engine floor by index shape, {ROUND_QUERIES} new queries a round")
    for column in ("data dir", "segments (documents)", "CPU ms per query, each round", "mean"):
        table.add_column(column)
    for row in rows:
        table.add_row(
            row["data_dir"],
            ", ".join(f"{n:,}" for n in row["segments"]),
            " / ".join(f"{ms:.2f}" for ms in row["cpu_ms_per_query"]),
            f"{row['mean_cpu_ms_per_query']:.2f}",
        )
    console.print(table)


def _row(data_dir: Path, floors: list[float]) -> dict[str, Any]:
    return {
        "data_dir": str(data_dir),
        "segments": _segments(data_dir),
        "cpu_ms_per_query": floors,
        "mean_cpu_ms_per_query": round(statistics.fmean(floors), 3),
    }


def _segments(data_dir: Path) -> list[int]:
    """The documents of each segment of the data dir's current index, largest first."""
    path = IndexLocation(data_dir, Settings().display_currency).current()
    if path is None:
        raise SystemExit(f"no search index in {data_dir}")
    meta = json.loads((path / "meta.json").read_text())
    return sorted((segment["max_doc"] for segment in meta["segments"]), reverse=True)


if __name__ == "__main__":
    main()
