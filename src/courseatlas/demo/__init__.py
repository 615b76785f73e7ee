"""The bundled demo catalog, written for this project."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from courseatlas.db.database import Database
from courseatlas.ingest.service import ImportSummary, run_import


def catalog_path() -> Path:
    return Path(str(resources.files("courseatlas.demo").joinpath("catalog.jsonl")))


def load_demo(db: Database) -> ImportSummary:
    """Migrate and import the demo catalog; importing it again changes nothing."""
    db.upgrade()
    return run_import(db.sessions, [catalog_path()], batch_size=db.settings.import_batch_size)
