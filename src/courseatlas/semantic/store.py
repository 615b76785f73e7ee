"""Computing and reading resource embeddings; needs the ``semantic`` extra (numpy)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import Row, delete, func, or_, select
from sqlalchemy.orm import Session

from courseatlas.catalog.models import Resource
from courseatlas.db.base import Base
from courseatlas.db.bulk import bulk_insert
from courseatlas.db.database import Database
from courseatlas.semantic.encoder import (
    DESCRIPTION_CHARS,
    DIMENSION,
    MODEL_NAME,
    EmbeddingModel,
    embedding_text,
)
from courseatlas.semantic.models import EMBED_BATCH, ResourceEmbedding

Progress = Callable[[int, int], None]
MODEL_BATCH = 64  # texts per model run: sorted by length within BATCH, so little padding


def embed_pending(
    database: Database,
    model: EmbeddingModel,
    batch_size: int = EMBED_BATCH,
    progress: Progress | None = None,
    model_name: str = MODEL_NAME,
) -> int:
    """Embed every resource without a current vector of ``model_name``; returns how many.

    Batches go in resource id order and each is committed: a run killed midway loses at most
    the batch in flight, and the next run picks up whatever is still pending.
    """
    with database.session() as session:
        total = session.scalar(select(func.count()).select_from(_pending(model_name).subquery()))
    done, after = 0, 0
    while True:
        with database.session() as session:
            rows = session.execute(
                _pending(model_name)
                .where(Resource.id > after)
                .order_by(Resource.id)
                .limit(batch_size)
            ).all()
            if not rows:
                break
            _store(session, rows, _embed(model, rows), model_name)
        done, after = done + len(rows), rows[-1].id
        if progress is not None:
            progress(done, max(total or 0, done))
    return done


def _pending(model_name: str) -> Any:
    """Resources whose vector is missing, from another model, or of an older text."""
    description = func.substr(Resource.description, 1, DESCRIPTION_CHARS).label("description")
    return (
        select(Resource.id, Resource.title, description, Resource.content_hash)
        .outerjoin(ResourceEmbedding, ResourceEmbedding.resource_id == Resource.id)
        .where(
            or_(
                ResourceEmbedding.resource_id.is_(None),
                ResourceEmbedding.model != model_name,
                ResourceEmbedding.content_hash != Resource.content_hash,
            )
        )
    )


def _embed(model: EmbeddingModel, rows: Sequence[Row[Any]]) -> NDArray[np.float32]:
    """Vectors in the order of ``rows``; texts of similar length share a model run (padding
    to the longest text of a run is most of the cost: sorting halves the time)."""
    texts = [embedding_text(row.title, row.description) for row in rows]
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    vectors = np.empty((len(texts), DIMENSION), dtype=np.float32)
    for start in range(0, len(order), MODEL_BATCH):
        run = order[start : start + MODEL_BATCH]
        vectors[run] = model.embed([texts[i] for i in run])
    return vectors


def _store(
    session: Session, rows: Sequence[Row[Any]], vectors: NDArray[np.float32], model_name: str
) -> None:
    ids = [row.id for row in rows]
    session.execute(delete(ResourceEmbedding).where(ResourceEmbedding.resource_id.in_(ids)))
    halves = vectors.astype(np.float16)
    values = [
        {
            "resource_id": row.id,
            "model": model_name,
            "content_hash": row.content_hash,
            "vector": halves[i].tobytes(),
        }
        for i, row in enumerate(rows)
    ]
    bulk_insert(session, Base.metadata.tables[ResourceEmbedding.__tablename__], values)


def load_vectors(
    session: Session, model_name: str = MODEL_NAME, chunk_size: int = 10_000
) -> tuple[NDArray[np.int64], NDArray[np.float32]]:
    """Every stored vector of ``model_name``: ids ascending and the (n, DIMENSION) matrix."""
    ids: list[NDArray[np.int64]] = []
    chunks: list[NDArray[np.float16]] = []
    after = 0
    while True:
        rows = session.execute(
            select(ResourceEmbedding.resource_id, ResourceEmbedding.vector)
            .where(ResourceEmbedding.model == model_name, ResourceEmbedding.resource_id > after)
            .order_by(ResourceEmbedding.resource_id)
            .limit(chunk_size)
        ).all()
        if not rows:
            break
        ids.append(np.fromiter((row[0] for row in rows), dtype=np.int64, count=len(rows)))
        blob = b"".join(row[1] for row in rows)
        chunks.append(np.frombuffer(blob, dtype=np.float16).reshape(len(rows), DIMENSION))
        after = rows[-1][0]
    if not chunks:
        return np.empty(0, dtype=np.int64), np.empty((0, DIMENSION), dtype=np.float32)
    # Chunks stay float16 until here: the peak is the float32 matrix plus half of it.
    return np.concatenate(ids), np.concatenate(chunks, dtype=np.float32)
