"""Remembered answers never outlive the index they came from, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from courseatlas.db.database import Database
from courseatlas.ingest.service import run_import
from courseatlas.search.runtime import SearchRuntime
from tests.helpers import course, write_jsonl


def _import_and_sync(client: TestClient, db: Database, path: Path, n: int) -> None:
    run_import(db.sessions, [write_jsonl(path, course(n, title=f"Origami lesson {n}"))])
    client.app.state.search.sync()  # type: ignore[attr-defined]  # what the sync thread does


def _reindex(db: Database) -> None:
    """What ``courseatlas reindex`` does, from a runtime of its own."""
    builder = SearchRuntime(db)
    builder.location.remove_others(keep=builder.indexer.rebuild())
    builder.stop()


def _total(client: TestClient) -> int:
    response = client.get("/api/v1/search", params={"q": "origami"})
    assert response.status_code == 200, response.text
    total: int = response.json()["total"]
    return total


def test_a_search_after_reindex_and_import_counts_the_new_index(
    client: TestClient, db: Database, tmp_path: Path
) -> None:
    _import_and_sync(client, db, tmp_path / "one.jsonl", 1)
    assert _total(client) == 1
    run_import(db.sessions, [write_jsonl(tmp_path / "two.jsonl", course(2, title="Origami 2"))])
    _reindex(db)
    # The new index starts counting its reloads afresh: the same count must not mean the same answer.
    _import_and_sync(client, db, tmp_path / "three.jsonl", 3)
    assert _total(client) == 3
