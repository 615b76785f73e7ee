"""Index replicas register how far into the change log they are; the log is pruned below
the oldest of them, so it stops growing for ever.

Each data dir holds one replica (its writer process registers it). A replica not seen for
``REPLICA_TTL`` is forgotten and no longer holds pruning back; if it returns, the changes it
missed are gone, so it rebuilds its index from the tables instead of following the log.
"""

from __future__ import annotations

import socket
import uuid
from datetime import timedelta

import structlog
from sqlalchemy import delete, func, select, update

from courseatlas.db.base import utcnow
from courseatlas.db.database import Database
from courseatlas.ingest.changelog import SearchChange, SearchReplica
from courseatlas.search.location import IndexLocation

log = structlog.get_logger(__name__)

REPLICA_TTL = timedelta(days=1)


def replica_name(location: IndexLocation) -> str:
    """This data dir's name among replicas: the host, and an id kept in the data dir (so a
    copied or moved data dir stays one replica, and two on one host stay two)."""
    marker = location.root / "replica-id"
    try:
        identity = marker.read_text().strip()
    except FileNotFoundError:
        location.root.mkdir(parents=True, exist_ok=True)
        identity = uuid.uuid4().hex[:12]
        marker.write_text(identity)
    return f"{socket.gethostname()[:180]}/{identity}"


class Replicas:
    def __init__(self, database: Database, name: str) -> None:
        self.database = database
        self.name = name

    def register(self, floor: int) -> None:
        with self.database.session() as session:
            values = {"floor": floor, "seen_at": utcnow()}
            updated = session.execute(
                update(SearchReplica).where(SearchReplica.name == self.name).values(**values)
            )
            if not updated.rowcount:  # type: ignore[attr-defined]
                session.add(SearchReplica(name=self.name, **values))

    def prune(self) -> int:
        """Forget replicas gone for too long, then delete the changes every remaining one
        has applied; returns how many. The newest change always stays: SQLite would hand
        its id out again otherwise."""
        with self.database.session() as session:
            session.execute(
                delete(SearchReplica).where(SearchReplica.seen_at < utcnow() - REPLICA_TTL)
            )
            oldest = session.scalar(select(func.min(SearchReplica.floor)))
            newest = session.scalar(select(func.max(SearchChange.id)))
            if oldest is None or newest is None:
                return 0
            pruned = session.execute(
                delete(SearchChange).where(SearchChange.id <= oldest, SearchChange.id < newest)
            ).rowcount  # type: ignore[attr-defined]
        if pruned:
            log.info("change_log_pruned", changes=pruned, below=oldest)
        return int(pruned or 0)

    def too_far_behind(self, floor: int) -> bool:
        """The changes after ``floor`` are no longer all in the log: it was pruned past them.
        (A rolled-back transaction at the very start of the log looks the same; the cost is
        one needless rebuild.)"""
        with self.database.session() as session:
            first = session.scalar(select(func.min(SearchChange.id)))
        return first is not None and first > floor + 1
