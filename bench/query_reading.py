"""How queries are read, before and after a change, side by side in one run.

    .venv/bin/python bench/query_reading.py --before main [--size 150000] [--queries 300]

The same seeded queries (as the API receives them: no space after the last word) run
through the engine of this tree and of the ``--before`` commit (its ``src`` extracted with
``git archive``), in alternating rounds so that both see the same load on a noisy box. Each
side runs in its own process over the same index (bench/catalog.py), which both must be able
to read (the same schema). Prints per query kind the mean and p50 CPU time of a search, bare
and as the API asks (facets and snippets), and the ratio after/before; writes
bench/results/query-reading-<timestamp>.json.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tarfile
import time
from collections import defaultdict
from dataclasses import replace
from io import BytesIO
from pathlib import Path
from typing import Any

from catalog import BENCH_DIR, CLI, bench_env, ensure_catalog
from report import write_results
from rich.console import Console
from rich.table import Table

ROUNDS = 3
WARMUP = 20
Row = dict[str, Any]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--before", default="main", help="the commit to compare with")
    parser.add_argument("--after", help="a commit instead of this tree (the same index schema)")
    parser.add_argument("--size", type=int, default=150_000)
    parser.add_argument("--queries", type=int, default=300, help="timed queries per kind")
    parser.add_argument("--child", help=argparse.SUPPRESS)  # a data dir: time, print JSON
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_time_kinds(Path(args.child), args.queries)))
        return
    console = Console(width=150)
    data_dir = ensure_catalog(args.size)
    _ensure_index(data_dir)
    before = source_of(args.before)
    after = source_of(args.after) if args.after else BENCH_DIR.parent / "src"
    samples: dict[str, dict[str, list[float]]] = {
        "before": defaultdict(list),
        "after": defaultdict(list),
    }
    for round_number in range(ROUNDS):
        for side, src in (("before", before), ("after", after)):
            console.print(f"round {round_number + 1}/{ROUNDS}: {side} ({src})")
            for key, values in _child(src, data_dir, args.queries // ROUNDS).items():
                samples[side][key] += values
    rows = _rows(samples)
    write_results("query-reading", {"size": args.size, "before": args.before, "kinds": rows})
    console.print(_table(rows, args.before))


def _ensure_index(data_dir: Path) -> None:
    """The catalog's index, built with ``courseatlas reindex`` when it holds nothing."""
    from courseatlas.db.database import Database
    from courseatlas.search.runtime import SearchRuntime
    from courseatlas.settings import Settings

    database = Database(Settings(data_dir=data_dir, log_level="WARNING", search_sync_seconds=0))
    runtime = SearchRuntime(database)
    empty = runtime.engine.document_count() == 0
    runtime.stop()
    database.dispose()
    if empty:
        subprocess.run([str(CLI), "reindex"], env=bench_env(data_dir), check=True)


def source_of(ref: str) -> Path:
    """The ``src`` folder of ``ref``, extracted once into bench/corpus/."""
    root = BENCH_DIR.parent  # git archive names paths from where it runs
    commit = subprocess.run(
        ["git", "rev-parse", ref], capture_output=True, text=True, check=True, cwd=root
    ).stdout.strip()
    target = BENCH_DIR / "corpus" / f"src-{commit[:12]}"
    if not target.exists():
        archive = subprocess.run(
            ["git", "archive", commit, "src"], capture_output=True, check=True, cwd=root
        )
        with tarfile.open(fileobj=BytesIO(archive.stdout)) as tar:
            tar.extractall(target, filter="data")
    return target / "src"


def _child(src: Path, data_dir: Path, queries: int) -> dict[str, list[float]]:
    env = {**bench_env(data_dir), "PYTHONPATH": str(src)}
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(data_dir), "--queries", str(queries)],
        env=env,
        capture_output=True,
        text=True,
        cwd=BENCH_DIR,
    )
    if done.returncode:
        raise SystemExit(f"{src}: {done.stderr[-2000:]}")
    out = done.stdout
    result: dict[str, list[float]] = json.loads(out.strip().splitlines()[-1])
    return result


def _time_kinds(data_dir: Path, queries: int) -> dict[str, list[float]]:
    """In the child: CPU milliseconds per search of each kind, bare and as the API asks."""
    # Imported here: from the tree on this process's PYTHONPATH, before or after.
    from corpus import ensure_corpus
    from search import _titles

    from courseatlas.db.database import Database
    from courseatlas.search.base import SearchFilters, SearchRequest
    from courseatlas.search.query import parse_query
    from courseatlas.search.runtime import SearchRuntime
    from courseatlas.settings import Settings

    database = Database(Settings(data_dir=data_dir, log_level="WARNING", search_sync_seconds=0))
    runtime = SearchRuntime(database)
    engine = runtime.engine
    if not engine.document_count():
        raise SystemExit(f"the index in {data_dir} is empty: run courseatlas reindex")
    titles = _titles(ensure_corpus(_size(data_dir)))
    words_of = [w for t in titles for w in t]

    def words(rng: random.Random, n: int) -> str:
        title = rng.choice([t for t in titles if len(t) >= n])
        start = rng.randrange(len(title) - n + 1)
        return " ".join(title[start : start + n])

    def typo(rng: random.Random) -> str:
        word = rng.choice([w for w in words_of if len(w) >= 6])
        i = rng.randrange(1, len(word) - 2)
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]

    kinds: dict[str, Any] = {
        "one word": lambda rng: (words(rng, 1), {}),
        "two words": lambda rng: (words(rng, 2), {}),
        "three words": lambda rng: (words(rng, 3), {}),
        "unfinished word": lambda rng: (words(rng, 1)[: rng.randint(3, 5)], {}),
        "typo": lambda rng: (typo(rng), {}),
        "filtered": lambda rng: (
            words(rng, 1),
            {"kind": rng.choice(["course", "book"]), "level": rng.choice(["beginner", "advanced"])},
        ),
    }
    found: dict[str, list[float]] = {}
    for kind, build in kinds.items():
        for full in (False, True):
            rng = random.Random(11)
            requests = []
            for _ in range(WARMUP + queries):
                q, filters = build(rng)
                requests.append(
                    SearchRequest(query=parse_query(q), filters=SearchFilters(**filters))
                )
            for request in requests[:WARMUP]:
                engine.search(request)
            timings = []
            for request in requests[WARMUP:]:
                request = replace(request, facets=full, snippets=full)
                started = time.process_time()
                engine.search(request)
                timings.append((time.process_time() - started) * 1000)
            found[f"{kind}|{'api' if full else 'bare'}"] = timings
    runtime.stop()
    return found


def _size(data_dir: Path) -> int:
    return int(data_dir.name.rsplit("-", 1)[-1])


def _rows(samples: dict[str, dict[str, list[float]]]) -> list[Row]:
    rows = []
    for key in samples["after"]:
        kind, mode = key.split("|")
        before, after = samples["before"][key], samples["after"][key]
        rows.append(
            {
                "kind": kind,
                "mode": mode,
                "before_mean_ms": round(statistics.mean(before), 3),
                "after_mean_ms": round(statistics.mean(after), 3),
                "before_p50_ms": round(statistics.median(before), 3),
                "after_p50_ms": round(statistics.median(after), 3),
                "ratio_mean": round(statistics.mean(after) / statistics.mean(before), 3),
            }
        )
    return rows


def _table(rows: list[Row], before: str) -> Table:
    table = Table(title=f"CPU ms per search: this tree (after) and {before} (before), one run")
    for column in ("kind", "mode", "mean before", "mean after", "p50 before", "p50 after"):
        table.add_column(
            column, justify="right" if "before" in column or "after" in column else "left"
        )
    table.add_column("after / before", justify="right")
    for row in rows:
        table.add_row(
            row["kind"],
            row["mode"],
            f"{row['before_mean_ms']:.2f}",
            f"{row['after_mean_ms']:.2f}",
            f"{row['before_p50_ms']:.2f}",
            f"{row['after_p50_ms']:.2f}",
            f"{row['ratio_mean']:.2f}",
        )
    return table


if __name__ == "__main__":
    main()
