"""What every benchmark does with its figures: percentiles, and results written as JSON."""

from __future__ import annotations

import json
import statistics
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rich.console import Console

RESULTS_DIR = Path(__file__).resolve().parent / "results"
# Wide enough for a table when the output goes to a file or a pipe (rich assumes 80 then).
console = Console(width=None if sys.stdout.isatty() else 110)


def percentiles(timings_ms: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(timings_ms, n=100, method="inclusive")
    return {
        "p50_ms": round(cuts[49], 3),
        "p95_ms": round(cuts[94], 3),
        "p99_ms": round(cuts[98], 3),
        "max_ms": round(max(timings_ms), 3),
    }


def write_results(name: str, report: dict[str, Any], stamp: str | None = None) -> Path:
    """``results/<name>-<timestamp>.json``, and the same as ``<name>-latest.json``; a given
    ``stamp`` rewrites that run's file (a benchmark that saves as it goes)."""
    RESULTS_DIR.mkdir(exist_ok=True)
    stamp = stamp or datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    text = json.dumps({"when": datetime.now(UTC).isoformat(timespec="seconds"), **report}, indent=2)
    path = RESULTS_DIR / f"{name}-{stamp}.json"
    for target in (path, RESULTS_DIR / f"{name}-latest.json"):
        target.write_text(text + "\n")
    return path
