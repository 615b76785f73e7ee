"""Embedding resources: only new and changed ones, in resumable batches, on both databases."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import delete, select, text, update

from courseatlas.catalog.models import Resource
from courseatlas.db.database import Database
from courseatlas.semantic.encoder import DIMENSION, MODEL_NAME, EmbeddingModel, embedding_text
from courseatlas.semantic.models import ResourceEmbedding
from courseatlas.semantic.store import embed_pending, load_vectors
from tests.semantic.conftest import COURSES, import_courses


def _stored(db: Database) -> dict[int, str]:
    """Resource id -> the content hash its vector was made from."""
    with db.session() as session:
        query = select(ResourceEmbedding.resource_id, ResourceEmbedding.content_hash)
        return dict(session.execute(query).all())


def _resource_id(db: Database, external_id: str) -> int:
    with db.session() as session:
        found = session.scalar(select(Resource.id).where(Resource.external_id == external_id))
        assert found is not None
        return found


def test_embedding_text_is_title_and_opening_of_description() -> None:
    assert embedding_text("SQL", None) == "SQL"
    assert embedding_text("SQL", "Joins. " * 200) == "SQL. " + ("Joins. " * 200)[:600]


def test_embeds_new_then_nothing_then_the_changed(
    catalog: Database, model: EmbeddingModel, tmp_path: Path
) -> None:
    assert embed_pending(catalog, model) == len(COURSES)
    with catalog.session() as session:
        hashes = dict(session.execute(select(Resource.id, Resource.content_hash)).all())
    assert _stored(catalog) == hashes

    assert embed_pending(catalog, model) == 0

    import_courses(catalog, tmp_path, c2={"description": "Mix pigments and glaze in layers."})
    changed = _resource_id(catalog, "c2")
    assert embed_pending(catalog, model) == 1
    with catalog.session() as session:
        current = session.scalar(select(Resource.content_hash).where(Resource.id == changed))
    assert _stored(catalog)[changed] == current != hashes[changed]


def test_vectors_of_another_model_are_replaced(catalog: Database, model: EmbeddingModel) -> None:
    embed_pending(catalog, model)
    with catalog.session() as session:
        session.execute(update(ResourceEmbedding).values(model="older-model"))
        assert load_vectors(session, MODEL_NAME)[0].size == 0
    assert embed_pending(catalog, model) == len(COURSES)
    with catalog.session() as session:
        models = set(session.scalars(select(ResourceEmbedding.model)))
    assert models == {MODEL_NAME}


def test_an_interrupted_run_keeps_its_committed_batches(
    catalog: Database, model: EmbeddingModel
) -> None:
    seen: list[tuple[int, int]] = []

    def stop_after_first_batch(done: int, total: int) -> None:
        seen.append((done, total))
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        embed_pending(catalog, model, batch_size=2, progress=stop_after_first_batch)
    assert seen == [(2, len(COURSES))]
    assert len(_stored(catalog)) == 2
    assert embed_pending(catalog, model, batch_size=2) == len(COURSES) - 2


def test_deleting_a_resource_drops_its_vector(catalog: Database, model: EmbeddingModel) -> None:
    embed_pending(catalog, model)
    gone = _resource_id(catalog, "c3")
    with catalog.session() as session:
        if catalog.settings.is_sqlite:
            assert session.execute(text("PRAGMA foreign_keys")).scalar() == 1
        session.execute(delete(Resource).where(Resource.id == gone))
    assert gone not in _stored(catalog)
    assert len(_stored(catalog)) == len(COURSES) - 1


def test_load_vectors_round_trips_float16(catalog: Database, model: EmbeddingModel) -> None:
    embed_pending(catalog, model)
    with catalog.session() as session:
        ids, matrix = load_vectors(session, MODEL_NAME, chunk_size=2)
        rows = session.execute(
            select(Resource.title, Resource.description).order_by(Resource.id)
        ).all()
    assert ids.dtype == np.int64 and list(ids) == sorted(ids) and len(ids) == len(COURSES)
    assert matrix.dtype == np.float32 and matrix.shape == (len(COURSES), DIMENSION)
    expected = model.embed([embedding_text(title, description) for title, description in rows])
    assert np.allclose(matrix, expected, atol=2e-3)
    assert np.allclose(np.linalg.norm(matrix, axis=1), 1.0, atol=1e-2)
