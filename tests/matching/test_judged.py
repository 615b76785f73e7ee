"""The matcher on the real datasets against the judged set, on SQLite and PostgreSQL.

    .venv/bin/pytest -m slow tests/matching/test_judged.py -s

prints precision@10 and recall@20 per career and per field and writes them to
bench/results/judged-<database>.json (``bench/judged.py`` prints the same from a data dir
it keeps, for quicker runs).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from courseatlas.careers.guides import bundled_guides_dir
from courseatlas.careers.importers import import_guides, import_onet
from courseatlas.db.database import Database
from courseatlas.ingest.service import run_import
from courseatlas.migrations.prepare import prepare_database
from courseatlas.search.runtime import SearchRuntime
from courseatlas.settings import Settings
from judgements.careers import DATASETS, ONET
from judgements.evaluate import evaluate, summary, table

RESULTS = Path(__file__).resolve().parents[2] / "bench" / "results"
# Floors a little under the figures measured (see docs/careers.md): every field's mean
# precision@10, the means over all careers, and no "never" resource among anyone's first ten.
MIN_FIELD_PRECISION_AT_10 = 0.65
MIN_PRECISION_AT_10 = 0.8
MIN_RECALL_AT_20 = 0.38


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
    import_onet(database.sessions, shared_data / ONET)
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
    assert len({f.field for f in figures}) >= 10 and len(figures) >= 40
    assert [f.forbidden_top10 for f in figures if f.forbidden_top10] == []
    low = {
        k: v
        for k, v in report["per_field"].items()
        if v["precision_at_10"] < MIN_FIELD_PRECISION_AT_10
    }
    assert low == {}, table(figures)
    assert report["mean_precision_at_10"] >= MIN_PRECISION_AT_10
    assert report["mean_recall_at_20"] >= MIN_RECALL_AT_20
