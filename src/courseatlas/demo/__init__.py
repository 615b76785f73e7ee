"""The bundled demo catalog and career guides, written for this project."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from courseatlas.careers.guides import bundled_guides_dir
from courseatlas.careers.importers import import_guides
from courseatlas.db.database import Database
from courseatlas.ingest.runs import ImportSummary
from courseatlas.ingest.service import run_import
from courseatlas.migrations.prepare import prepare_database


def catalog_path() -> Path:
    return Path(str(resources.files("courseatlas.demo").joinpath("catalog.jsonl")))


def load_demo(db: Database) -> ImportSummary:
    """Migrate, import the demo catalog and the bundled career guides; again changes nothing.

    Returns the catalog import's summary."""
    prepare_database(db)
    summary = run_import(db.sessions, [catalog_path()], batch_size=db.settings.import_batch_size)
    import_guides(db.sessions, [bundled_guides_dir()])
    return summary
