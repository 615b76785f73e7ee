"""The change log: resource ids written in the same transaction as the catalog change."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from courseatlas.db.base import Base, utcnow


class SearchChange(Base):
    """One changed (or deleted) resource; indexers apply entries in id order after commit."""

    __tablename__ = "search_changes"

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    # No foreign key: a deleted resource must still be announced so it leaves the index.
    resource_id: Mapped[int] = mapped_column(Integer, index=True)
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)


class SearchReplica(Base):
    """One search index replica (a data dir on some host) and how far into the change log
    it is: the log is pruned below the oldest replica still seen."""

    __tablename__ = "search_replicas"

    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    floor: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"))
    seen_at: Mapped[datetime] = mapped_column(default=utcnow)
