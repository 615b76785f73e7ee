"""Search in a running process: the current index, kept fresh, written by one process only.

Every process searches the index named by CURRENT and reopens it when a reindex swaps it.
The process holding the writer lock also applies the change log; the others only reload.
A background thread does both every ``interval`` seconds.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Hashable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import structlog
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from courseatlas.catalog.models import Skill, SkillAlias
from courseatlas.db.database import Database
from courseatlas.db.redis_client import SharedRedis
from courseatlas.search.cache import LRUCache
from courseatlas.search.engine import TantivyEngine
from courseatlas.search.indexer import Indexer
from courseatlas.search.location import Applied, IndexLocation
from courseatlas.search.querybuild import Synonyms
from courseatlas.search.replicas import Replicas, replica_name
from courseatlas.search.shared import IndexNotices, SharedAnswers
from courseatlas.semantic.meaning import Meaning, load_meaning

log = structlog.get_logger(__name__)

ANSWER_CACHE_SIZE = 4096
UPKEEP_SECONDS = 30.0  # how often a writer registers its position and prunes the change log


@dataclass(frozen=True)
class AnswerSlot:
    local: Hashable
    shared: str


class SearchRuntime:
    def __init__(self, database: Database, redis: SharedRedis | None = None) -> None:
        self.database = database
        self.redis = redis or SharedRedis("")
        self.location = IndexLocation(database.settings.data_dir)
        self.indexer = Indexer(database, self.location)
        self.replicas = Replicas(database, replica_name(self.location))
        self._next_upkeep = 0.0
        self._engine: TantivyEngine | None = None
        # Display names of facet values (providers, topics) by table and slug.
        self.labels: dict[str, dict[str, str]] = {}
        # Answers computed from the index (result pages, career matches), keyed by what they
        # answer and the engine's generation: head queries repeat all day long.
        self.answers: LRUCache[Any] = LRUCache(ANSWER_CACHE_SIZE)
        self.shared_answers = SharedAnswers(self.redis)
        self.notices = IndexNotices(self.redis, self.wake)
        self.cache_lookups: Counter[str] = Counter()  # hits and misses, for /metrics
        # The change-log position the open index reflects, as replicas everywhere name it.
        self.position = "0"
        self._marker = -1.0
        self._followed: Applied | None = None
        self._lock = threading.RLock()
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    @cached_property
    def meaning(self) -> Meaning | None:
        """Closeness in meaning for matching: None unless the semantic layer is switched on.
        Loaded on first use: commands that only index never load the model."""
        return load_meaning(self.database)

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

    def sync(self) -> int:
        """Catch the index up if this process is the writer; returns the changes applied."""
        engine = self.engine
        was_writer = self.location.holds_writer
        if not self.location.try_lock_writer():
            self._follow(engine)
            return 0
        if not was_writer:  # Taking over: the last writer may have committed since we opened.
            self._follow(engine)
        if time.monotonic() >= self._next_upkeep:
            self.upkeep()
            engine = self.engine
        with self._lock:
            applied = self.indexer.catch_up(engine)
            if applied:
                engine.synonyms = load_synonyms(self.database)
                engine.reload()
                self.position = _position(self.location.applied(engine.path))
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

    def recall(self, key: Hashable) -> tuple[bytes | None, AnswerSlot]:
        """An encoded answer for ``key`` from this index: this process's cache, then the
        one every worker and host shares (Redis). The slot says where an answer computed now
        belongs: taken before computing, it never files an older answer under a newer index."""
        slot = AnswerSlot((self.engine.generation, key), SharedAnswers.key(self.position, key))
        body: bytes | None = self.answers.get(slot.local)
        if body is not None:
            self.cache_lookups["local_hit"] += 1
            return body, slot
        body = self.shared_answers.get(slot.shared)
        self.cache_lookups["shared_hit" if body is not None else "miss"] += 1
        if body is not None:
            self.answers.put(slot.local, body)
        return body, slot

    def remember(self, slot: AnswerSlot, body: bytes) -> None:
        self.answers.put(slot.local, body)
        self.shared_answers.put(slot.shared, body)

    def announce(self) -> None:
        """Tell every process that the catalog or this index moved: they sync at once."""
        self.notices.publish(self.position)

    def lag(self) -> int:
        return self.indexer.lag(self.engine)

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
        self.notices.stop()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None
        with self._lock:
            if self._engine is not None:
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
                self.sync()
            except SQLAlchemyError as error:  # The database is away: retried next cycle.
                log.warning("search_sync_failed", error=type(error).__name__)
            except Exception:  # A failed cycle is logged and retried; serving goes on.
                log.exception("search_sync_failed")

    def _open_current(self) -> None:
        """Open the index CURRENT names; the first time, create an empty one."""
        marker = self.location.current_marker()
        path = self.location.current()
        if path is None:  # No index yet, or one of an older schema: start afresh.
            path = self.location.new_directory()
            self.location.switch_to(path)
            self.location.remove_outdated()
            marker = self.location.current_marker()
        if self._engine is not None:
            self._engine.close_writer()
        self._engine = TantivyEngine(path, load_synonyms(self.database))
        self._marker = marker
        self.position = _position(self.location.applied(path))


def load_synonyms(database: Database) -> Synonyms:
    """Every skill spelling that differs from its skill's name, from the skills table."""
    with database.session() as session:
        rows = session.execute(
            select(SkillAlias.alias, Skill.name).join(Skill, Skill.id == SkillAlias.skill_id)
        ).all()
    return Synonyms({alias: name for alias, name in rows})


def _position(applied: Applied) -> str:
    return f"{applied.floor}" + "".join(f"+{first}-{last}" for first, last in applied.above)
