"""``/go/`` redirects per second with click recording on, beside the same redirect with
recording off, in one run (wrk, one uvicorn worker, SQLite).

    .venv/bin/python bench/referrals.py [--resources 2000] [--seconds 10] [--connections 16] [--rounds 2]

The catalog is small and generated here: a redirect reads one resource by primary key, so
its cost does not grow with the catalog. Half the resources belong to a partner, so half the
redirects go through a template. wrk sends a browser's user agent (a human click: the
visitor key, the bot check and the dedupe window all run). Rounds alternate off and on so
that a noisy neighbour on a shared box hits both alike. After each recording run the server
is stopped gracefully and the clicks in the database are counted against the redirects wrk
saw answered. Then the redirect's own work is timed in process, without HTTP, recording off
and on, and the recorder's batch write per click. Prints a table; writes bench/results/referrals-<timestamp>.json.
"""

from __future__ import annotations

import argparse
import json
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path
from typing import Any

from catalog import CLI, bench_env
from http_load import _free_port, _parse_wrk, _server
from report import write_results
from rich.console import Console
from rich.table import Table

from courseatlas.db.base import utcnow
from courseatlas.db.database import Database
from courseatlas.referrals.outbound import Visit, follow
from courseatlas.referrals.recorder import ClickRecorder
from courseatlas.settings import Settings

AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
WRK_SCRIPT = """
local n = %d
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/go/" .. ((i %% n) + 1) .. "?from=search")
end
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--resources", type=int, default=2000)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    console = Console(width=120)
    runs: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        data_dir = _catalog(folder, args.resources)
        script = folder / "go.lua"
        script.write_text(WRK_SCRIPT % args.resources)
        for round_ in range(1, args.rounds + 1):
            for recording in (False, True):
                before = _clicks(data_dir)
                run = _measure(data_dir, script, recording, args)
                run["clicks_written"] = _clicks(data_dir) - before
                run["round"] = round_
                runs.append(run)
                console.print(_line(run))
        in_process = _in_process(data_dir, args.resources)
    summary = _summary(runs)
    write_results(
        "referrals",
        {
            "resources": args.resources,
            "seconds": args.seconds,
            "connections": args.connections,
            "runs": runs,
            **summary,
            "in_process": in_process,
        },
    )
    console.print(_table(runs, summary))
    console.print(
        "in process, per redirect: "
        f"{in_process['off_us']:.1f} µs without recording, {in_process['on_us']:.1f} µs with "
        f"(+{in_process['request_path_percent']:.1f}% on the request path); "
        f"the background write adds {in_process['write_us']:.1f} µs a click "
        f"(+{in_process['total_percent']:.1f}% in all)"
    )


def _in_process(data_dir: Path, size: int, calls: int = 5_000, rounds: int = 4) -> dict[str, float]:
    """The redirect's own work (``follow``: lookup, target, click) timed without HTTP, off and
    on alternating, the best round of each (a busy neighbour only ever adds time), and the
    recorder's batch write per click."""
    database = Database(Settings(env="test", data_dir=data_dir))
    recorder = ClickRecorder(database, flush_seconds=3600)  # flushed by hand below
    best = {"off": float("inf"), "on": float("inf")}
    written, write_seconds = 0, 0.0
    with database.session() as session:
        for label in ["warm", *["off", "on"] * rounds]:
            used = recorder if label == "on" else None
            start = time.perf_counter()
            for n in range(calls):
                visit = Visit("203.0.113.7", AGENT, "search", utcnow())
                follow(session, n % size + 1, visit, used, "bench-secret")
            if label != "warm":
                best[label] = min(best[label], (time.perf_counter() - start) / calls * 1e6)
            if used is not None:
                start = time.perf_counter()
                recorder.flush()
                write_seconds += time.perf_counter() - start
                written += calls
    database.dispose()
    off, on, write = best["off"], best["on"], write_seconds / written * 1e6
    return {
        "calls_per_round": calls,
        "rounds": rounds,
        "off_us": round(off, 2),
        "on_us": round(on, 2),
        "write_us": round(write, 2),
        "request_path_percent": round(100 * (on - off) / off, 1),
        "total_percent": round(100 * (on + write - off) / off, 1),
    }


def _catalog(folder: Path, size: int) -> Path:
    data_dir = folder / "data"
    feed = folder / "feed.jsonl"
    with feed.open("w", encoding="utf-8") as out:
        for n in range(1, size + 1):
            provider = "Bench Partner" if n % 2 else "Bench Direct"
            host = "partner.example" if n % 2 else "direct.example"
            row = {
                "kind": "course",
                "title": f"Bench course {n}",
                "url": f"https://{host}/c/{n}",
                "provider": provider,
                "source": "bench",
                "external_id": str(n),
            }
            out.write(json.dumps(row) + "\n")
    env = bench_env(data_dir)
    subprocess.run([str(CLI), "import", str(feed)], env=env, check=True, stdout=subprocess.DEVNULL)
    subprocess.run(
        [
            str(CLI),
            "partners",
            "set",
            "bench-partner",
            "--template",
            "https://aff.example/?u={url_encoded}&sub={click_id}",
            "--hosts",
            "partner.example",
        ],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return data_dir


def _measure(
    data_dir: Path, script: Path, recording: bool, args: argparse.Namespace
) -> dict[str, Any]:
    port = _free_port()
    env = {**bench_env(data_dir), "COURSEATLAS_CLICK_RECORDING": "true" if recording else "false"}
    command = [str(CLI), "serve", "--port", str(port)]
    with _server(command, env, port, "/healthz") as (base, _):
        wrk = [
            "wrk",
            "-t2",
            f"-c{args.connections}",
            "--timeout",
            "10s",
            "--latency",
            "-H",
            f"User-Agent: {AGENT}",
            "-s",
            str(script),
            base,
        ]
        warm_up = _wrk([*wrk[:3], "-d2s", *wrk[3:]])
        output = _wrk([*wrk[:3], f"-d{args.seconds}s", *wrk[3:]])
    # Clicks written should be at least this: wrk counts only the answers it read in time.
    answered = _total_requests(warm_up) + _total_requests(output)
    return {"recording": recording, **_parse_wrk(output), "redirects_answered": answered}


def _wrk(command: list[str]) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def _total_requests(output: str) -> int:
    found = re.search(r"(\d+) requests in", output)
    return int(found.group(1)) if found else 0


def _clicks(data_dir: Path) -> int:
    with closing(sqlite3.connect(data_dir / "courseatlas.db")) as db:
        return int(db.execute("SELECT count(*) FROM clicks").fetchone()[0])


def _summary(runs: list[dict[str, Any]]) -> dict[str, Any]:
    def mean(recording: bool) -> float:
        found = [r["requests_per_second"] for r in runs if r["recording"] is recording]
        return sum(found) / len(found)

    off, on = mean(False), mean(True)
    return {
        "off_rps": round(off, 1),
        "on_rps": round(on, 1),
        "cost_percent": round(100 * (off - on) / off, 1),
    }


def _line(run: dict[str, Any]) -> str:
    state = "on" if run["recording"] else "off"
    return (
        f"round {run['round']}, recording {state}: {run['requests_per_second']:,.0f} redirects/s, "
        f"{run['redirects_answered']:,} answered, {run['clicks_written']:,} clicks written"
    )


def _table(runs: list[dict[str, Any]], summary: dict[str, Any]) -> Table:
    table = Table(
        title=f"/go/ redirects (wrk): recording costs {summary['cost_percent']}% (mean of rounds)"
    )
    columns = (
        "round",
        "recording",
        "redirects/s",
        "p50 ms",
        "p99 ms",
        "non-3xx",
        "answered",
        "clicks written",
    )
    for column in columns:
        table.add_column(column, justify="right")
    for run in runs:
        table.add_row(
            str(run["round"]),
            "on" if run["recording"] else "off",
            f"{run['requests_per_second']:,.0f}",
            f"{run.get('p50_ms', 0):.2f}",
            f"{run.get('p99_ms', 0):.2f}",
            str(run["non_2xx"] + run["timeouts"]),
            f"{run['redirects_answered']:,}",
            f"{run['clicks_written']:,}",
        )
    return table


if __name__ == "__main__":
    sys.exit(main())
