"""Sessions: one per request (committed by the framework) and ``session_scope`` for CLI and jobs."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker


def make_sessionmaker(
    engine: Engine, info: dict[str, object] | None = None
) -> sessionmaker[Session]:
    """Sessions that carry ``info`` (settings the catalog reads, such as the display currency)."""
    return sessionmaker(engine, expire_on_commit=False, info=info)


@contextmanager
def session_scope(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A session committed on success and rolled back on any error."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
