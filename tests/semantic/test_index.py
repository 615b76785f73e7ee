"""The in-memory index: nearest resources by meaning, similarity to given ones, reloads."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import delete, select

from courseatlas.catalog.models import Resource
from courseatlas.db.database import Database
from courseatlas.semantic.encoder import EmbeddingModel
from courseatlas.semantic.index import SemanticIndex
from courseatlas.semantic.store import embed_pending
from tests.helpers import course, write_jsonl
from tests.semantic.conftest import COURSES


def _titles(db: Database) -> dict[int, str]:
    with db.session() as session:
        return dict(session.execute(select(Resource.id, Resource.title)).all())


def test_nearest_finds_the_resource_about_the_query(
    catalog: Database, model: EmbeddingModel
) -> None:
    embed_pending(catalog, model)
    titles = _titles(catalog)
    index = SemanticIndex(catalog)
    query = model.embed(["relational databases and SQL queries"])[0]

    hits = index.nearest(query, k=3)
    assert titles[hits[0][0]] == "Practical SQL"
    assert len(hits) == 3 and [s for _, s in hits] == sorted((s for _, s in hits), reverse=True)

    sql = hits[0][0]
    assert sql not in {rid for rid, _ in index.nearest(query, k=len(COURSES), exclude={sql})}
    assert len(index.nearest(query, k=100)) == len(COURSES)

    bread = model.embed(["baking bread"])[0]
    assert titles[index.nearest(bread, k=1)[0][0]] == "Sourdough Baking at Home"


def test_similarity_of_given_resources(catalog: Database, model: EmbeddingModel) -> None:
    embed_pending(catalog, model)
    by_title = {title: rid for rid, title in _titles(catalog).items()}
    index = SemanticIndex(catalog)
    query = model.embed(["learn to play guitar chords"])[0]
    guitar, sql = by_title["Beginner Guitar"], by_title["Practical SQL"]

    scores = index.similarity(query, [guitar, sql, 999_999])
    assert set(scores) == {guitar, sql}
    assert scores[guitar] > scores[sql]
    assert scores[guitar] == pytest.approx(dict(index.nearest(query, k=len(COURSES)))[guitar])
    assert index.similarity(query, []) == {}


def test_index_reloads_when_the_stored_vectors_change(
    catalog: Database, model: EmbeddingModel, tmp_path: Path
) -> None:
    index = SemanticIndex(catalog, check_seconds=0)
    query = model.embed(["statistics with R"])[0]
    assert index.nearest(query, k=5) == []

    embed_pending(catalog, model)
    assert len(index) == len(COURSES)

    feed = write_jsonl(tmp_path / "more.jsonl", course(9, title="Statistics with R"))
    from courseatlas.ingest.service import run_import

    run_import(catalog.sessions, [feed])
    embed_pending(catalog, model)
    top = index.nearest(query, k=1)[0][0]
    assert _titles(catalog)[top] == "Statistics with R"

    with catalog.session() as session:
        session.execute(delete(Resource).where(Resource.id == top))
    assert top not in dict(index.nearest(query, k=10))


def test_index_checks_for_changes_at_most_every_few_seconds(
    catalog: Database, model: EmbeddingModel
) -> None:
    now = [0.0]
    index = SemanticIndex(catalog, check_seconds=5, clock=lambda: now[0])
    assert len(index) == 0
    embed_pending(catalog, model)
    now[0] = 4.0
    assert len(index) == 0
    now[0] = 5.0
    assert len(index) == len(COURSES)
