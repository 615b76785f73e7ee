"""The identity of one catalog database, under which what is kept outside it is filed.

Redis holds answers and sessions that describe one database: an answer names its results, a
session its learner by id. Two deployments sharing a Redis (staging beside production), or a
database restored from a backup (its change-log positions and ids given out again to other
content), must never read each other's. So their keys carry this database's namespace: a
random value made on first use and made anew by ``courseatlas restore``.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import String, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from courseatlas.db.base import Base, utcnow
from courseatlas.db.database import Database

ROW = 1  # the table holds one row


class Instance(Base):
    __tablename__ = "instance"

    id: Mapped[int] = mapped_column(primary_key=True)
    namespace: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


def namespace_of(database: Database) -> str:
    """This database's namespace, made now when it has none yet (one wins among racing
    processes; the others read it)."""
    found = _stored(database)
    if found is None:
        try:
            with database.session() as session:
                session.add(Instance(id=ROW, namespace=uuid.uuid4().hex))
        except IntegrityError:
            pass  # another process made it first
        found = _stored(database)
    assert found is not None  # made just now, by this process or another
    return found


def renew_namespace(database: Database) -> str:
    """A new namespace, after the database was replaced (a restore)."""
    namespace = uuid.uuid4().hex
    with database.session() as session:
        session.execute(delete(Instance))
        session.add(Instance(id=ROW, namespace=namespace))
    return namespace


def _stored(database: Database) -> str | None:
    with database.session() as session:
        return session.scalar(select(Instance.namespace).where(Instance.id == ROW))
