"""The database of one process: its engine and session factory."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from courseatlas.db.engine import make_engine
from courseatlas.db.session import make_sessionmaker, session_scope
from courseatlas.settings import Settings


class Database:
    def __init__(self, settings: Settings, engine: Engine | None = None) -> None:
        self.settings = settings
        self.engine = engine or make_engine(settings)
        self.sessions: sessionmaker[Session] = make_sessionmaker(
            self.engine, {"display_currency": settings.display_currency}
        )

    @contextmanager
    def session(self) -> Iterator[Session]:
        with session_scope(self.sessions) as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
