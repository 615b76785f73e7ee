"""The matcher on the real datasets against the judged set, on SQLite and PostgreSQL.

    .venv/bin/pytest -m slow tests/matching/test_judged.py -s

prints precision@10 and recall@20 per career and writes them to
bench/results/judged-<database>.json.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from courseatlas.careers.guides import bundled_guides_dir
from courseatlas.careers.importers import import_guides
from courseatlas.db.database import Database
from courseatlas.ingest.service import run_import
from courseatlas.migrations.prepare import prepare_database
from courseatlas.search.runtime import SearchRuntime
from courseatlas.settings import Settings
from tests.matching.evaluate import evaluate, summary, table
from tests.matching.judged import DATASETS

RESULTS = Path(__file__).resolve().parents[2] / "bench" / "results"
# Floors under the figures measured when the judged set was written (see docs/careers.md).
MIN_PRECISION_AT_10 = 0.3
MIN_RECALL_AT_20 = 0.38
MIN_RECALL_PER_CAREER = 0.15


@pytest.fixture(
    scope="session", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def real_catalog(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, shared_data: Path
) -> Iterator[tuple[str, Database, SearchRuntime]]:
    """The real course and book datasets with the bundled guides, imported and indexed once."""
    folder = tmp_path_factory.mktemp(f"real-{request.param}")
    settings = Settings(env="test", data_dir=folder, search_sync_seconds=0, log_level="WARNING")
    if request.param == "postgres":
        make: Callable[[str], str] = request.getfixturevalue("postgres_server")
        settings = settings.model_copy(update={"database_url": make("judged")})
    database = Database(settings)
    prepare_database(database)
    for profile, files in DATASETS:
        run_import(
            database.sessions,
            [shared_data / f for f in files],
            profile_name=profile,
            batch_size=5000,
        )
    import_guides(database.sessions, [bundled_guides_dir()])
    runtime = SearchRuntime(database)
    runtime.sync()
    yield request.param, database, runtime
    runtime.stop()
    database.dispose()


@pytest.mark.slow
def test_judged_set(real_catalog: tuple[str, Database, SearchRuntime]) -> None:
    name, database, runtime = real_catalog
    with database.session() as session:
        figures = evaluate(session, runtime)
    report = summary(figures)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"judged-{name}.json").write_text(json.dumps(report, indent=2) + "\n")
    print(f"\njudged set on {name}:\n{table(figures)}")
    assert all(not f.missing for f in figures), [f.missing for f in figures if f.missing]
    assert [f.forbidden_shown for f in figures if f.forbidden_shown] == []
    assert report["mean_precision_at_10"] >= MIN_PRECISION_AT_10
    assert report["mean_recall_at_20"] >= MIN_RECALL_AT_20
    assert min(f.recall_at_20 for f in figures) >= MIN_RECALL_PER_CAREER, table(figures)
