"""Several hosts on one database: each data dir keeps its own index replica that follows
the change log; replicas register their position, the log is pruned below the oldest, and a
replica that fell too far behind rebuilds from the tables."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from courseatlas.db.database import Database
from courseatlas.ingest.changelog import SearchChange, SearchReplica
from courseatlas.ingest.service import run_import
from courseatlas.search.runtime import SearchRuntime
from courseatlas.settings import Settings
from tests.helpers import course, database_ids, indexed_ids, write_jsonl
from tests.production.servers import cli, environment, get_json
from tests.web.live import serving


def _host(db: Database, folder: Path) -> SearchRuntime:
    """Another host: its own data dir, the same database."""
    url = db.settings.database_url or f"sqlite:///{db.settings.data_dir / 'courseatlas.db'}"
    settings = Settings(env="test", data_dir=folder, database_url=url, search_sync_seconds=0)
    return SearchRuntime(Database(settings))


def _changes(db: Database) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(SearchChange)) or 0


def test_the_change_log_is_pruned_below_the_oldest_replica(db: Database, tmp_path: Path) -> None:
    run_import(db.sessions, [write_jsonl(tmp_path / "a.jsonl", *(course(n) for n in range(30)))])
    a, b = _host(db, tmp_path / "a"), _host(db, tmp_path / "b")
    for host in (a, b):
        host.sync()  # registers its position before it applies anything
    for host in (a, b):
        host.upkeep()
    with db.session() as session:
        floors = dict(session.execute(select(SearchReplica.name, SearchReplica.floor)).all())
    assert sorted(floors.values()) == [30, 30] and len(set(floors)) == 2
    assert _changes(db) == 1  # everything applied everywhere; the newest stays

    feed = write_jsonl(tmp_path / "more.jsonl", *(course(n) for n in range(30, 50)))
    run_import(db.sessions, [feed])
    a.sync()
    a.upkeep()
    assert _changes(db) == 20  # b has not applied the 20 new ones: they stay for it
    b.sync()
    b.upkeep()
    assert _changes(db) == 1
    assert indexed_ids(b) == database_ids(db)
    for host in (a, b):
        host.stop()
        host.database.dispose()


def test_a_replica_too_far_behind_rebuilds_from_the_tables(db: Database, tmp_path: Path) -> None:
    run_import(db.sessions, [write_jsonl(tmp_path / "a.jsonl", *(course(n) for n in range(25)))])
    a = _host(db, tmp_path / "a")
    a.sync()
    a.upkeep()  # the only replica: the log is pruned to its newest entry
    assert _changes(db) == 1
    late = _host(db, tmp_path / "late")  # a new host: the log no longer starts at the start
    first_path = late.engine.path
    late.sync()
    assert late.engine.path != first_path  # rebuilt into a new directory
    assert indexed_ids(late) == database_ids(db)
    assert len(indexed_ids(late)) == 25
    for host in (a, late):
        host.stop()
        host.database.dispose()


@pytest.mark.postgres
@pytest.mark.slow
def test_two_hosts_on_one_postgres(postgres_server: object, tmp_path: Path) -> None:
    url = postgres_server("hosts")  # type: ignore[operator]
    common = {
        "database_url": url,
        "env": "test",
        "search_sync_seconds": "0.5",
        "rate_limit_api": "0",
    }
    env_a = environment(data_dir=str(tmp_path / "a"), **common)
    env_b = environment(data_dir=str(tmp_path / "b"), **common)
    assert cli(env_a, "db", "upgrade").returncode == 0
    with serving(env_a) as (base_a, _), serving(env_b) as (base_b, _):
        feed = write_jsonl(tmp_path / "new.jsonl", course(1, title="Heliotrope Cartography"))
        imported = cli(env_a, "import", str(feed))
        assert imported.returncode == 0, imported.stderr
        # Each host's index, its own replica, shows the change within 5 s (a server that
        # committed its index in the last 3 s holds what follows for the rest of them).
        deadline = time.monotonic() + 5
        for base in (base_b, base_a):
            titles: list[str] = []
            while time.monotonic() < deadline and "Heliotrope Cartography" not in titles:
                _, page = get_json(f"{base}/api/v1/search?q=heliotrope")
                titles = [r["title"] for r in page["results"]]  # type: ignore[index]
                time.sleep(0.1)
            assert "Heliotrope Cartography" in titles, base

        # A reindex on host a: host b serves throughout, a's old index until the swap.
        answers: list[tuple[int, int]] = []
        done = threading.Event()

        def ask() -> None:
            n = 0
            while not done.is_set():
                n += 1
                for base in (base_a, base_b):
                    status, page = get_json(f"{base}/api/v1/search?q=heliotrope&page={n % 50 + 1}")
                    total = page["total"] if status == 200 else -1  # type: ignore[index]
                    answers.append((status, total))

        asker = threading.Thread(target=ask)
        asker.start()
        try:
            rebuilt = cli(env_a, "reindex")
        finally:
            done.set()
            asker.join()
        assert rebuilt.returncode == 0, rebuilt.stderr
        assert answers and all(answer == (200, 1) for answer in answers), answers[:20]
        _, page = get_json(f"{base_a}/api/v1/search?q=heliotrope")
        assert [r["title"] for r in page["results"]] == ["Heliotrope Cartography"]  # type: ignore[index]
