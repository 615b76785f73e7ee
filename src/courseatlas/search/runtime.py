"""Search in a running process: the current index, kept fresh, written by one process only.

Every process searches the index named by CURRENT and reopens it when a reindex swaps it.
The process holding the writer lock also applies the change log; the others only reload.
A background thread does both every ``interval`` seconds.

Each index is checked when it is opened (``integrity.py``) and when the engine fails. A
damaged one is rebuilt from the database in a background thread by the writing process
(another process asks it to); meanwhile this process serves the last good index it had,
or an empty one, and ``status()`` says why it is not ready.
"""

from __future__ import annotations

import math
import threading
import time
from collections import Counter
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, TypeVar

import structlog
from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from courseatlas.cache import LRUCache
from courseatlas.catalog.models import Resource, Skill, SkillAlias
from courseatlas.db.database import Database
from courseatlas.db.redis_client import SharedRedis
from courseatlas.search.base import SearchFilters, SearchRequest, SearchResult
from courseatlas.search.engine import BULK_HEAP, WRITER_HEAP, TantivyEngine
from courseatlas.search.indexer import Indexer
from courseatlas.search.integrity import damage
from courseatlas.search.location import Applied, IndexLocation
from courseatlas.search.querybuild import Synonyms
from courseatlas.search.replicas import Replicas, replica_name
from courseatlas.search.shared import IndexNotices, SharedAnswers

log = structlog.get_logger(__name__)

ANSWER_CACHE_SIZE = 4096
UPKEEP_SECONDS = 30.0  # how often a writer registers its position and prunes the change log
STATUS_SECONDS = 2.0  # how long a readiness status is reused: /readyz adds no load
# While changes stream in (an import, another host's), the background sync commits the index
# at most this often, in fewer, larger segments; the first change after a quiet spell is
# committed at once.
HOLD_SECONDS = 3.0
V = TypeVar("V")


@dataclass(frozen=True)
class IndexStatus:
    documents: int
    lag: int
    problem: str | None  # None: ready to serve

    def as_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"documents": self.documents, "lag": self.lag}
        return body if self.problem is None else {**body, "problem": self.problem}


class SearchRuntime:
    """The ``SearchBackend`` of a process: callers ask it, never its engine."""

    def __init__(self, database: Database, redis: SharedRedis | None = None) -> None:
        self.database = database
        self.redis = redis or SharedRedis("", database)
        self.location = IndexLocation(
            database.settings.data_dir, database.settings.display_currency
        )
        self.indexer = Indexer(database, self.location)
        self.replicas = Replicas(database, replica_name(self.location))
        self._next_upkeep = 0.0
        self._engine: TantivyEngine | None = None
        # Display names of facet values (providers, topics) by table and slug.
        self.labels: dict[str, dict[str, str]] = {}
        # Answers computed from the index (result pages, career matches), keyed by what they
        # answer and the index they came from: head queries repeat all day long.
        self.answers: LRUCache[Any] = LRUCache(
            ANSWER_CACHE_SIZE, max_bytes=database.settings.answer_cache_mb * 2**20
        )
        self.shared_answers = SharedAnswers(self.redis)
        self.notices = IndexNotices(self.redis, self.wake)
        self.cache_lookups: Counter[str] = Counter()  # hits and misses, for /metrics
        # The change-log position the open index reflects, as replicas everywhere name it.
        self.position = "0"
        self._marker = -1.0
        self._followed: Applied | None = None  # what this process's searcher reflects
        self._lock = threading.RLock()
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self.damage: str | None = None  # what is wrong with CURRENT's index, until rebuilt
        self.hold_seconds = HOLD_SECONDS  # of the background sync
        self.writer_heap = WRITER_HEAP  # of the engines it opens
        self._rebuilder: threading.Thread | None = None
        self._status: tuple[float, IndexStatus] | None = None

    @property
    def engine(self) -> TantivyEngine:
        engine = self._engine  # Without the lock: a sync in progress must not hold up reads.
        if engine is not None and self._marker == self.location.current_marker():
            return engine
        with self._lock:
            if self._engine is None or self._marker != self.location.current_marker():
                self._open_current()
            assert self._engine is not None
            return self._engine

    def search(self, request: SearchRequest) -> SearchResult:
        return self.engine.search(request)

    def count(self, filters: SearchFilters) -> int:
        request = SearchRequest(filters=filters, limit=1, facets=False, snippets=False)
        return self.engine.search(request).total

    def suggest_titles(self, prefix: str, limit: int) -> list[tuple[int, str]]:
        return self.engine.suggest_titles(prefix, limit)

    def document_count(self) -> int:
        return self.engine.document_count()

    def floor(self) -> int:
        """Every change-log entry up to this id is in what this process searches: the
        position is taken after each reload, never before the searcher sees the changes."""
        return int(self.position.split("+", 1)[0])

    def answer(self, key: Hashable, compute: Callable[[], V]) -> V:
        """The answer to ``key`` from the index as it is now: remembered, or computed once.
        Encoded answers (bytes) are shared with every worker and host through Redis."""
        # The index taken before computing: a reload meanwhile makes the answer stale.
        stamped, position = self._stamped(key), self.position
        value: V | None = self._recall(stamped, position, key)
        if value is None:
            value = compute()
            self.answers.put(stamped, value)
            if isinstance(value, bytes):
                self.shared_answers.put(position, key, value)
        return value

    def remembered(self, key: Hashable) -> Any | None:
        """This process's answer to ``key`` from the index as it is now, if it has one.
        Never asks Redis: callers run on the event loop, and ``answer`` (in a thread) does."""
        value = self.answers.get(self._stamped(key))
        if value is not None:
            self.cache_lookups["local_hit"] += 1
        return value

    def _recall(self, stamped: Hashable, position: str, key: Hashable) -> Any | None:
        """This process's answer, else the one every worker and host shares."""
        value = self.answers.get(stamped)
        if value is not None:
            self.cache_lookups["local_hit"] += 1
            return value
        body = self.shared_answers.get(position, key)
        self.cache_lookups["shared_hit" if body is not None else "miss"] += 1
        if body is not None:
            self.answers.put(stamped, body)
        return body

    def _stamped(self, key: Hashable) -> Hashable:
        engine = self.engine
        return (engine.identity, engine.generation, key)

    def sync(self, hold_seconds: float = 0.0) -> int:
        """Catch the index up if this process is the writer; returns the changes applied
        (``hold_seconds``: see ``Indexer.catch_up``)."""
        engine = self.engine
        if engine.failure is not None:
            self._check_after_failure(engine)
        if self.damage is not None:
            if not self.rebuilding:  # Again, should the last attempt have failed.
                self._repair(self.damage)
            return 0
        was_writer = self.location.holds_writer
        if not self.location.try_lock_writer():
            self._follow(engine)
            return 0
        if not was_writer:  # Taking over: the last writer may have committed since we opened.
            self._follow(engine)
        if self.location.rebuild_requested():
            self._repair("another process found the index damaged")
            return 0
        if time.monotonic() >= self._next_upkeep:
            self.upkeep()
            engine = self.engine
        with self._lock:
            applied = self.indexer.catch_up(engine, self._stop.is_set, hold_seconds)
            if applied:
                engine.synonyms = load_synonyms(self.database)
                engine.reload()
                self._followed = self.location.applied(engine.path)
                self.position = _position(self._followed)
        if applied:
            self.notices.publish(self.position)
        return applied

    def upkeep(self) -> None:
        """As the writer: rebuild when the change log no longer holds what the index missed,
        then register this replica's position and prune what every replica has applied."""
        self._next_upkeep = time.monotonic() + UPKEEP_SECONDS
        floor = self.indexer.floor(self.engine)
        if self.replicas.too_far_behind(floor):
            log.warning("index_too_far_behind", floor=floor)
            path = self.indexer.rebuild()
            self.location.remove_others(keep=path)
            floor = self.indexer.floor(self.engine)
        self.replicas.register(floor)
        self.replicas.prune()

    def _follow(self, engine: TantivyEngine) -> None:
        """Reload what the writing process committed, only when it committed something."""
        applied = self.location.applied(engine.path)
        if applied != self._followed:
            engine.synonyms = load_synonyms(self.database)
            engine.reload()
            self._followed = applied
            self.position = _position(applied)

    def announce(self) -> None:
        """Tell every process that the catalog or this index moved: they sync at once."""
        self.notices.publish(self.position)

    def follow_bulk_load(self) -> None:
        """Follow a bulk load (before ``start``): commits only every BULK_COMMIT changes and
        when ``flush``ed (a first load only then), with a rebuild's indexing memory."""
        self.hold_seconds = math.inf
        self.writer_heap = BULK_HEAP

    def lag(self) -> int:
        """Committed changes this process does not search yet: a process that follows the
        writer lags it until it reloads."""
        engine = self.engine
        return self.indexer.lag(self._followed or self.location.applied(engine.path))

    def status(self, max_lag: int) -> IndexStatus:
        """Whether this process can serve search, reused for ``STATUS_SECONDS``."""
        now = time.monotonic()
        if self._status is not None and now - self._status[0] < STATUS_SECONDS:
            return self._status[1]
        engine = self.engine
        documents, lag = engine.document_count(), self.lag()
        problem = self.damage or engine.failure
        if problem is None and documents == 0:
            with self.database.session() as session:
                if session.scalar(select(func.count()).select_from(Resource)):
                    problem = "the index is empty but the catalog is not"
        if problem is None and lag > max_lag:
            problem = f"the index is {lag:,} changes behind the catalog"
        status = IndexStatus(documents, lag, problem)
        self._status = (now, status)
        return status

    @property
    def rebuilding(self) -> bool:
        return self._rebuilder is not None and self._rebuilder.is_alive()

    def wait_rebuilt(self, timeout: float | None = None) -> None:
        if self._rebuilder is not None:
            self._rebuilder.join(timeout)

    def start(self, interval: float) -> None:
        """Keep the index fresh in the background (interval 0: never)."""
        if interval <= 0 or self._thread is not None:
            return
        self._thread = threading.Thread(
            target=self._loop, args=(interval,), name="search-sync", daemon=True
        )
        self._thread.start()
        self.notices.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        self.wait_rebuilt()  # An index half rebuilt would be thrown away.
        self.notices.stop()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None
        with self._lock:
            if self._engine is not None:
                self.indexer.flush(self._engine)
                self._engine.close_writer()
        self.location.unlock_writer()

    def wake(self) -> None:
        """Sync now rather than at the next interval (another process moved the index)."""
        self._wake.set()

    def _loop(self, interval: float) -> None:
        while True:
            self._wake.wait(interval)
            self._wake.clear()
            if self._stop.is_set():
                return
            try:
                self.redis.refresh_namespace()
                self.sync(self.hold_seconds)
            except SQLAlchemyError as error:  # The database is away: retried next cycle.
                log.warning("search_sync_failed", error=type(error).__name__)
            except Exception:  # A failed cycle is logged and retried; serving goes on.
                log.exception("search_sync_failed")

    def _open_current(self) -> None:
        """Open the index CURRENT names; the first time, create an empty one. A damaged one
        is not opened: the last good engine (or an empty one) serves while it is rebuilt."""
        marker = self.location.current_marker()  # First: a swap after this is noticed.
        path = self.location.current_or_first()
        applied = self.location.applied(path)  # Before opening: the engine sees at least this.
        problem = damage(path, expects_documents=applied.floor > 0)
        self._marker = marker
        if problem is not None:
            log.error("search_index_damaged", path=str(path), problem=problem)
            if self._engine is None:
                self._engine = TantivyEngine(path, in_memory=True)
            self._repair(problem)
            return
        if self._engine is not None:
            self._engine.close_writer()
        self._engine = TantivyEngine(
            path, load_synonyms(self.database), writer_heap=self.writer_heap
        )
        self.position = _position(applied)
        self._followed = applied
        self.damage = None
        self._status = None

    def _check_after_failure(self, engine: TantivyEngine) -> None:
        problem = damage(engine.path, expects_documents=True)
        log.error("search_engine_failed", failure=engine.failure, damage=problem)
        engine.failure = None
        if problem is not None:
            self._repair(problem)

    def _repair(self, problem: str) -> None:
        """Rebuild from the database if this process writes the index; else ask the writer."""
        self.damage = problem
        self._status = None
        if self.rebuilding:
            return
        if not self.location.try_lock_writer():
            self.location.request_rebuild()
            return
        self._rebuilder = threading.Thread(target=self._rebuild, name="search-rebuild")
        self._rebuilder.start()

    def _rebuild(self) -> None:
        try:
            with self._lock:
                if self._engine is not None:
                    self._engine.close_writer()
            self.indexer.rebuild()
            self.location.clear_rebuild_request()
        except Exception:  # Logged; the next sync cycle tries again.
            log.exception("search_rebuild_failed")


def load_synonyms(database: Database) -> Synonyms:
    """Every skill spelling that differs from its skill's name, from the skills table."""
    with database.session() as session:
        rows = session.execute(
            select(SkillAlias.alias, Skill.name).join(Skill, Skill.id == SkillAlias.skill_id)
        ).all()
    return Synonyms({alias: name for alias, name in rows})


def _position(applied: Applied) -> str:
    return f"{applied.floor}" + "".join(f"+{first}-{last}" for first, last in applied.above)
