"""Matching with the semantic layer on: closeness in meaning recalls and ranks, with a reason."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi.testclient import TestClient

from courseatlas.app import create_app
from courseatlas.db.database import Database
from courseatlas.semantic.encoder import EmbeddingModel
from courseatlas.semantic.store import embed_pending

BREAD = "bake a loaf of bread"


@contextmanager
def _api(catalog: Database, semantic: bool) -> Iterator[TestClient]:
    settings = catalog.settings.model_copy(update={"semantic": semantic})
    database = Database(settings)
    with TestClient(create_app(settings, database)) as api:
        yield api
    database.dispose()


def _match(api: TestClient, goal: str) -> list[dict[str, Any]]:
    return list(_page(api, goal)["results"])


def _page(api: TestClient, goal: str) -> dict[str, Any]:
    response = api.get("/api/v1/match", params={"goal": goal})
    assert response.status_code == 200, response.text
    page: dict[str, Any] = response.json()
    return page


def _meaning(result: dict[str, Any]) -> list[dict[str, Any]]:
    return [r for r in result["reasons"] if r["kind"] == "meaning"]


def test_a_goal_in_other_words_finds_the_resource_by_meaning(
    catalog: Database, model: EmbeddingModel
) -> None:
    embed_pending(catalog, model)
    with _api(catalog, semantic=True) as api:
        page = _page(api, BREAD)
    results = page["results"]
    assert page["explanation"].endswith("results match its words and meaning.")
    assert results[0]["title"] == "Sourdough Baking at Home"
    [reason] = _meaning(results[0])
    assert reason["name"] == "close in meaning" and reason["evidence"] == "embedding"
    assert 0.3 < reason["weight"] <= 1.0
    assert "Watercolour Landscapes" not in [r["title"] for r in results]


def test_without_the_layer_or_its_vectors_matching_is_lexical(
    catalog: Database, model: EmbeddingModel
) -> None:
    with _api(catalog, semantic=True) as api:  # switched on, nothing embedded yet
        before = _match(api, BREAD)
    embed_pending(catalog, model)
    with _api(catalog, semantic=False) as api:
        after = _match(api, BREAD)
    assert before == after
    assert not [reason for result in after for reason in _meaning(result)]
