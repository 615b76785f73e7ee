"""Brings a search index up to date with the catalog by following the change log.

Every catalog write appends the changed resource ids to ``search_changes`` in its own
transaction. The indexer applies entries in id order after they commit. On PostgreSQL,
ids are handed out before commit, so an entry can become visible after a later one: the
cursor keeps a floor below which everything is applied, remembers what it applied above
it, and gives up on a hole (a rolled-back transaction leaves one for ever) only when no
transaction that could still fill it is running: after ``GAP_GRACE``, it notes PostgreSQL's
next transaction id, and waits until every transaction before that one has ended, however
long it runs. On SQLite a hole is final: one writer at a time, and a later id cannot commit
before an earlier one.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import structlog
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from courseatlas.catalog.models import Resource
from courseatlas.db.database import Database
from courseatlas.ingest.changelog import SearchChange
from courseatlas.search.documents import IndexDocument, iter_all_ids, load_documents
from courseatlas.search.engine import BULK_HEAP, TantivyEngine
from courseatlas.search.location import Applied, IndexLocation

log = structlog.get_logger(__name__)

# Changes read and written a step (and resources per write of a rebuild): at 150,000
# resources, 5,000 rebuild and follow an import as fast as 20,000, with 200 MB less at peak.
BATCH = 5_000
# Changes per index commit at most. Each commit makes a segment, and tantivy's merge policy
# leaves up to seven of a size unmerged, which every search visits (an import of 150,000
# followed 5,000 a commit left 7 to 10 segments, and a search page cost 5.0 ms of engine
# CPU; in the 4 segments of 40,000, 4.4 ms).
BULK_COMMIT = 40_000  # under the 50,000 of lag at which /readyz says the index stopped
GAP_GRACE = 120.0  # seconds; by then the transaction holding a hole has its id

Progress = Callable[[int, int], None]
# Told of each batch applied: the documents written, the ids deleted and the last change id.
# Called before the batch counts as applied, so a listener that fails hears it again.
ChangeListener = Callable[[list[IndexDocument], list[int], int], None]


@dataclass(frozen=True)
class Horizon:
    """PostgreSQL's snapshot bounds: every transaction before ``xmin`` has ended; ``xmax``
    is the first transaction id not yet handed out."""

    xmin: int
    xmax: int


@dataclass
class _Hole:
    first_seen: float
    wait_for: int | None = None  # a transaction id: the hole is final once all before it end


@dataclass
class ChangeCursor:
    floor: int
    applied_above: set[int] = field(default_factory=set)
    holes_seen: dict[int, _Hole] = field(default_factory=dict)

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

    def advance(self, applied: list[int], now: float, horizon: Horizon | None = None) -> None:
        """Move the floor over what is applied, and over holes that can no longer fill;
        ``horizon`` was taken before the changes were read (None: SQLite)."""
        self.applied_above.update(applied)
        while self.applied_above:
            following = self.floor + 1
            if following in self.applied_above:
                self.applied_above.discard(following)
                self.holes_seen.pop(following, None)
                self.floor = following
                continue
            if not self._hole_is_final(following, now, horizon):
                break
            del self.holes_seen[following]
            self.floor = following

    def _hole_is_final(self, change_id: int, now: float, horizon: Horizon | None) -> bool:
        hole = self.holes_seen.setdefault(change_id, _Hole(now))
        if now - hole.first_seen < GAP_GRACE:
            return False
        if horizon is None:
            return True
        if hole.wait_for is None:
            hole.wait_for = horizon.xmax
        return horizon.xmin >= hole.wait_for


class Indexer:
    def __init__(self, database: Database, location: IndexLocation) -> None:
        self.database = database
        self.location = location
        self._cursors: dict[Path, ChangeCursor] = {}
        self.listeners: list[ChangeListener] = []
        self._held: dict[Path, int] = {}  # changes written to an index but not committed
        self._committed_at: dict[Path, float] = {}  # by this process
        self._recorded: dict[Path, Applied] = {}  # what applied.json says, as last read or written

    def catch_up(
        self,
        engine: TantivyEngine,
        stopping: Callable[[], bool] = lambda: False,
        hold_seconds: float = 0.0,
    ) -> int:
        """Apply every committed change not yet in ``engine``'s index, batch by batch until
        none is left or ``stopping``; returns how many. What is left waits in the change log.

        The index is committed every BULK_COMMIT changes, and once caught up, unless this
        process committed it ``hold_seconds`` ago or less: then what was caught up is held
        for a later call (or ``flush()``), so that a stream of changes makes few large
        segments (``math.inf``: held until BULK_COMMIT changes or ``flush()``; into an index
        with no document committed yet, which nobody can search, until ``flush()`` only: a
        first load is then one segment per BULK_HEAP of indexing memory).
        A change counts as applied (and is recorded so) only once the index commit holding
        it is made: on any failure the cursor goes back to what was recorded."""
        cursor = self._cursor(engine.path)
        total = 0
        first_load = math.isinf(hold_seconds) and engine.document_count() == 0
        try:
            while not stopping():
                horizon, changes = self._pending(cursor)
                if changes:
                    self._write(engine, changes)
                cursor.advance([change_id for change_id, _ in changes], time.monotonic(), horizon)
                if not changes:
                    break
                total += len(changes)
                held = self._held[engine.path] = self._held.get(engine.path, 0) + len(changes)
                if held >= BULK_COMMIT and not first_load:
                    self._commit(engine, cursor)
            since = time.monotonic() - self._committed_at.get(engine.path, -math.inf)
            if hold_seconds <= 0 or since > hold_seconds or not self._held.get(engine.path):
                self._commit(engine, cursor)  # also records the holes given up on
        except BaseException:
            self._forget(engine)
            raise
        if total:
            log.info("index_caught_up", changes=total, floor=cursor.floor)
        return total

    def flush(self, engine: TantivyEngine) -> None:
        """Commit what is held uncommitted, and record it applied."""
        if not self._held.get(engine.path):
            return
        try:
            self._commit(engine, self._cursor(engine.path))
        except BaseException:
            self._forget(engine)
            raise

    def _commit(self, engine: TantivyEngine, cursor: ChangeCursor) -> None:
        if self._held.pop(engine.path, 0):
            engine.commit()
            self._committed_at[engine.path] = time.monotonic()
        applied = cursor.applied()
        if applied != self._recorded[engine.path]:
            self.location.set_applied(engine.path, applied)
            self._recorded[engine.path] = applied

    def _forget(self, engine: TantivyEngine) -> None:
        """Back to the recorded position: what was written but not committed is applied
        again (each write replaces a document by its id, so twice does no harm)."""
        self._cursors.pop(engine.path, None)
        self._recorded.pop(engine.path, None)
        self._held.pop(engine.path, None)

    def floor(self, engine: TantivyEngine) -> int:
        """Every change up to this id is in ``engine``'s index, committed."""
        return self.location.applied(engine.path).floor

    def lag(self, applied: Applied) -> int:
        """Committed changes that an index having ``applied`` does not reflect."""
        with self.database.session() as session:
            newer = session.scalar(select(func.count()).where(SearchChange.id > applied.floor))
        return max(0, (newer or 0) - applied.count_above)

    def rebuild(self, progress: Progress | None = None) -> Path:
        """A complete new index beside the live one, caught up, then made current: in as
        few segments as its writer's memory allows, which searches fastest."""
        path = self.location.new_directory()
        engine = TantivyEngine(path, writer_heap=BULK_HEAP)
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
            self._recorded[path] = self.location.applied(path)
            self._cursors[path] = ChangeCursor.of(self._recorded[path])
        return self._cursors[path]

    def _pending(self, cursor: ChangeCursor) -> tuple[Horizon | None, list[tuple[int, int]]]:
        with self.database.session() as session:
            horizon = _horizon(session)  # First: a transaction ended by then shows below.
            rows = session.execute(
                select(SearchChange.id, SearchChange.resource_id)
                .where(SearchChange.id > cursor.floor)
                .order_by(SearchChange.id)
                .limit(BATCH + len(cursor.applied_above))
            ).all()
        return horizon, [(c, r) for c, r in rows if c not in cursor.applied_above][:BATCH]

    def _write(self, engine: TantivyEngine, changes: list[tuple[int, int]]) -> None:
        """Write the changed resources' documents (uncommitted), then tell the listeners."""
        ids = sorted({resource_id for _, resource_id in changes})
        with self.database.session() as session:
            documents = load_documents(session, ids)
        present = {document.id for document in documents}
        deleted = [i for i in ids if i not in present]
        engine.write(documents, deleted=deleted)
        last = max(change_id for change_id, _ in changes)
        for listener in self.listeners:
            listener(documents, deleted, last)


def _horizon(session: Session) -> Horizon | None:
    if session.get_bind().dialect.name != "postgresql":
        return None
    row = session.execute(
        text(
            "SELECT pg_snapshot_xmin(s)::text::bigint, pg_snapshot_xmax(s)::text::bigint"
            " FROM pg_current_snapshot() AS s"
        )
    ).one()
    return Horizon(int(row[0]), int(row[1]))
