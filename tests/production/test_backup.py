"""``courseatlas backup`` and ``restore`` on both databases: a restore into an empty
database serves the same searches; ``stats`` reports the result."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from courseatlas.db.database import Database
from courseatlas.db.instance import namespace_of
from tests.helpers import course, write_jsonl
from tests.production.servers import cli, environment


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def databases(
    request: pytest.FixtureRequest, tmp_path: Path
) -> tuple[dict[str, str], dict[str, str]]:
    """Settings of a source and of an empty target of the same kind."""
    if request.param == "sqlite":
        return (
            environment(data_dir=str(tmp_path / "source"), env="test"),
            environment(data_dir=str(tmp_path / "target"), env="test"),
        )
    make: Callable[[str], str] = request.getfixturevalue("postgres_server")
    return (
        environment(
            data_dir=str(tmp_path / "source"), env="test", database_url=make("backup_source")
        ),
        environment(
            data_dir=str(tmp_path / "target"), env="test", database_url=make("backup_target")
        ),
    )


@pytest.mark.slow
def test_a_backup_restored_into_an_empty_database_is_searchable(
    databases: tuple[dict[str, str], dict[str, str]], tmp_path: Path
) -> None:
    source, target = databases
    assert cli(source, "db", "upgrade").returncode == 0
    feed = write_jsonl(
        tmp_path / "a.jsonl", *(course(n, title=f"Theremin Basics {n}") for n in range(15))
    )
    assert cli(source, "import", str(feed)).returncode == 0
    file = tmp_path / "catalog.backup"
    made = cli(source, "backup", str(file))
    assert made.returncode == 0, made.stderr

    restored = cli(target, "restore", str(file))
    assert restored.returncode == 0, restored.stderr
    assert "15 documents" in restored.stderr

    from fastapi.testclient import TestClient

    from courseatlas.app import create_app
    from courseatlas.settings import Settings

    settings = Settings(
        env="test",
        data_dir=Path(target["COURSEATLAS_DATA_DIR"]),
        database_url=target.get("COURSEATLAS_DATABASE_URL", ""),
        search_sync_seconds=0,
    )
    database = Database(settings)
    with TestClient(create_app(settings, database)) as client:
        page = client.get("/api/v1/search?q=theremin&per_page=50").json()
    # The copy is another catalog to Redis: what it holds of the source is not the target's.
    source_database = Database(
        Settings(
            env="test",
            database_url=source.get("COURSEATLAS_DATABASE_URL", ""),
            data_dir=Path(source["COURSEATLAS_DATA_DIR"]),
        )
    )
    assert namespace_of(database) != namespace_of(source_database)
    source_database.dispose()
    database.dispose()
    assert sorted(r["title"] for r in page["results"]) == sorted(
        f"Theremin Basics {n}" for n in range(15)
    )

    stats = cli(target, "stats")
    assert stats.returncode == 0, stats.stderr
    assert "courses" in stats.stderr and "15" in stats.stderr

    again = cli(target, "restore", str(file))  # the target holds a catalog now
    assert again.returncode == 1 and "--replace" in again.stderr


def test_restore_explains_a_file_that_is_no_backup(tmp_path: Path) -> None:
    env = environment(data_dir=str(tmp_path), env="test")
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"not a backup at all")
    result = cli(env, "restore", str(junk))
    assert result.returncode == 1
    assert "neither a SQLite nor a pg_dump backup" in result.stderr
    assert "Traceback" not in result.stderr
