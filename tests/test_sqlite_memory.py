"""SQLite's memory per process is bounded: few connections, a page cache shared among them."""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import text

from courseatlas.db.database import Database
from courseatlas.settings import Settings


def test_connections_and_page_cache_are_bounded(tmp_path: Path) -> None:
    settings = Settings(env="test", data_dir=tmp_path, sqlite_connections=4, sqlite_cache_mb=32)
    database = Database(settings)
    held = [database.engine.connect() for _ in range(4)]
    cache = held[0].execute(text("PRAGMA cache_size")).scalar()
    assert cache == -(32 * 1024 // 4)  # in KiB: 8 MB each, 32 MB for the process
    fifth = threading.Thread(target=lambda: database.engine.connect().close())
    fifth.start()
    fifth.join(0.5)
    assert fifth.is_alive()  # a fifth connection waits for one of the four...
    held.pop().close()
    fifth.join(30)
    assert not fifth.is_alive()  # ...and gets it back
    for connection in held:
        connection.close()
    database.dispose()
