"""Redis shared by workers and hosts: answers, rate-limit counters, index notices; and when
it stops, per-process fallbacks, `/readyz` degraded, nothing 500s."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from courseatlas.app import create_app
from courseatlas.db.database import Database
from courseatlas.db.redis_client import SharedRedis
from courseatlas.ingest.service import run_import
from courseatlas.migrations.prepare import prepare_database
from courseatlas.search.runtime import SearchRuntime
from courseatlas.settings import Settings
from tests.helpers import course, write_jsonl
from tests.production.servers import PrivateRedis


@pytest.fixture
def catalog(db: Database, tmp_path: Path) -> Database:
    feed = write_jsonl(tmp_path / "a.jsonl", *(course(n, title=f"Marimba {n}") for n in range(30)))
    run_import(db.sessions, [feed])
    runtime = SearchRuntime(db)
    runtime.sync()
    runtime.stop()
    return db


def _app(db: Database, redis_url: str, **settings: str) -> TestClient:
    configured = db.settings.model_copy(update={"redis_url": redis_url, **settings})
    return TestClient(create_app(configured, db), raise_server_exceptions=False)


def test_workers_share_answers_and_rate_limit_counters(
    catalog: Database, redis_server: PrivateRedis
) -> None:
    with (
        _app(catalog, redis_server.url, rate_limit_api="5/hour") as one,
        _app(catalog, redis_server.url, rate_limit_api="5/hour") as other,
    ):
        first = one.get("/api/v1/search?q=marimba")
        assert first.status_code == 200 and first.json()["total"] == 30
        again = other.get("/api/v1/search?q=marimba")
        assert again.content == first.content
        assert other.app.state.search.cache_lookups["shared_hit"] == 1  # type: ignore[attr-defined]
        # One budget across both: 2 requests so far, 3 more allowed, then 429 on either.
        statuses = [c.get("/api/v1/topics").status_code for c in (one, other, one, other)]
        assert statuses == [200, 200, 200, 429]
        assert one.get("/readyz").json()["redis"] == "ok"


def test_catalogs_sharing_a_redis_answer_each_from_its_own_index(
    catalog: Database, redis_server: PrivateRedis, tmp_path: Path
) -> None:
    """Staging beside production: the same query at the same change-log position is another
    answer in another catalog."""
    other_dir = tmp_path / "other"
    other_dir.mkdir()
    other = Database(Settings(env="test", data_dir=other_dir, search_sync_seconds=0))
    prepare_database(other)
    feed = write_jsonl(other_dir / "b.jsonl", *(course(n, title=f"Kazoo {n}") for n in range(30)))
    run_import(other.sessions, [feed])
    with _app(catalog, redis_server.url) as one, _app(other, redis_server.url) as elsewhere:
        mine = one.get("/api/v1/search?q=python").json()
        theirs = elsewhere.get("/api/v1/search?q=python").json()
        assert one.app.state.search.position == elsewhere.app.state.search.position  # type: ignore[attr-defined]
    assert {r["title"].split()[0] for r in mine["results"]} == {"Marimba"}
    assert {r["title"].split()[0] for r in theirs["results"]} == {"Kazoo"}
    other.dispose()


def test_redis_down_degrades_and_nothing_fails(
    catalog: Database, redis_server: PrivateRedis
) -> None:
    with _app(catalog, redis_server.url, rate_limit_api="100/hour") as client:
        assert client.get("/readyz").json()["status"] == "ok"
        redis_server.stop()
        try:
            for n in range(10):  # new and repeated queries, limited routes, pages
                for path in (
                    f"/api/v1/search?q=marimba+{n % 3}",
                    "/api/v1/topics",
                    "/search?q=marimba",
                ):
                    response = client.get(path)
                    assert response.status_code == 200, (path, response.text[:300])
            ready = client.get("/readyz")
            assert ready.status_code == 200
            assert ready.json()["status"] == "degraded" and ready.json()["redis"] == "unreachable"
            assert str(redis_server.port) not in ready.text
        finally:
            redis_server.start()
        deadline = time.monotonic() + 10
        while client.get("/readyz").json()["status"] != "ok" and time.monotonic() < deadline:
            time.sleep(0.2)
        assert client.get("/readyz").json()["redis"] == "ok"


def test_a_notice_makes_followers_reload_at_once(
    catalog: Database, redis_server: PrivateRedis, tmp_path: Path
) -> None:
    shared = SharedRedis(redis_server.url, catalog)
    writer = SearchRuntime(catalog, shared)
    writer.sync()  # takes the writer lock
    follower = SearchRuntime(catalog, SharedRedis(redis_server.url, catalog))
    follower.start(interval=600)  # polling alone would take ten minutes
    try:
        time.sleep(0.5)  # the follower subscribes
        feed = write_jsonl(tmp_path / "b.jsonl", course(99, title="Xylophone Repair"))
        run_import(catalog.sessions, [feed])
        assert writer.sync() == 1  # applies and publishes the notice
        deadline = time.monotonic() + 10
        while follower.position != writer.position and time.monotonic() < deadline:
            time.sleep(0.05)
        assert follower.position == writer.position
    finally:
        follower.stop()
        writer.stop()
        shared.close()
        follower.redis.close()


def test_settings_refuse_a_malformed_redis_url() -> None:
    with pytest.raises(ValueError, match="redis_url"):
        Settings(redis_url="http://not-redis")
