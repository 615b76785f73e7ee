"""Backups of the whole database while it serves, and restores into an empty one.

SQLite: the online backup API copies a consistent snapshot page by page while writers go
on. PostgreSQL: ``pg_dump --format=custom`` (one consistent snapshot) and ``pg_restore``.
A backup file says what it is by its first bytes, so restore needs no flag for it.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import make_url

from courseatlas.db.database import Database
from courseatlas.errors import BadRequest, Conflict

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_MAGIC = b"PGDMP"
PAGES_PER_STEP = 4096  # writers get a turn between steps of the online backup


def backup(database: Database, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    if database.settings.is_sqlite:
        with closing(_sqlite(database)) as source, closing(sqlite3.connect(partial)) as copy:
            source.backup(copy, pages=PAGES_PER_STEP)
    else:
        _run(
            _pg_tool("pg_dump"),
            "--format=custom",
            "--no-owner",
            f"--file={partial}",
            f"--dbname={_libpq_url(database)}",
        )
    partial.replace(target)


def restore(database: Database, source: Path, replace: bool = False) -> None:
    """The backup at ``source`` into the configured database, which must hold no catalog
    unless ``replace``. The search index is derived: rebuild it afterwards."""
    kind = _kind(source)
    if kind != ("sqlite" if database.settings.is_sqlite else "postgresql"):
        raise BadRequest(
            f"{source} is a {kind} backup; the configured database is "
            f"{'SQLite' if database.settings.is_sqlite else 'PostgreSQL'}"
        )
    if not replace and _holds_catalog(database):
        raise Conflict("the database already holds a catalog; pass --replace to overwrite it")
    database.dispose()
    if kind == "sqlite":
        with closing(sqlite3.connect(source)) as backup_file, closing(_sqlite(database)) as live:
            backup_file.backup(live, pages=PAGES_PER_STEP)
    else:
        _run(
            _pg_tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--exit-on-error",
            f"--dbname={_libpq_url(database)}",
            str(source),
        )


def _kind(source: Path) -> str:
    try:
        with source.open("rb") as handle:
            head = handle.read(16)
    except OSError as error:
        raise BadRequest(f"{source}: {error.strerror}") from None
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(PG_MAGIC):
        return "postgresql"
    raise BadRequest(f"{source} is neither a SQLite nor a pg_dump backup")


def _holds_catalog(database: Database) -> bool:
    with database.engine.connect() as connection:
        if not inspect(connection).has_table("resources"):
            return False
        return bool(connection.execute(text("SELECT EXISTS (SELECT 1 FROM resources)")).scalar())


def _sqlite(database: Database) -> sqlite3.Connection:
    path = make_url(database.settings.sqlalchemy_url).database
    assert path, "a SQLite URL names a file"
    return sqlite3.connect(path)


def _libpq_url(database: Database) -> str:
    url = make_url(database.settings.sqlalchemy_url).set(drivername="postgresql")
    return url.render_as_string(hide_password=False)


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BadRequest(f"{name} is not installed (Debian: apt-get install postgresql-client)")
    return found


def _run(*command: str) -> None:
    # A tool found on PATH, given arguments built here: no shell, nothing from a request.
    result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        # The tools' own words, without the connection string they were given.
        message = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else ""
        raise BadRequest(f"{Path(command[0]).name} failed: {message}")
