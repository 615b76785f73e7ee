"""What the semantic layer gives matching: how close in meaning a text is to each resource.

On only with ``COURSEATLAS_SEMANTIC=true``, the ``semantic`` extra installed and vectors
stored by ``courseatlas embed``; otherwise ``load_meaning`` answers None and matching is
lexical, as by default.
"""

from __future__ import annotations

from collections.abc import Iterable, Set
from functools import cached_property
from typing import TYPE_CHECKING

import structlog

from courseatlas.cache import LRUCache
from courseatlas.db.database import Database
from courseatlas.semantic.encoder import EmbeddingModel, load_model

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    from courseatlas.semantic.index import SemanticIndex

log = structlog.get_logger(__name__)

REMEMBERED_TEXTS = 1024  # career and goal texts repeat: each is embedded once


class Meaning:
    def __init__(self, model: EmbeddingModel, index: SemanticIndex) -> None:
        self.model = model
        self.index = index
        self._vectors: LRUCache[NDArray[np.float32]] = LRUCache(REMEMBERED_TEXTS)

    def nearest(
        self, text: str, k: int, exclude: Set[int] = frozenset()
    ) -> list[tuple[int, float]]:
        """The ``k`` resources closest in meaning to the text, with their cosine similarity."""
        return self.index.nearest(self._vector(text), k, exclude)

    def similarity(self, text: str, ids: Iterable[int]) -> dict[int, float]:
        """Cosine similarity of the text to each resource that has a vector."""
        return self.index.similarity(self._vector(text), ids)

    def _vector(self, text: str) -> NDArray[np.float32]:
        vector = self._vectors.get(text)
        if vector is None:
            vector = self.model.embed([text])[0]
            self._vectors.put(text, vector)
        return vector


class MeaningOnFirstUse:
    """The process's ``Meaning``, loaded when first asked for: commands and requests that do
    not match never load the model."""

    def __init__(self, database: Database) -> None:
        self.database = database

    @cached_property
    def meaning(self) -> Meaning | None:
        return load_meaning(self.database)


def load_meaning(database: Database) -> Meaning | None:
    if not database.settings.semantic:
        return None
    model = load_model()
    if model is None:
        log.warning("semantic_extra_missing", hint="pip install 'courseatlas[semantic]'")
        return None
    from courseatlas.semantic.index import SemanticIndex

    return Meaning(model, SemanticIndex(database))
