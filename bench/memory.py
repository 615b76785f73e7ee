"""Memory under a long load: the RSS of a 2-worker server, round after round of new queries.

    .venv/bin/python bench/memory.py [--size 150000] [--rounds 12] [--seconds 10]

Serves the benchmark catalog (bench/catalog.py) with `courseatlas serve --workers 2` and
loads it with wrk, each round with queries never asked before (search API and search
pages, so every answer is computed and offered to the caches), sampling the resident
memory of the server and its workers after each round. With the SQLite pool, its page cache
and the answer caches bounded, the total stays flat once the caches are full. Needs ``wrk``.
Prints a table; writes bench/results/memory-<timestamp>.json and memory-latest.json.
"""

from __future__ import annotations

import argparse
import random
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import quote

from catalog import ensure_catalog
from corpus import ensure_corpus
from http_load import _courseatlas, _workloads, _wrk
from report import write_results
from rich.console import Console
from rich.table import Table

WORKERS = 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--size", type=int, default=150_000)
    parser.add_argument("--rounds", type=int, default=12)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=32)
    args = parser.parse_args()
    data_dir = ensure_catalog(args.size)
    queries = _workloads(ensure_corpus(args.size))["every query new"]
    random.Random(5).shuffle(queries)
    per_round = len(queries) // args.rounds
    samples: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as scratch, _courseatlas(data_dir, WORKERS) as base:
        server_pid = _listening_pid(base)
        samples.append({"round": 0, "requests": 0, **_rss(server_pid)})
        for n in range(1, args.rounds + 1):
            batch = queries[(n - 1) * per_round : n * per_round]
            paths = [f"/api/v1/search?q={quote(q)}" for q in batch[::2]]
            paths += [f"/search?q={quote(q)}" for q in batch[1::2]]
            run = _wrk("memory", "new queries", base, paths, Path(scratch), args, args.seconds)
            requests = round(run["requests_per_second"] * args.seconds)
            samples.append({"round": n, "requests": requests, **_rss(server_pid)})
            Console().print(f"round {n}: {samples[-1]['total_mb']:.0f} MB")
    report = {"size": args.size, "workers": WORKERS, "seconds": args.seconds, "samples": samples}
    write_results("memory", report)
    Console(width=120).print(_table(samples, args.size))


def _listening_pid(base: str) -> int:
    """The pid of the uvicorn parent that serves ``base`` (its workers are its children)."""
    port = int(base.rsplit(":", 1)[1])
    socket = f"socket:[{_listening_inode(port)}]"
    holders = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and any(
                str(fd.readlink()) == socket for fd in (proc / "fd").iterdir()
            ):
                holders.append(int(proc.name))
        except OSError:
            continue
    if not holders:
        raise SystemExit(f"no process listens on port {port}")
    return min(holders)  # the parent opened the socket before starting its workers


def _listening_inode(port: int) -> str:
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if fields[1].endswith(f":{port:04X}") and fields[3] == "0A":  # 0A: LISTEN
            return fields[9]
    raise SystemExit(f"nothing listens on port {port}")


def _rss(pid: int) -> dict[str, float]:
    """Resident memory of a process and its descendants, in MB."""
    pids = [pid]
    for parent in pids:
        for task in Path(f"/proc/{parent}/task").iterdir():
            children = (task / "children").read_text().split()
            pids += [int(child) for child in children]
    sizes = {p: _vm_rss_mb(p) for p in pids}
    workers = [sizes[p] for p in pids[1:]]
    return {"parent_mb": sizes[pid], "workers_mb": workers, "total_mb": sum(sizes.values())}


def _vm_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _table(samples: list[dict[str, Any]], size: int) -> Table:
    table = Table(title=f"RSS of courseatlas serve --workers {WORKERS} at {size:,} resources")
    for column in ("round", "requests", "workers (MB)", "total (MB)"):
        table.add_column(column, justify="right")
    for sample in samples:
        workers = " + ".join(f"{mb:.0f}" for mb in sample["workers_mb"])
        table.add_row(
            str(sample["round"]), f"{sample['requests']:,}", workers, f"{sample['total_mb']:.0f}"
        )
    return table


if __name__ == "__main__":
    main()
