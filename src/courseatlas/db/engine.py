"""Engines for SQLite (WAL, foreign keys on) and PostgreSQL (pooled psycopg)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event

from courseatlas.settings import Settings

SQLITE_SPARE_CONNECTIONS = 4


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    # NORMAL is durable across application crashes in WAL mode; only power loss can drop the last commit.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA cache_size=-65536")
    # Checkpoint every ~40 MB of WAL rather than 4 MB: bulk imports commit large batches.
    cursor.execute("PRAGMA wal_autocheckpoint=10000")
    cursor.close()


def make_engine(settings: Settings) -> Engine:
    url = settings.sqlalchemy_url
    if settings.is_sqlite:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        # As many kept connections as the worker runs requests at once (plus a few for its
        # background threads): a connection closed after use takes its warm page cache with
        # it, and the next one pays its pragmas and cold reads again.
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False},
            pool_size=settings.db_pool_size,
            max_overflow=SQLITE_SPARE_CONNECTIONS,
            pool_timeout=settings.db_pool_timeout,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    # Pre-ping replaces connections a database restart broke; the timeouts turn an outage
    # into a quick 503 instead of requests piling up behind it.
    return create_engine(
        url,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_pool_size,
        pool_pre_ping=True,
        pool_timeout=settings.db_pool_timeout,
        connect_args={"connect_timeout": max(1, round(settings.db_connect_timeout))},
    )
