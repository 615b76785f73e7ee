"""An imported, indexed SQLite catalog of the benchmark corpus, built once and reused.

    from catalog import ensure_catalog; data_dir = ensure_catalog(150_000)

The data directory (SQLite file + search index) lives in bench/corpus/catalog-<size>/ and is
rebuilt when the corpus file changes. It is made with the real CLI, as an operator would.

``ensure_real_catalog()`` is the real catalog instead: the public datasets in ../shared/data,
the bundled career guides and O*NET, imported once into bench/corpus/real/.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from corpus import ensure_corpus

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
CLI = ROOT / ".venv" / "bin" / "courseatlas"
SHARED = Path(os.environ.get("COURSEATLAS_SHARED_DATA", ROOT.parent / "shared" / "data"))
REAL_DIR = BENCH_DIR / "corpus" / "real"
REAL_DATABASE_URL = f"sqlite:///{REAL_DIR / 'catalog.db'}"


def catalog_dir(size: int) -> Path:
    return BENCH_DIR / "corpus" / f"catalog-{size}"


def ensure_catalog(size: int) -> Path:
    """The data directory of a catalog holding the ``size``-row corpus, importing it if needed."""
    corpus = ensure_corpus(size)
    stamp = {"corpus": corpus.name, "bytes": corpus.stat().st_size, "mtime": corpus.stat().st_mtime}
    data_dir = catalog_dir(size)
    marker = data_dir / "catalog.json"
    if marker.exists() and json.loads(marker.read_text()) == stamp:
        return data_dir
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True)
    print(f"importing {corpus.name} into {data_dir} ...", file=sys.stderr)
    subprocess.run(
        [str(CLI), "import", str(corpus)],
        env={**os.environ, "COURSEATLAS_DATA_DIR": str(data_dir), "COURSEATLAS_DATABASE_URL": ""},
        check=True,
        stdout=subprocess.DEVNULL,
    )
    marker.write_text(json.dumps(stamp))
    return data_dir


def ensure_real_catalog() -> Path:
    """The data directory of the real catalog (database at ``REAL_DATABASE_URL``)."""
    done = REAL_DIR / "imported"
    if done.exists():
        return REAL_DIR
    if not SHARED.is_dir():
        raise SystemExit(f"needs the real datasets in {SHARED}")
    # Imported here only: the other benchmarks need neither the product nor the judged set.
    sys.path.insert(0, str(ROOT))
    from courseatlas.careers.guides import bundled_guides_dir
    from courseatlas.careers.importers import import_guides, import_onet
    from courseatlas.db.database import Database
    from courseatlas.ingest.service import run_import
    from courseatlas.migrations.prepare import prepare_database
    from courseatlas.settings import Settings
    from judgements.careers import DATASETS, ONET

    REAL_DIR.mkdir(parents=True, exist_ok=True)
    settings = Settings(env="test", data_dir=REAL_DIR, database_url=REAL_DATABASE_URL)
    database = Database(settings)
    prepare_database(database)
    for profile, files in DATASETS:
        run_import(database.sessions, [SHARED / f for f in files], profile_name=profile)
    import_guides(database.sessions, [bundled_guides_dir()])
    import_onet(database.sessions, SHARED / ONET)  # the judged set has O*NET-only careers
    database.dispose()
    done.write_text("imported\n")
    return REAL_DIR


def bench_env(data_dir: Path, database_url: str = "") -> dict[str, str]:
    """Environment for running the product against a benchmark catalog (SQLite in
    ``data_dir`` unless ``database_url`` names another database)."""
    return {
        **os.environ,
        "COURSEATLAS_DATA_DIR": str(data_dir),
        "COURSEATLAS_DATABASE_URL": database_url,
        "COURSEATLAS_LOG_LEVEL": "WARNING",
        # The benchmarks measure the service, not its per-client budgets: one load generator
        # on one address would be answered 429 after the first 600 requests of a minute.
        "COURSEATLAS_RATE_LIMIT_API": "0",
        "COURSEATLAS_RATE_LIMIT_PAGES": "0",
        "COURSEATLAS_RATE_LIMIT_EXPENSIVE": "0",
    }
