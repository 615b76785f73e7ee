"""The judged careers set, per field: precision@10 and recall@20 of career matching.

    .venv/bin/python bench/judged.py [--data-dir /tmp/match-data]

Imports the real datasets (judgements/careers.py names them), the bundled guides and the
O*NET database into a SQLite catalog in the data dir the first time (reused afterwards),
then matches every judged career and prints a table per career and per field, with the
titles among each career's first ten that are not judged relevant (``--misses``). Writes
bench/results/judged-fields-*.json.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from report import write_results

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the judged set: judgements/

from courseatlas.careers.guides import bundled_guides_dir  # noqa: E402
from courseatlas.careers.importers import import_guides, import_onet  # noqa: E402
from courseatlas.db.database import Database  # noqa: E402
from courseatlas.ingest.service import run_import  # noqa: E402
from courseatlas.migrations.prepare import prepare_database  # noqa: E402
from courseatlas.search.runtime import SearchRuntime  # noqa: E402
from courseatlas.settings import Settings  # noqa: E402
from judgements.careers import DATASETS, ONET  # noqa: E402
from judgements.evaluate import evaluate, summary, table  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"


def catalog(folder: Path) -> Database:
    """The real catalog in ``folder``, imported unless it already holds it."""
    settings = Settings(data_dir=folder, search_sync_seconds=0, log_level="WARNING")
    database = Database(settings)
    fresh = not (folder / "courseatlas.db").exists()
    prepare_database(database)
    if fresh:
        for profile, files in DATASETS:
            run_import(database.sessions, [SHARED / f for f in files], profile_name=profile)
        import_guides(database.sessions, [bundled_guides_dir()])
        import_onet(database.sessions, SHARED / ONET)
    else:  # guides and occupations are cheap: their changes are picked up on every run
        import_guides(database.sessions, [bundled_guides_dir()])
        import_onet(database.sessions, SHARED / ONET)
    return database


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=ROOT / "bench" / "corpus" / "judged")
    parser.add_argument("--misses", action="store_true", help="print the misses of each career")
    args = parser.parse_args()
    database = catalog(args.data_dir)
    runtime = SearchRuntime(database)
    runtime.sync()
    with database.session() as session:
        figures = evaluate(session, runtime)
    print(table(figures))
    if args.misses:
        for f in figures:
            if f.misses:
                print(f"\n{f.career} ({f.precision_at_10:.1f}):")
                print("\n".join(f"  - {title}" for title in f.misses))
    write_results("judged-fields", summary(figures))
    runtime.stop()
    database.dispose()


if __name__ == "__main__":
    main()
