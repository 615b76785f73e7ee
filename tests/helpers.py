"""Small helpers shared by tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from courseatlas.catalog.models import Resource
from courseatlas.db.database import Database
from courseatlas.search.base import SearchRequest
from courseatlas.search.runtime import SearchRuntime
from courseatlas.settings import Settings


def write_jsonl(path: Path, *rows: dict[str, Any] | str) -> Path:
    """Rows as JSON Lines; a str row is written as it is (for malformed lines)."""
    lines = [row if isinstance(row, str) else json.dumps(row) for row in rows]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def course(n: int, **fields: Any) -> dict[str, Any]:
    """A valid canonical course row."""
    return {
        "kind": "course",
        "title": f"Course number {n}",
        "source": "test",
        "external_id": f"c{n}",
        "url": f"https://courses.example/c/{n}",
        "provider": "Test Academy",
        "level": "beginner",
        "language": "en",
        "skills": ["Python"],
        "topics": ["Computer Science > Programming"],
        **fields,
    }


def count_resources(db: Database) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(Resource)) or 0


def indexed_ids(runtime: SearchRuntime) -> set[int]:
    """Every resource id the search index holds."""
    result = runtime.search(SearchRequest(limit=1_000_000, facets=False, snippets=False))
    return {hit.id for hit in result.hits}


def database_ids(db: Database) -> set[int]:
    with db.session() as session:
        return set(session.scalars(select(Resource.id)))


def admin_headers(db: Database, email: str = "admin@example.org") -> dict[str, str]:
    """A bearer header of a new admin account, for admin-only endpoints."""
    from courseatlas.accounts import service

    with db.session() as session:
        user = service.create_user(session, email, "an admin's long passphrase", admin=True)
        token = service.new_token(session, user.id, "tests")
    return {"Authorization": f"Bearer {token}"}


def cli_environment(db: Database, **extra: str) -> dict[str, str]:
    """The environment of a ``courseatlas`` command on ``db``'s database and data dir."""
    return {
        **os.environ,
        "COURSEATLAS_DATA_DIR": str(db.settings.data_dir),
        "COURSEATLAS_DATABASE_URL": db.settings.database_url,
        "COLUMNS": "200",
        **extra,
    }


def run_cli(env: dict[str, str], *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """``python -m courseatlas ARGS`` as an operator runs it, never raising on failure."""
    return subprocess.run(
        [sys.executable, "-m", "courseatlas", *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )


def own_demo_database(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, purpose: str
) -> Database:
    """The demo catalog in a database of the kind ``request.param`` names ("sqlite" or
    "postgres") and a data dir of its own: for a module whose tests change it."""
    from courseatlas.demo import load_demo

    folder = tmp_path_factory.mktemp(f"{purpose}-{request.param}")
    settings = Settings(env="test", data_dir=folder, search_sync_seconds=0)
    if request.param == "postgres":
        make: Callable[[str], str] = request.getfixturevalue("postgres_server")
        settings = settings.model_copy(update={"database_url": make(purpose)})
    database = Database(settings)
    load_demo(database)
    return database
