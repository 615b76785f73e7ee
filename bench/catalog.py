"""An imported, indexed SQLite catalog of the benchmark corpus, built once and reused.

    from catalog import ensure_catalog; data_dir = ensure_catalog(150_000)

The data directory (SQLite file + search index) lives in bench/corpus/catalog-<size>/ and is
rebuilt when the corpus file changes. It is made with the real CLI, as an operator would.
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
CLI = BENCH_DIR.parent / ".venv" / "bin" / "courseatlas"


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


def bench_env(data_dir: Path) -> dict[str, str]:
    """Environment for running the product against a benchmark catalog."""
    return {
        **os.environ,
        "COURSEATLAS_DATA_DIR": str(data_dir),
        "COURSEATLAS_DATABASE_URL": "",
        "COURSEATLAS_LOG_LEVEL": "WARNING",
        # The benchmarks measure the service, not its per-client budgets: one load generator
        # on one address would be answered 429 after the first 600 requests of a minute.
        "COURSEATLAS_RATE_LIMIT_API": "0",
        "COURSEATLAS_RATE_LIMIT_PAGES": "0",
        "COURSEATLAS_RATE_LIMIT_EXPENSIVE": "0",
    }
