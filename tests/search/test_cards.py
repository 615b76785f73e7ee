"""Result cards come from the search index, which is derived: the database still decides
which resources exist, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import delete, select, update

from courseatlas.catalog.models import Resource
from courseatlas.catalog.summaries import summaries
from courseatlas.db.database import Database
from courseatlas.ingest.service import run_import
from courseatlas.search.schemas import SearchPage
from tests.helpers import course, write_jsonl


def _search(client: TestClient, q: str) -> dict[str, Any]:
    response = client.get("/api/v1/search", params={"q": q})
    assert response.status_code == 200, response.text
    SearchPage.model_validate_json(response.content)  # the shape /openapi.json promises
    body: dict[str, Any] = response.json()
    return body


def _origami(db: Database, tmp_path: Path) -> None:
    rows = [
        course(1, title="Origami lesson one", price=12.5, currency="EUR", provider="Paper Folk"),
        course(2, title="Origami lesson two", rating=4.25, rating_count=12),
        course(3, title="Origami lesson three"),
    ]
    run_import(db.sessions, [write_jsonl(tmp_path / "a.jsonl", *rows)])


def test_a_card_says_what_the_catalog_says(
    client: TestClient, db: Database, tmp_path: Path
) -> None:
    _origami(db, tmp_path)
    client.app.state.search.sync()  # type: ignore[attr-defined]
    results = _search(client, "origami")["results"]
    with db.session() as session:
        expected = summaries(session, [r["id"] for r in results])
    assert len(results) == 3
    for result in results:
        assert result.pop("snippet") is None or "<mark>" in result["snippet"]
        assert result.pop("matched") == []  # The title says why each matched.
        assert result == expected[result["id"]].model_dump(mode="json")
    paid = next(r for r in results if r["title"] == "Origami lesson one")
    assert paid["price"]["currency"] == "USD"  # The display currency, converted...
    assert paid["price"]["listed"] == {"amount": "12.50", "currency": "EUR"}  # ...from this.
    assert paid["provider"]["name"] == "Paper Folk"


def test_a_stale_index_shows_no_deleted_or_hidden_resource(
    client: TestClient, db: Database, tmp_path: Path
) -> None:
    _origami(db, tmp_path)
    client.app.state.search.sync()  # type: ignore[attr-defined]
    assert len(_search(client, "origami")["results"]) == 3
    with db.session() as session:
        ids = dict(session.execute(select(Resource.title, Resource.id)).all())
        session.execute(delete(Resource).where(Resource.id == ids["Origami lesson one"]))
        session.execute(
            update(Resource)
            .where(Resource.id == ids["Origami lesson two"])
            .values(hidden_at=datetime.now(UTC))
        )
    # Not synced: the index still holds both. A query not asked before is computed afresh.
    titles = [r["title"] for r in _search(client, "lesson origami")["results"]]
    assert titles == ["Origami lesson three"]
    page = client.get("/search", params={"q": "origami lesson"})
    assert page.status_code == 200
    assert "Origami lesson three" in page.text
    assert "Origami lesson one" not in page.text
    assert "Origami lesson two" not in page.text
