"""One import at a time per database: a second one waits for the first, and says so.

Imports create providers, skills, topics and resources by natural key; two at once would
race to insert the same keys. The lock dies with its process (kill -9 included): on
PostgreSQL it is a session advisory lock, on SQLite an flock on a file beside the database.
"""

from __future__ import annotations

import fcntl
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, text

_ADVISORY_KEY = 0x636F75727365  # "course": any constant shared by every importer


@contextmanager
def import_lock(engine: Engine, on_wait: Callable[[], None]) -> Iterator[None]:
    """Held for the length of an import; ``on_wait`` is called once if another holds it."""
    if engine.dialect.name == "postgresql":
        with _advisory_lock(engine, on_wait):
            yield
        return
    database = engine.url.database
    if not database or database == ":memory:":
        yield
        return
    with _file_lock(Path(f"{database}.import-lock"), on_wait):
        yield


@contextmanager
def _advisory_lock(engine: Engine, on_wait: Callable[[], None]) -> Iterator[None]:
    key = {"key": _ADVISORY_KEY}
    with engine.connect() as connection:
        if not connection.scalar(text("SELECT pg_try_advisory_lock(:key)"), key):
            on_wait()
            connection.execute(text("SELECT pg_advisory_lock(:key)"), key)
        connection.commit()  # The lock belongs to the session, not to a transaction.
        try:
            yield
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:key)"), key)
            connection.commit()


@contextmanager
def _file_lock(path: Path, on_wait: Callable[[], None]) -> Iterator[None]:
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            on_wait()
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
