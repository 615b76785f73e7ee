"""The databases an import benchmark writes to: a fresh SQLite file or PostgreSQL database."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any, LiteralString
from urllib.parse import urlsplit

import psycopg
from psycopg import sql
from report import console

PG_DATABASE = "bench_ingest"
COUNT_NAMES = ("created", "updated", "unchanged", "rejected")


class BenchmarkError(RuntimeError):
    """An import failed or did not store what it was given."""


class Target:
    """A fresh database for one benchmark run, and what the importer needs to reach it.

    Every run also gets its own data directory: the importer keeps local state there (the
    search index), which must not land in the developer's ./var.
    """

    name: str

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir

    def env(self) -> dict[str, str]:
        """The importer's environment variables that point it at this database."""
        return {"COURSEATLAS_DATA_DIR": str(self.data_dir)}

    def query(self, query: str) -> tuple[Any, ...]:
        """The first row of a query."""
        raise NotImplementedError

    def size_bytes(self) -> int:
        raise NotImplementedError

    def close(self, keep: bool) -> None:
        """Drop the database, unless asked to keep it."""

    def search_index_bytes(self) -> int:
        return _tree_bytes(self.data_dir / "search")

    def resource_count(self) -> int:
        return int(self.query("SELECT count(*) FROM resources")[0])

    def latest_run_id(self) -> int:
        return int(self.query("SELECT max(id) FROM import_runs")[0])

    def run_counts(self, run_id: int) -> dict[str, Any]:
        """The import run's status and counters, as the importer stored them."""
        names = ("status", *COUNT_NAMES)
        row = self.query(f"SELECT {', '.join(names)} FROM import_runs WHERE id = {int(run_id)}")
        return dict(zip(names, row, strict=True))


def _tree_bytes(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file()) if root.exists() else 0


class SqliteTarget(Target):
    """The default database: a SQLite file in the (fresh) data directory."""

    name = "sqlite"

    def __init__(self, data_dir: Path) -> None:
        super().__init__(data_dir)
        self.path = data_dir / "courseatlas.db"

    def query(self, query: str) -> tuple[Any, ...]:
        with closing(sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)) as connection:
            return tuple(connection.execute(query).fetchone())

    def size_bytes(self) -> int:
        """The database file with its write-ahead log (and the log's index), if present."""
        files = [self.path.with_name(self.path.name + suffix) for suffix in ("", "-wal", "-shm")]
        return sum(path.stat().st_size for path in files if path.exists())


class PostgresTarget(Target):
    """The database ``bench_ingest`` on the server, dropped and created anew."""

    name = "postgres"

    def __init__(self, data_dir: Path, admin_url: str, database: str = PG_DATABASE) -> None:
        super().__init__(data_dir)
        if not database.startswith("bench_"):
            raise ValueError(f"refusing to recreate {database!r}: only bench_* databases")
        self.admin_url = admin_url
        self.database = database
        self.url = urlsplit(admin_url)._replace(path=f"/{database}").geturl()
        self._admin("DROP DATABASE IF EXISTS {} WITH (FORCE)", "CREATE DATABASE {}")

    def _admin(self, *statements: LiteralString) -> None:
        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            for statement in statements:
                connection.execute(sql.SQL(statement).format(sql.Identifier(self.database)))

    def env(self) -> dict[str, str]:
        return super().env() | {"COURSEATLAS_DATABASE_URL": self.url}

    def query(self, query: str) -> tuple[Any, ...]:
        with psycopg.connect(self.url) as connection:
            row = connection.execute(query).fetchone()
        if row is None:
            raise BenchmarkError(f"no result: {query}")
        return tuple(row)

    def size_bytes(self) -> int:
        return int(self.query("SELECT pg_database_size(current_database())")[0])

    def close(self, keep: bool) -> None:
        if keep:
            console.print(f"  kept the PostgreSQL database: {self.url}")
        else:
            self._admin("DROP DATABASE IF EXISTS {} WITH (FORCE)")


def make_target(name: str, data_dir: Path, pg_url: str) -> Target:
    return SqliteTarget(data_dir) if name == "sqlite" else PostgresTarget(data_dir, pg_url)


def postgres_version(admin_url: str) -> str:
    with psycopg.connect(admin_url, connect_timeout=5) as connection:
        row = connection.execute("SHOW server_version").fetchone()
    return str(row[0]) if row else "?"
