"""Search fixtures: the demo catalog loaded and indexed, on each database."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from courseatlas.db.database import Database
from courseatlas.demo import load_demo
from courseatlas.search.runtime import SearchRuntime


@pytest.fixture
def demo(db: Database) -> Database:
    load_demo(db)
    return db


@pytest.fixture
def runtime(demo: Database) -> Iterator[SearchRuntime]:
    search = SearchRuntime(demo)
    search.sync()
    yield search
    search.stop()
