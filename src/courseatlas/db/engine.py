"""Engines for SQLite (WAL, foreign keys on) and PostgreSQL (pooled psycopg)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.pool import QueuePool

from courseatlas.settings import Settings
from courseatlas.text import json_dumps, json_loads


def _sqlite_pragmas(cache_kib: int) -> Callable[[Any, Any], None]:
    def set_pragmas(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        # NORMAL is durable across application crashes in WAL mode; only power loss can drop the last commit.
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.execute(f"PRAGMA cache_size=-{cache_kib}")  # negative: KiB, not pages
        # Checkpoint every ~40 MB of WAL rather than 4 MB: bulk imports commit large batches.
        cursor.execute("PRAGMA wal_autocheckpoint=10000")
        cursor.close()

    return set_pragmas


def make_engine(settings: Settings) -> Engine:
    """JSON columns are read and written with orjson: json.loads was a tenth of an index
    rebuild, json.dumps a twentieth of storing an import's rows."""
    url = settings.sqlalchemy_url
    if settings.is_sqlite:
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        # A bounded pool, its page cache shared out: a process's SQLite memory is at most
        # about sqlite_cache_mb, whatever the load (the default pool held 15 of 64 MB each).
        engine = create_engine(
            url,
            json_deserializer=json_loads,
            json_serializer=json_dumps,
            connect_args={"check_same_thread": False},
            poolclass=QueuePool,
            pool_size=settings.sqlite_connections,
            max_overflow=0,
            pool_timeout=settings.db_pool_timeout,
        )
        cache_kib = settings.sqlite_cache_mb * 1024 // settings.sqlite_connections
        event.listen(engine, "connect", _sqlite_pragmas(cache_kib))
        return engine
    # Pre-ping replaces connections a database restart broke; the timeouts turn an outage
    # into a quick 503 instead of requests piling up behind it.
    engine = create_engine(
        url,
        json_deserializer=json_loads,
        json_serializer=json_dumps,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_pool_size,
        pool_pre_ping=True,
        pool_timeout=settings.db_pool_timeout,
        connect_args={"connect_timeout": max(1, round(settings.db_connect_timeout))},
    )
    event.listen(engine, "handle_error", _interrupted_ping_stays_an_interrupt)
    return engine


def _interrupted_ping_stays_an_interrupt(context: ExceptionContext) -> BaseException | None:
    """Ctrl-C during the pre-ping's query raises Ctrl-C, not ProgrammingError.

    SQLAlchemy's psycopg ping restores autocommit in a ``finally``; with the query cut off the
    connection is still busy, and the restore's error would replace the KeyboardInterrupt
    (an import stopped by Ctrl-C exited 1, not 130). The pool drops the connection either way.
    """
    interrupted = context.original_exception.__context__
    if context.is_pre_ping and isinstance(interrupted, KeyboardInterrupt | SystemExit):
        return interrupted
    return None
