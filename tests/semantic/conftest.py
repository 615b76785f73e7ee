"""Semantic fixtures: the real embedding model and a few imported resources on distinct topics."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from courseatlas.db.database import Database
from courseatlas.ingest.service import run_import
from courseatlas.semantic.encoder import EmbeddingModel, load_model
from tests.helpers import course, write_jsonl

pytest.importorskip("onnxruntime")

COURSES: dict[int, dict[str, Any]] = {
    1: {
        "title": "Practical SQL",
        "description": "Design relational schemas and write joins, aggregates and indexes.",
    },
    2: {
        "title": "Watercolour Landscapes",
        "description": "Paint skies, trees and water with washes and wet-on-wet technique.",
    },
    3: {
        "title": "Sourdough Baking at Home",
        "description": "Keep a starter, shape loaves and bake crusty bread.",
    },
    4: {
        "title": "Beginner Guitar",
        "description": "Chords, strumming patterns and your first songs on the acoustic guitar.",
    },
    5: {"title": "Marathon Training Plan", "description": None},
}


@pytest.fixture(scope="session")
def model() -> EmbeddingModel:
    loaded = load_model()
    if loaded is None:
        pytest.skip("the semantic extra's model files are missing")
    return loaded


def import_courses(db: Database, folder: Path, **changes: dict[str, Any]) -> None:
    """Import ``COURSES`` (with per-course field changes keyed "c<n>") as one feed."""
    rows = [course(n, **{**fields, **changes.get(f"c{n}", {})}) for n, fields in COURSES.items()]
    summary = run_import(db.sessions, [write_jsonl(folder / "feed.jsonl", *rows)])
    assert summary.exit_code == 0


@pytest.fixture
def catalog(db: Database, tmp_path: Path) -> Database:
    import_courses(db, tmp_path)
    return db
