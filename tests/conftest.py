"""Fixtures: real SQLite and real PostgreSQL databases, the same tests on both."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from courseatlas.app import create_app
from courseatlas.db.base import Base
from courseatlas.db.database import Database
from courseatlas.settings import Settings

REPO = Path(__file__).resolve().parent.parent
POSTGRES_URL = os.environ.get(
    "COURSEATLAS_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def _worker_suffix() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real public datasets in ../shared/data; tests that need them skip without them."""
    path = Path(os.environ.get("COURSEATLAS_SHARED_DATA", REPO.parent / "shared" / "data"))
    if not path.is_dir():
        pytest.skip(f"real datasets not found at {path}")
    return path


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, copied for each test (faster than migrating each time)."""
    folder = tmp_path_factory.mktemp("template")
    database = Database(Settings(env="test", data_dir=folder))
    database.upgrade()
    database.dispose()
    return folder / "courseatlas.db"


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A database of our own on the PostgreSQL server, migrated once per test session."""
    admin_url = Settings(database_url=POSTGRES_URL).sqlalchemy_url
    name = f"courseatlas_test_{_worker_suffix()}"
    try:
        admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:
        if IN_CI:
            raise
        pytest.skip(f"PostgreSQL not reachable at {POSTGRES_URL}: {error}")
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    database = Database(Settings(env="test", database_url=url))
    database.upgrade()
    database.dispose()
    yield url
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _postgres_settings(url: str, data_dir: Path) -> Settings:
    return Settings(env="test", database_url=url, data_dir=data_dir)


def _empty_postgres(url: str, data_dir: Path) -> Database:
    database = Database(_postgres_settings(url, data_dir))
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with database.engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    database.upgrade()  # Reloads the bundled vocabularies.
    return database


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    """Settings for a fresh, migrated database of each kind."""
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        shutil.copy(template, tmp_path / "courseatlas.db")
        return Settings(env="test", data_dir=tmp_path)
    url: str = request.getfixturevalue("postgres_url")
    _empty_postgres(url, tmp_path).dispose()
    return _postgres_settings(url, tmp_path)


@pytest.fixture
def db(db_settings: Settings) -> Iterator[Database]:
    database = Database(db_settings)
    yield database
    database.dispose()


@pytest.fixture
def client(db: Database) -> Iterator[TestClient]:
    with TestClient(create_app(db.settings, db), raise_server_exceptions=False) as test_client:
        yield test_client
