"""``courseatlas embed`` as operators run it: a count, and one line when the extra is missing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from courseatlas.db.database import Database
from tests.semantic.conftest import COURSES

# Hides the runtime as an uninstalled package does: find_spec answers None.
WITHOUT_EXTRA = (
    "import sys; sys.modules['onnxruntime'] = None; from courseatlas.cli import main; main()"
)


def _run(data_dir: Path, database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "COURSEATLAS_DATA_DIR": str(data_dir),
        "COURSEATLAS_DATABASE_URL": database_url,
        "COLUMNS": "200",
    }
    return subprocess.run(
        [sys.executable, *args],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def test_embed_prints_how_many_it_embedded(catalog: Database) -> None:
    settings = catalog.settings
    first = _run(settings.data_dir, settings.database_url, "-m", "courseatlas", "embed")
    assert first.returncode == 0, first.stderr
    assert f"{len(COURSES)} resources embedded" in first.stderr
    again = _run(settings.data_dir, settings.database_url, "-m", "courseatlas", "embed")
    assert "0 resources embedded" in again.stderr


def test_embed_without_the_extra_says_how_to_install_it(tmp_path: Path) -> None:
    result = _run(tmp_path, "", "-c", WITHOUT_EXTRA, "embed")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "error: the semantic extra is not installed: pip install 'courseatlas[semantic]'"
    )
    assert not (tmp_path / "courseatlas.db").exists()
