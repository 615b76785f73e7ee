"""A damaged index is found at start, at open and when the engine fails, and rebuilt."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from courseatlas.app import create_app
from courseatlas.db.database import Database
from courseatlas.ingest.service import run_import
from courseatlas.search.engine import EngineFailure
from courseatlas.search.integrity import damage
from courseatlas.search.runtime import SearchRuntime
from tests.helpers import course, database_ids, indexed_ids, write_jsonl

N = 60


def _catalog(db: Database, tmp_path: Path) -> Path:
    """N courses, indexed; returns the index directory."""
    rows = [
        course(n, title=f"Origami lesson {n}", description="Fold paper " * 40) for n in range(N)
    ]
    run_import(db.sessions, [write_jsonl(tmp_path / "feed.jsonl", *rows)])
    runtime = SearchRuntime(db)
    runtime.sync()
    path = runtime.engine.path
    runtime.stop()
    return path


def _corrupt(path: Path, suffix: str = ".store") -> None:
    """Flip bytes inside a segment file, in place (a live process's mapping sees them)."""
    file = max(path.glob(f"*{suffix}"), key=lambda f: f.stat().st_size)
    with file.open("r+b") as handle:
        data = bytearray(handle.read())
        for i in range(16, len(data) - 200, 3):
            data[i] ^= 0x5A
        handle.seek(0)
        handle.write(data)


def _origami(runtime: SearchRuntime) -> int:
    from courseatlas.search.base import SearchRequest
    from courseatlas.search.query import parse_query

    return runtime.engine.search(SearchRequest(query=parse_query("origami"), limit=100)).total


@pytest.mark.parametrize("harm", ["segment", "meta.json"])
def test_a_damaged_index_is_found_at_start_and_rebuilt(
    db: Database, tmp_path: Path, harm: str
) -> None:
    path = _catalog(db, tmp_path)
    if harm == "segment":
        _corrupt(path)
    else:
        (path / "meta.json").unlink()
    assert damage(path, expects_documents=True) is not None
    runtime = SearchRuntime(db)  # a process starting
    runtime.sync()
    problem = runtime.status(max_lag=1000).problem
    assert problem is not None
    assert {"segment": "checksum mismatch", "meta.json": "meta.json is missing"}[harm] in problem
    assert _origami(runtime) in (0, N)  # it serves what it can, without failing
    runtime.wait_rebuilt()
    runtime.sync()
    assert runtime.engine.path != path
    assert indexed_ids(runtime) == database_ids(db) and len(database_ids(db)) == N
    assert runtime.status(max_lag=1000).problem is None
    runtime.stop()


def test_a_damaged_new_index_is_found_at_open_and_the_last_good_one_serves(
    db: Database, tmp_path: Path
) -> None:
    _catalog(db, tmp_path)
    live = SearchRuntime(db)
    live.sync()
    live.location.unlock_writer()  # as if a reindex ran in another process:
    builder = SearchRuntime(db)
    new_path = builder.indexer.rebuild()
    builder.stop()
    _corrupt(new_path, ".idx")
    assert _origami(live) == N  # opens the new index, finds it damaged, keeps the old one
    assert live.damage is not None and "checksum" in live.damage
    live.wait_rebuilt()
    assert live.engine.path not in (new_path,) and _origami(live) == N
    assert live.damage is None
    live.stop()


@pytest.fixture
def app_client(db: Database, tmp_path: Path) -> Iterator[TestClient]:
    _catalog(db, tmp_path)
    with TestClient(create_app(db.settings, db), raise_server_exceptions=False) as client:
        yield client


def test_an_engine_panic_is_the_sites_500_page_then_the_index_is_rebuilt(
    app_client: TestClient,
) -> None:
    runtime: SearchRuntime = app_client.app.state.search  # type: ignore[attr-defined]
    assert app_client.get("/search", params={"q": "origami"}).status_code == 200
    _corrupt(runtime.engine.path)  # under the running process
    response = app_client.get("/search", params={"q": "origami", "page": 2})
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.text
    request_id = response.headers["x-request-id"]
    assert request_id in response.text
    assert response.headers["content-security-policy"].startswith("default-src 'none'")
    assert response.headers["x-content-type-options"] == "nosniff"
    api = app_client.get("/api/v1/search", params={"q": "origami", "page": 3})
    assert api.status_code == 500 and api.json()["request_id"] == api.headers["x-request-id"]
    assert runtime.engine.failure is not None
    runtime.sync()  # the next sync cycle checks the index, finds it damaged, rebuilds it
    ready = app_client.get("/readyz")
    assert ready.status_code == 503 and "checksum" in ready.json()["search"]["problem"]
    runtime.wait_rebuilt()
    runtime.sync()
    assert app_client.get("/readyz").status_code == 200
    found = app_client.get("/api/v1/search", params={"q": "origami", "per_page": 100})
    assert found.json()["total"] == N


def test_readyz_says_not_ready_for_an_empty_index(db: Database, tmp_path: Path) -> None:
    run_import(db.sessions, [write_jsonl(tmp_path / "feed.jsonl", course(1), course(2))])
    client = TestClient(create_app(db.settings, db))  # not started: the index never caught up
    ready = client.get("/readyz")
    assert ready.status_code == 503
    assert ready.json()["search"]["problem"] == "the index is empty but the catalog is not"


def test_readyz_says_not_ready_far_behind_the_catalog(db: Database, tmp_path: Path) -> None:
    _catalog(db, tmp_path)
    rows = [course(100 + n) for n in range(10)]
    run_import(db.sessions, [write_jsonl(tmp_path / "b.jsonl", *rows)])
    settings = db.settings.model_copy(update={"search_ready_max_lag": 5})
    ready = TestClient(create_app(settings, db)).get("/readyz")  # not started: no catch-up
    assert ready.status_code == 503
    assert ready.json()["search"]["problem"] == "the index is 10 changes behind the catalog"
    relaxed = db.settings.model_copy(update={"search_ready_max_lag": 10})
    assert TestClient(create_app(relaxed, db)).get("/readyz").status_code == 200


def test_engine_failures_are_errors_not_crashes(db: Database, tmp_path: Path) -> None:
    path = _catalog(db, tmp_path)
    runtime = SearchRuntime(db)
    runtime.sync()
    _corrupt(path)
    with pytest.raises(EngineFailure):
        _origami(runtime)
    assert runtime.engine.failure is not None
    runtime.stop()
