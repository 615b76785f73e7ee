"""Ingest benchmark: time and memory of ``courseatlas import`` on a realistic corpus.

    .venv/bin/python bench/ingest.py --sizes 150000[,1500000] [--databases sqlite,postgres]

For each size and database: make sure the corpus exists (bench/corpus.py), import it into a
fresh database by running the real CLI in a subprocess, then import it again (every row
unchanged). Each run has its own temporary data directory (the SQLite file, the search
index); PostgreSQL runs use a freshly created database ``bench_ingest``. Prints a table and
writes bench/results/ingest-<timestamp>.json and ingest-latest.json. Exits 1, loudly, when an
import fails or does not store exactly the corpus (checked in the CLI's summary and in the
database: the import run's counters and the number of resources).

Time is the wall time of the whole command, as a user waits for it; the JSON splits it at the
moment the summary table appears (rows stored; the search-index sync follows) and adds the
CPU time of the importer and of everything else on the machine meanwhile, since other work
inflates wall times.

Memory is the peak resident set of the importer's whole process tree, sampled from /proc
(``monitor.py``); the databases are made fresh for each run (``targets.py``).
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import os
import platform
import re
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psycopg
from corpus import ensure_corpus
from monitor import RUN_TITLE, SAMPLE_INTERVAL, RunMeasure, run_measured
from report import console, write_results
from rich.table import Table
from targets import COUNT_NAMES, PG_DATABASE, BenchmarkError, Target, make_target, postgres_version

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
RESULTS_DIR = BENCH_DIR / "results"
LOCK_FILE = RESULTS_DIR / ".ingest.lock"
CLI = REPO_DIR / ".venv" / "bin" / "courseatlas"
DATABASES = ("sqlite", "postgres")
PG_ADMIN_URL = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
BUSY_CPUS = 0.3  # Warn when other processes used more CPUs than this during a SQLite run.
MB = 2**20
# Where the importer would otherwise store its data: each run sets its own.
LOCATION_VARS = ("COURSEATLAS_DATABASE_URL", "COURSEATLAS_DATA_DIR")
_NUMBER = re.compile(r"\d[\d,]*")


# --- One import, checked. ---------------------------------------------------------------------


@dataclass
class ImportResult:
    run_id: int
    status: str
    counts: dict[str, int]
    wall_s: float  # The whole command, as a user waits for it.
    rows_per_s: float  # Corpus rows over wall_s.
    db_phase_s: float | None  # Until the summary table: reading, validating, storing.
    search_sync_s: float | None  # After it: the search-index sync (and exit).
    cpu_s: float  # The importer's tree.
    cpu_storing_s: float | None  # The same, until the summary.
    # CPU time of everything else meanwhile (other users' work; the PostgreSQL server too).
    other_cpu_s: float
    peak_tree_rss_mb: float
    peak_tree_rss_storing_mb: float  # Until the summary: without the search-index sync.
    peak_tree_anon_mb: float  # RssAnon: without the (index) file pages mapped in.
    peak_tree_anon_storing_mb: float
    max_process_rss_mb: float
    samples: int
    processes: list[dict[str, Any]]
    output_tail: str


def parse_summary(output: str) -> tuple[int, str, dict[str, int]] | None:
    """Run id, status and counts from the CLI's closing table; None if it is not there.
    Columns are read by their headings: the table may gain columns (it did: warnings)."""
    title = RUN_TITLE.search(output)
    if title is None:
        return None
    headings: list[str] = []
    for line in output[title.end() :].splitlines():
        names = re.findall(r"[a-z]+", line)
        if not headings and set(COUNT_NAMES) <= set(names):
            headings = names
            continue
        numbers = _NUMBER.findall(line)
        if headings and len(numbers) == len(headings) and not names:
            counts = dict(zip(headings, (int(n.replace(",", "")) for n in numbers), strict=True))
            return int(title.group(1)), title.group(2), {n: counts[n] for n in COUNT_NAMES}
    return None


def _tail(output: str, lines: int = 30) -> str:
    return "\n".join(output.rstrip().splitlines()[-lines:])


def import_checked(corpus: Path, target: Target, expect: dict[str, int], log: Path) -> ImportResult:
    """Import ``corpus`` into ``target``; raise unless it succeeded with the ``expect``ed counts."""
    env = {k: v for k, v in os.environ.items() if k not in LOCATION_VARS}
    env |= target.env() | {"COLUMNS": "200"}
    measure = run_measured([str(CLI), "import", str(corpus)], env, log)
    where = f"{target.name}, {corpus.name}; output in {log}"
    if measure.exit_code != 0:
        raise BenchmarkError(
            f"import exited {measure.exit_code} ({where}):\n{_tail(measure.output)}"
        )
    parsed = parse_summary(measure.output)
    if parsed is None:  # The output may change; the database is the authority anyway.
        console.print(f"[yellow]warning:[/] no summary table in the CLI output ({where})")
        run_id = target.latest_run_id()
    else:
        run_id = parsed[0]
        _expect_counts("CLI summary", parsed[2], expect, where, measure.output)
    stored = target.run_counts(run_id)
    _expect_counts("import_runs row", stored, expect, where, measure.output)
    if stored["status"] != "succeeded":
        raise BenchmarkError(f"import run {run_id} has status {stored['status']!r} ({where})")
    rows = sum(expect.values())
    if (found := target.resource_count()) != rows:
        raise BenchmarkError(f"the database holds {found:,} resources, expected {rows:,} ({where})")
    return _result(run_id, stored, measure, rows)


def _result(run_id: int, stored: dict[str, Any], measure: RunMeasure, rows: int) -> ImportResult:
    db_phase = measure.summary_at_s
    return ImportResult(
        run_id=run_id,
        status=str(stored["status"]),
        counts={name: int(stored[name]) for name in COUNT_NAMES},
        wall_s=round(measure.wall_s, 3),
        rows_per_s=round(rows / measure.wall_s, 1),
        db_phase_s=None if db_phase is None else round(db_phase, 1),
        search_sync_s=None if db_phase is None else round(measure.wall_s - db_phase, 1),
        cpu_s=round(measure.cpu_s, 1),
        cpu_storing_s=None
        if measure.cpu_at_summary_s is None
        else round(measure.cpu_at_summary_s, 1),
        other_cpu_s=round(max(0.0, measure.machine_cpu_s - measure.cpu_s), 1),
        peak_tree_rss_mb=round(measure.peak_tree_rss_mb, 1),
        peak_tree_rss_storing_mb=round(measure.peak_tree_rss_storing_mb, 1),
        peak_tree_anon_mb=round(measure.peak_tree_anon_mb, 1),
        peak_tree_anon_storing_mb=round(measure.peak_tree_anon_storing_mb, 1),
        max_process_rss_mb=round(measure.max_process_rss_mb, 1),
        samples=measure.samples,
        processes=[
            {
                "pid": p.pid,
                "role": p.role,
                "peak_rss_mb": round(p.hwm_kb / 1024, 1),
                "peak_anon_mb": round(p.anon_kb / 1024, 1),
                "cpu_s": round(p.cpu_ticks / os.sysconf("SC_CLK_TCK"), 1),
            }
            for p in measure.processes
        ],
        output_tail=_tail(measure.output, 12),
    )


def _expect_counts(
    what: str, found: dict[str, Any], expect: dict[str, int], where: str, output: str
) -> None:
    got = {name: int(found[name]) for name in COUNT_NAMES}
    if got != expect:
        raise BenchmarkError(
            f"{what}: counts {got} differ from the expected {expect} ({where})\n{_tail(output)}"
        )


# --- One benchmark run: import, re-import, size. ----------------------------------------------


@dataclass
class BenchRun:
    size: int
    database: str
    corpus: str
    corpus_bytes: int
    first: ImportResult
    again: ImportResult
    db_bytes_after_import: int
    db_bytes_after_reimport: int
    search_index_bytes: int
    source_digest_before: str
    source_digest_after: str


def bench_one(size: int, database: str, corpus: Path, pg_url: str, keep: bool) -> BenchRun:
    """Import into a fresh database, import again, and measure; the database is then dropped."""
    digest = source_digest()
    workdir = Path(tempfile.mkdtemp(prefix=f"bench-ingest-{database}-{size}-"))
    target = make_target(database, workdir / "data", pg_url)
    try:
        console.print(f"[bold]{database}[/] {size:,}: import ...")
        first = import_checked(corpus, target, {**_zero(), "created": size}, workdir / "1.log")
        after_import = target.size_bytes()
        console.print(f"  {first.wall_s:,.1f} s; re-import ...")
        again = import_checked(corpus, target, {**_zero(), "unchanged": size}, workdir / "2.log")
        console.print(f"  {again.wall_s:,.1f} s")
        run = BenchRun(
            size=size,
            database=database,
            corpus=_shown(corpus),
            corpus_bytes=corpus.stat().st_size,
            first=first,
            again=again,
            db_bytes_after_import=after_import,
            db_bytes_after_reimport=target.size_bytes(),
            search_index_bytes=target.search_index_bytes(),
            source_digest_before=digest,
            source_digest_after=source_digest(),
        )
    except BaseException:
        target.close(keep=True)
        console.print(f"  kept {workdir} for inspection")
        raise
    target.close(keep)
    if keep:
        console.print(f"  kept {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)
    return run


def _shown(path: Path) -> str:
    return str(path.relative_to(REPO_DIR) if path.is_relative_to(REPO_DIR) else path)


def _zero() -> dict[str, int]:
    return dict.fromkeys(COUNT_NAMES, 0)


# --- Reporting. -------------------------------------------------------------------------------


TABLE_NOTE = (
    "import s and re-import s: the whole `courseatlas import` command, which after storing the "
    "rows brings the search index up to date (search s: that part of the first import).\n"
    "peak RSS: the largest sum of VmRSS over the importer's process tree (importer, "
    f"validation helper, index follower, resource tracker), sampled every {SAMPLE_INTERVAL} s; "
    "the PostgreSQL "
    "server is not in it. RSS storing: the same until the summary (before the search sync).\n"
    "db size: after the first import; SQLite file + WAL, or "
    "pg_database_size. The search index is extra (in the JSON)."
)


def results_table(runs: Sequence[BenchRun]) -> Table:
    table = Table(title="courseatlas import")
    for column in ("size", "database", "import s", "rows/s", "peak RSS MB", "re-import s"):
        table.add_column(column, justify="left" if column == "database" else "right")
    table.add_column("db size MB", justify="right")
    table.add_column("search s", justify="right")
    table.add_column("RSS storing MB", justify="right")
    for run in runs:
        table.add_row(
            f"{run.size:,}",
            run.database,
            f"{run.first.wall_s:,.1f}",
            f"{run.first.rows_per_s:,.0f}",
            f"{run.first.peak_tree_rss_mb:,.0f}",
            f"{run.again.wall_s:,.1f}",
            f"{run.db_bytes_after_import / MB:,.0f}",
            "?" if run.first.search_sync_s is None else f"{run.first.search_sync_s:,.1f}",
            f"{run.first.peak_tree_rss_storing_mb:,.0f}",
        )
    return table


def print_results(runs: Sequence[BenchRun]) -> None:
    console.print(results_table(runs))
    console.print(TABLE_NOTE, style="dim", highlight=False)


def environment(databases: Sequence[str], pg_url: str) -> dict[str, Any]:
    info: dict[str, Any] = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "memory_mb": _memory_mb(),
        "commit": git_commit(),
        "importer_env": {
            k: v for k, v in os.environ.items() if k.startswith("COURSEATLAS_") and "URL" not in k
        },
    }
    if "postgres" in databases:
        info["postgres"] = postgres_version(pg_url)
    return info


def _memory_mb() -> int | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return None


def git_commit() -> str | None:
    """HEAD's commit, read from .git without running git (the tree may differ from it)."""
    git = REPO_DIR / ".git"
    try:
        head = (git / "HEAD").read_text().strip()
        if not head.startswith("ref: "):
            return head
        ref = head.removeprefix("ref: ")
        if (git / ref).exists():
            return (git / ref).read_text().strip()
        for line in (git / "packed-refs").read_text().splitlines():
            if line.endswith(" " + ref):
                return line.split()[0]
    except OSError:
        pass
    return None


def source_digest() -> str:
    """A digest of the importer's source: shows whether src/ changed during a benchmark."""
    digest = hashlib.sha256()
    for path in sorted((REPO_DIR / "src").rglob("*.py")):
        digest.update(str(path.relative_to(REPO_DIR)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


# --- Command line. ----------------------------------------------------------------------------


def _sizes(text: str) -> list[int]:
    sizes = [int(part) for part in text.split(",") if part.strip()]
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes are positive whole numbers, comma-separated")
    return sizes


def _databases(text: str) -> list[str]:
    names = [part.strip() for part in text.split(",") if part.strip()]
    unknown = sorted(set(names) - set(DATABASES))
    if not names or unknown:
        raise argparse.ArgumentTypeError(f"known databases: {', '.join(DATABASES)}")
    return names


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Benchmark `courseatlas import`.")
    parser.add_argument("--sizes", type=_sizes, default=[150_000], help="e.g. 150000,1500000")
    parser.add_argument(
        "--databases", type=_databases, default=list(DATABASES), help="sqlite,postgres"
    )
    parser.add_argument(
        "--postgres-url",
        default=PG_ADMIN_URL,
        help="a server database to connect to for creating and dropping "
        f"{PG_DATABASE} (default: $BENCH_POSTGRES_URL or {PG_ADMIN_URL})",
    )
    parser.add_argument("--keep", action="store_true", help="keep the benchmark databases")
    return parser.parse_args(argv)


class Report:
    """The results file, rewritten after every run so that a failure keeps what was measured."""

    def __init__(self, sizes: list[int], databases: list[str], pg_url: str) -> None:
        self.stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        self.path = RESULTS_DIR / f"ingest-{self.stamp}.json"
        self.runs: list[BenchRun] = []
        self.data: dict[str, Any] = {
            "benchmark": "ingest",
            "started_at": _now(),
            "sizes": sizes,
            "databases": databases,
            "environment": environment(databases, pg_url),
        }

    def add(self, run: BenchRun) -> None:
        self.runs.append(run)
        self.save()

    def save(self, error: str | None = None) -> None:
        self.data |= {"runs": [asdict(run) for run in self.runs], "finished_at": _now()}
        if error:
            self.data["error"] = error
        self.path = write_results("ingest", self.data, stamp=self.stamp)


def _warn_about_load(runs: Sequence[BenchRun]) -> None:
    """Other work on the machine inflates wall times; SQLite runs show it best (no server)."""
    busy = [
        (r, i.other_cpu_s / i.wall_s)
        for r in runs
        for i in (r.first, r.again)
        if r.database == "sqlite"
    ]
    worst = max(busy, key=lambda item: item[1], default=None)
    if worst is not None and worst[1] > BUSY_CPUS:
        console.print(
            f"[yellow]warning:[/] other processes used {worst[1]:.1f} CPUs during a run "
            f"({worst[0].database}, {worst[0].size:,}; {os.cpu_count()} CPUs): wall times are "
            "inflated, compare cpu_s in the JSON"
        )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _start_report(args: argparse.Namespace) -> Report:
    try:
        return Report(args.sizes, args.databases, args.postgres_url)
    except psycopg.OperationalError as error:
        raise SystemExit(
            f"PostgreSQL is unreachable at {args.postgres_url} ({error}); "
            "pass --databases sqlite, or --postgres-url"
        ) from None


@contextmanager
def exclusive() -> Iterator[None]:
    """One ingest benchmark at a time: runs share the database bench_ingest (a new run drops
    it under the feet of a running one) and would skew each other's timings anyway."""
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    with LOCK_FILE.open("a+") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.seek(0)
            holder = lock.read().strip() or "?"
            console.print(f"another ingest benchmark is running ({holder}); waiting for it ...")
            fcntl.flock(lock, fcntl.LOCK_EX)
        lock.seek(0)
        lock.truncate()
        lock.write(f"pid {os.getpid()}, started {_now()}")
        lock.flush()
        yield


def run_all(args: argparse.Namespace, report: Report) -> None:
    for size in args.sizes:
        console.print(f"corpus of {size:,} rows ...")
        corpus = ensure_corpus(size)
        for database in args.databases:
            report.add(bench_one(size, database, corpus, args.postgres_url, args.keep))


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    if not CLI.exists():
        raise SystemExit(f"{CLI} not found: run `make` (or pip install -e .) first")
    with exclusive():
        report = _start_report(args)
        _run_and_report(args, report)


def _run_and_report(args: argparse.Namespace, report: Report) -> None:
    try:
        run_all(args, report)
    except BenchmarkError as error:
        report.save(str(error))
        print_results(report.runs)
        console.print(f"[bold red]benchmark failed:[/] {error}")
        console.print(f"results so far: {report.path}")
        raise SystemExit(1) from None
    report.save()
    print_results(report.runs)
    _warn_about_load(report.runs)
    digests = {d for r in report.runs for d in (r.source_digest_before, r.source_digest_after)}
    if len(digests) > 1:
        console.print("[yellow]warning:[/] src/ changed during the benchmark: runs may differ")
    console.print(f"results: {report.path}")


if __name__ == "__main__":
    main()
