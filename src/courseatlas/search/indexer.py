"""Brings a search index up to date with the catalog by following the change log.

Every catalog write appends the changed resource ids to ``search_changes`` in its own
transaction. The indexer applies entries in id order after they commit. On PostgreSQL,
ids are handed out before commit, so an entry can become visible after a later one: the
cursor keeps a floor below which everything is applied, remembers what it applied above
it, and gives up on a hole only after ``GAP_GRACE`` (a rolled-back transaction leaves one
forever).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import structlog
from sqlalchemy import func, select

from courseatlas.catalog.models import Resource
from courseatlas.db.database import Database
from courseatlas.search.documents import iter_all_ids, load_documents
from courseatlas.search.engine import TantivyEngine
from courseatlas.search.location import Applied, IndexLocation
from courseatlas.search.models import SearchChange

log = structlog.get_logger(__name__)

BATCH = 20_000  # changes applied per index commit
GAP_GRACE = 120.0  # seconds; longer than any catalog transaction

Progress = Callable[[int, int], None]


@dataclass
class ChangeCursor:
    floor: int
    applied_above: set[int] = field(default_factory=set)
    holes_seen: dict[int, float] = field(default_factory=dict)

    @classmethod
    def of(cls, applied: Applied) -> ChangeCursor:
        above = {i for first, last in applied.above for i in range(first, last + 1)}
        return cls(applied.floor, above)

    def applied(self) -> Applied:
        """The state to persist: the floor, and what is applied above it as id ranges
        (holes are rare, so the ranges are few)."""
        ranges: list[tuple[int, int]] = []
        for change_id in sorted(self.applied_above):
            if ranges and ranges[-1][1] == change_id - 1:
                ranges[-1] = (ranges[-1][0], change_id)
            else:
                ranges.append((change_id, change_id))
        return Applied(self.floor, tuple(ranges))

    def advance(self, applied: list[int], now: float) -> None:
        self.applied_above.update(applied)
        while self.applied_above:
            following = self.floor + 1
            if following in self.applied_above:
                self.applied_above.discard(following)
                self.floor = following
                continue
            first_seen = self.holes_seen.setdefault(following, now)
            if now - first_seen < GAP_GRACE:
                break
            del self.holes_seen[following]
            self.floor = following


class Indexer:
    def __init__(self, database: Database, location: IndexLocation) -> None:
        self.database = database
        self.location = location
        self._cursors: dict[Path, ChangeCursor] = {}

    def catch_up(self, engine: TantivyEngine) -> int:
        """Apply every committed change not yet in ``engine``'s index; returns how many."""
        cursor = self._cursor(engine.path)
        total = 0
        while changes := self._pending(cursor):
            ids = sorted({resource_id for _, resource_id in changes})
            self._apply(engine, ids)
            cursor.advance([change_id for change_id, _ in changes], time.monotonic())
            self.location.set_applied(engine.path, cursor.applied())
            total += len(changes)
        if total:
            log.info("index_caught_up", changes=total, floor=cursor.floor)
        return total

    def floor(self, engine: TantivyEngine) -> int:
        """Every change up to this id is in ``engine``'s index."""
        return self._cursor(engine.path).floor

    def lag(self, engine: TantivyEngine) -> int:
        """Committed changes that the index does not reflect yet, as the writing process
        last recorded them (this process may only follow it)."""
        applied = self.location.applied(engine.path)
        with self.database.session() as session:
            newer = session.scalar(select(func.count()).where(SearchChange.id > applied.floor))
        return max(0, (newer or 0) - applied.count_above)

    def rebuild(self, progress: Progress | None = None) -> Path:
        """A complete new index beside the live one, caught up, then made current."""
        path = self.location.new_directory()
        engine = TantivyEngine(path)
        with self.database.session() as session:
            start = session.scalar(select(func.coalesce(func.max(SearchChange.id), 0))) or 0
            total = session.scalar(select(func.count()).select_from(Resource)) or 0
            done = 0
            for ids in iter_all_ids(session, BATCH):
                engine.write(load_documents(session, ids), deleted=[], fresh=True)
                done += len(ids)
                if progress is not None:
                    progress(done, total)
        engine.commit()
        self.location.set_applied(path, Applied(start))
        self.catch_up(engine)
        engine.close_writer()
        self.location.switch_to(path)
        log.info("index_rebuilt", path=str(path), documents=engine.document_count())
        return path

    def _cursor(self, path: Path) -> ChangeCursor:
        if path not in self._cursors:
            self._cursors[path] = ChangeCursor.of(self.location.applied(path))
        return self._cursors[path]

    def _pending(self, cursor: ChangeCursor) -> list[tuple[int, int]]:
        with self.database.session() as session:
            rows = session.execute(
                select(SearchChange.id, SearchChange.resource_id)
                .where(SearchChange.id > cursor.floor)
                .order_by(SearchChange.id)
                .limit(BATCH + len(cursor.applied_above))
            ).all()
        return [(cid, rid) for cid, rid in rows if cid not in cursor.applied_above][:BATCH]

    def _apply(self, engine: TantivyEngine, ids: list[int]) -> None:
        with self.database.session() as session:
            documents = load_documents(session, ids)
        present = {document.id for document in documents}
        engine.write(documents, deleted=[i for i in ids if i not in present])
        engine.commit()
