"""Fixtures: real SQLite and real PostgreSQL databases, the same tests on both."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import Browser
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from courseatlas.app import create_app
from courseatlas.db.base import Base
from courseatlas.db.database import Database
from courseatlas.migrations.prepare import prepare_database
from courseatlas.settings import Settings
from tests.web.live import chromium, require_chromium

REPO = Path(__file__).resolve().parent.parent
POSTGRES_URL = os.environ.get(
    "COURSEATLAS_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}

# Tests send requests far faster than any client may: budgets are off unless a test sets one.
for _budget in ("API", "PAGES", "EXPENSIVE", "CRAWLERS"):
    os.environ.setdefault(f"COURSEATLAS_RATE_LIMIT_{_budget}", "0")
# Hundreds of apps start in one test process: none may freeze the others' objects for good.
os.environ.setdefault("COURSEATLAS_GC_TUNING", "false")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Files with slow tests first, each file's tests kept together: test processes take files
    in this order (``--dist loadfile --no-loadscope-reorder``), so the longest files start
    early instead of finishing last while the other process has nothing left to do."""
    slow_files = {item.path for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: item.path not in slow_files)


def _worker_suffix() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real public datasets in ../shared/data; tests that need them skip without them,
    except under CI, where a missing dataset must not pass unnoticed."""
    path = Path(os.environ.get("COURSEATLAS_SHARED_DATA", REPO.parent / "shared" / "data"))
    if not path.is_dir():
        if IN_CI:
            pytest.fail(f"real datasets not found at {path} (CI=true)")
        pytest.skip(f"real datasets not found at {path}")
    return path


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated SQLite file, copied for each test (faster than migrating each time)."""
    folder = tmp_path_factory.mktemp("template")
    database = Database(Settings(env="test", data_dir=folder))
    prepare_database(database)
    database.dispose()
    return folder / "courseatlas.db"


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[Callable[[str], str]]:
    """Makes databases of our own on the PostgreSQL server; drops them at the end."""
    admin_url = Settings(database_url=POSTGRES_URL).sqlalchemy_url
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:
        if IN_CI:
            raise
        pytest.skip(f"PostgreSQL not reachable at {POSTGRES_URL}: {error}")
    created: list[str] = []

    def make(purpose: str) -> str:
        # The process id keeps concurrent test runs on one server apart.
        name = f"courseatlas_{purpose}_{_worker_suffix()}_{os.getpid()}"
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        created.append(name)
        return make_url(admin_url).set(database=name).render_as_string(hide_password=False)

    yield make
    with admin.connect() as connection:
        for name in created:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def postgres_url(postgres_server: Callable[[str], str]) -> str:
    """A database migrated once per session, emptied before each test that uses it."""
    url = postgres_server("test")
    database = Database(Settings(env="test", database_url=url))
    prepare_database(database)
    database.dispose()
    return url


def _postgres_settings(url: str, data_dir: Path) -> Settings:
    return Settings(env="test", database_url=url, data_dir=data_dir, search_sync_seconds=0)


def _empty_postgres(url: str, data_dir: Path) -> Database:
    database = Database(_postgres_settings(url, data_dir))
    tables = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with database.engine.begin() as connection:
        connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    prepare_database(database)  # Reloads the bundled vocabularies.
    return database


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    """Settings of a database of each kind with no schema at all: for migration tests."""
    if request.param == "sqlite":
        return Settings(env="test", data_dir=tmp_path)
    make: Callable[[str], str] = request.getfixturevalue("postgres_server")
    return Settings(env="test", data_dir=tmp_path, database_url=make("migration"))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    """Settings for a fresh, migrated database of each kind."""
    if request.param == "sqlite":
        template: Path = request.getfixturevalue("sqlite_template")
        shutil.copy(template, tmp_path / "courseatlas.db")
        return Settings(env="test", data_dir=tmp_path, search_sync_seconds=0)
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


@pytest.fixture(
    scope="session", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def demo_db(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Database]:
    """The demo catalog, loaded and indexed once per session on each database: read-only."""
    from courseatlas.demo import load_demo
    from courseatlas.search.runtime import SearchRuntime

    folder = tmp_path_factory.mktemp(f"demo-{request.param}")
    if request.param == "sqlite":
        settings = Settings(env="test", data_dir=folder, search_sync_seconds=0)
    else:
        make: Callable[[str], str] = request.getfixturevalue("postgres_server")
        settings = _postgres_settings(make("demo"), folder)
    database = Database(settings)
    load_demo(database)
    runtime = SearchRuntime(database)
    runtime.sync()
    runtime.stop()
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def demo_api(demo_db: Database) -> Iterator[TestClient]:
    """The app serving the demo catalog; tests that use it must not change anything."""
    with TestClient(create_app(demo_db.settings, demo_db), raise_server_exceptions=False) as client:
        yield client


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Chromium for one module's browser tests (missing: they fail under CI, else skip)."""
    require_chromium()
    with chromium() as launched:
        yield launched
