"""The database of one process: engine, session factory, and schema set-up."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from courseatlas.db import migrate
from courseatlas.db.engine import make_engine
from courseatlas.db.session import make_sessionmaker, session_scope
from courseatlas.settings import Settings


class Database:
    def __init__(self, settings: Settings, engine: Engine | None = None) -> None:
        self.settings = settings
        self.engine = engine or make_engine(settings)
        self.sessions: sessionmaker[Session] = make_sessionmaker(self.engine)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with session_scope(self.sessions) as session:
            yield session

    def upgrade(self) -> None:
        """Migrate to the latest schema and load the bundled vocabularies (idempotent)."""
        from courseatlas.catalog.names import Vocabulary

        migrate.upgrade(self.engine)
        with self.session() as session:
            Vocabulary(session).ensure_seed_skills()

    def dispose(self) -> None:
        self.engine.dispose()
