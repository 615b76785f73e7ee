"""A database outage answers 503 on every route, never 500, and the service recovers by
itself: a private PostgreSQL cluster is stopped and started under the running app."""

from __future__ import annotations

import re
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select

from courseatlas.app import create_app
from courseatlas.careers.models import Career
from courseatlas.catalog.models import Provider, Resource, Topic
from courseatlas.db.database import Database
from courseatlas.demo import load_demo
from courseatlas.search.runtime import SearchRuntime
from courseatlas.settings import Settings
from tests.production.servers import PrivateCluster, private_postgres

pytestmark = pytest.mark.postgres

PARAM = re.compile(r"\{(\w+)(?::\w+)?\}")


@pytest.fixture(scope="module")
def cluster() -> Iterator[PrivateCluster]:
    with private_postgres() as server:
        yield server


@pytest.fixture
def outage_app(cluster: PrivateCluster, tmp_path: Path) -> Iterator[tuple[TestClient, Database]]:
    url = cluster.create_database(f"faults_{tmp_path.name[-12:].replace('-', '_')}")
    settings = Settings(
        env="test",
        database_url=url,
        data_dir=tmp_path,
        search_sync_seconds=0,
        db_connect_timeout=2,
        db_pool_timeout=2,
    )
    database = Database(settings)
    load_demo(database)
    runtime = SearchRuntime(database)
    runtime.sync()
    runtime.stop()
    with TestClient(create_app(settings, database), raise_server_exceptions=False) as client:
        yield client, database
    database.dispose()


def _samples(database: Database) -> dict[str, str]:
    """A real value for each path parameter, by the first segment of its path."""
    with database.session() as session:
        course = session.scalars(select(Resource).where(Resource.kind == "course")).first()
        book = session.scalars(select(Resource).where(Resource.kind == "book")).first()
        assert course is not None and book is not None
        return {
            "courses": course.slug,
            "books": book.slug,
            "topics": session.scalars(select(Topic.slug)).first() or "x",
            "careers": session.scalars(select(Career.slug)).first() or "x",
            "providers": session.scalars(select(Provider.slug)).first() or "x",
            "id": str(course.id),
            "resource_id": str(course.id),
        }


def _every_get_path(app: FastAPI, samples: dict[str, str]) -> list[str]:
    paths = []
    for route in app.router.routes:
        contexts = getattr(route, "effective_route_contexts", None)
        for context in contexts() if contexts else [route]:
            methods = getattr(context, "methods", None) or set()
            path: str = getattr(context, "path", "")
            if "GET" not in methods or path.startswith("/docs"):
                continue
            segment = path.strip("/").split("/")[0] if path.strip("/") else ""
            if segment in {"api", "go"}:
                segment = ""

            def value(match: re.Match[str], segment: str = segment) -> str:
                return samples.get(match.group(1)) or samples.get(segment) or "x"

            paths.append(PARAM.sub(value, path) + ("?q=python" if "search" in path else ""))
    return paths


def _assert_outage_answer(path: str, response: object) -> None:
    status = response.status_code  # type: ignore[attr-defined]
    text = response.text  # type: ignore[attr-defined]
    assert status < 500 or status == 503, f"{path}: {status} {text[:300]}"
    if status == 503:
        assert response.headers["retry-after"]  # type: ignore[attr-defined]
        if path.startswith(("/api/", "/readyz")):
            assert response.headers["content-type"].startswith(  # type: ignore[attr-defined]
                ("application/problem+json", "application/json")
            )


CATALOG_PATHS = (
    "/api/v1/resources",
    "/api/v1/search",
    "/api/v1/careers",
    "/api/v1/topics",
    "/courses/",
    "/books/",
    "/careers",
    "/topics",
    "/search",
    "/providers/",
    "/go/",
)


def test_an_outage_answers_503_on_every_route_and_the_service_recovers(
    cluster: PrivateCluster, outage_app: tuple[TestClient, Database]
) -> None:
    client, database = outage_app
    paths = _every_get_path(client.app, _samples(database))  # type: ignore[arg-type]
    assert len(paths) > 20
    before = {path: client.get(path, follow_redirects=False).status_code for path in paths}
    assert all(status < 500 for status in before.values()), before
    client.app.state.search.answers._entries.clear()  # type: ignore[attr-defined]

    cluster.stop()
    try:
        during = {}
        for path in paths:
            response = client.get(path, follow_redirects=False)
            _assert_outage_answer(path, response)
            during[path] = response.status_code
        problem = client.get("/api/v1/resources/" + _samples_id(paths))
        assert problem.status_code == 503
        assert problem.json()["title"] == "Service Unavailable"
        ready = client.get("/readyz")
        assert ready.status_code == 503
        assert ready.json() == {"status": "unavailable", "database": "unreachable"}
        assert str(cluster.port) not in ready.text and "127.0.0.1" not in ready.text
        # Every page and API answer that reads the catalog says so; forms, redirects to
        # sign in and answers that need no database go on as before.
        catalog = [p for p in during if p.startswith(CATALOG_PATHS) and "/interests/" not in p]
        assert len(catalog) > 15
        assert all(during[p] == 503 for p in catalog), during
    finally:
        cluster.start()

    # Pool pre-ping replaces the dead connections: no restart of the app is needed.
    deadline = time.monotonic() + 30
    while client.get("/readyz").status_code != 200 and time.monotonic() < deadline:
        time.sleep(0.2)
    after = {path: client.get(path, follow_redirects=False).status_code for path in paths}
    assert after == before


def _samples_id(paths: list[str]) -> str:
    return next(p for p in paths if p.startswith("/api/v1/resources/")).split("/")[4]


def test_a_restart_under_load_gives_only_503s_then_recovers(
    cluster: PrivateCluster, outage_app: tuple[TestClient, Database]
) -> None:
    client, database = outage_app
    resource = _samples(database)["id"]
    statuses: Counter[int] = Counter()
    stop = threading.Event()

    def hammer(worker: int) -> None:
        n = 0
        while not stop.is_set():
            n += 1
            # Never-repeating queries: no answer comes from a cache.
            for path in (
                f"/api/v1/search?q=python+w{worker}n{n}",
                f"/api/v1/resources/{resource}",
                "/api/v1/topics",
            ):
                response = client.get(path)
                _assert_outage_answer(path, response)
                statuses[response.status_code] += 1

    threads = [threading.Thread(target=hammer, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(1)
        cluster.stop()
        time.sleep(2)
        cluster.start()
        deadline = time.monotonic() + 30
        while client.get("/readyz").status_code != 200 and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(1)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert set(statuses) <= {200, 503}, statuses
    assert statuses[200] > 0 and statuses[503] > 0, statuses
    assert client.get(f"/api/v1/resources/{resource}").json()["id"] == int(resource)
