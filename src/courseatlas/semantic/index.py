"""Stored embeddings held in memory for nearest-neighbour and similarity lookups."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Set
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import func, select

from courseatlas.db.database import Database
from courseatlas.semantic.encoder import DIMENSION, MODEL_NAME
from courseatlas.semantic.models import ResourceEmbedding
from courseatlas.semantic.store import load_vectors


@dataclass(frozen=True)
class _Snapshot:
    """The vectors as loaded, never changed afterwards: readers share it without a lock."""

    marker: tuple[Any, ...]
    ids: NDArray[np.int64]  # ascending
    matrix: NDArray[np.float32]

    def positions(self, ids: Iterable[int]) -> tuple[NDArray[np.int64], NDArray[np.intp]]:
        """The given ids that have a vector, and their rows in the matrix."""
        wanted = np.fromiter(ids, dtype=np.int64)
        rows = np.searchsorted(self.ids, wanted)
        found = rows < len(self.ids)
        found[found] = self.ids[rows[found]] == wanted[found]
        return wanted[found], rows[found]


class SemanticIndex:
    """The vectors of one model, loaded on first use and reloaded when the stored ones change.

    The change check (row count and latest ``embedded_at``, read from an index) runs at most
    every ``check_seconds``. One thread reloads while the others keep reading the old vectors.
    """

    def __init__(
        self,
        database: Database,
        model_name: str = MODEL_NAME,
        check_seconds: float = 5.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.database = database
        self.model_name = model_name
        self.check_seconds = check_seconds
        self.clock = clock
        self._snapshot: _Snapshot | None = None
        self._checked_at = 0.0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._current().ids)

    def nearest(
        self, vector: NDArray[np.float32], k: int, exclude: Set[int] = frozenset()
    ) -> list[tuple[int, float]]:
        """The ``k`` resources most similar to ``vector`` (cosine), best first."""
        snapshot = self._current()
        if k <= 0 or not len(snapshot.ids):
            return []
        scores = snapshot.matrix @ _query(vector)
        if exclude:
            scores[snapshot.positions(exclude)[1]] = -np.inf
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(snapshot.ids[i]), float(scores[i])) for i in top if scores[i] > -np.inf]

    def similarity(self, vector: NDArray[np.float32], ids: Iterable[int]) -> dict[int, float]:
        """Cosine similarity of ``vector`` to each given resource; ids without a vector are absent."""
        snapshot = self._current()
        found, rows = snapshot.positions(ids)
        scores = snapshot.matrix[rows] @ _query(vector)
        return {int(i): float(s) for i, s in zip(found, scores, strict=True)}

    def _current(self) -> _Snapshot:
        snapshot = self._snapshot
        if snapshot is not None and self.clock() - self._checked_at < self.check_seconds:
            return snapshot
        # Only the first load makes readers wait; later, whoever finds the lock taken reads
        # the vectors it has while another thread reloads.
        if not self._lock.acquire(blocking=snapshot is None):
            assert snapshot is not None
            return snapshot
        try:
            if self._snapshot is None or self.clock() - self._checked_at >= self.check_seconds:
                self._snapshot = self._refreshed(self._snapshot)
                self._checked_at = self.clock()
            return self._snapshot
        finally:
            self._lock.release()

    def _refreshed(self, snapshot: _Snapshot | None) -> _Snapshot:
        with self.database.session() as session:
            # Read before the vectors: a change made during the load shows at the next check.
            marker = tuple(
                session.execute(
                    select(func.count(), func.max(ResourceEmbedding.embedded_at)).where(
                        ResourceEmbedding.model == self.model_name
                    )
                ).one()
            )
            if snapshot is not None and snapshot.marker == marker:
                return snapshot
            ids, matrix = load_vectors(session, self.model_name)
        return _Snapshot(marker, ids, matrix)


def _query(vector: NDArray[np.float32]) -> NDArray[np.float32]:
    query = np.asarray(vector, dtype=np.float32).reshape(-1)
    if query.shape != (DIMENSION,):
        raise ValueError(f"expected a vector of {DIMENSION} floats, got shape {vector.shape}")
    return query
