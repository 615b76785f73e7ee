"""``/api/v1/match`` and ``/api/v1/resources/{id}/similar`` on the demo catalog."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from courseatlas.catalog.models import Resource
from courseatlas.db.database import Database

PROBLEM = "application/problem+json"


def _match(api: TestClient, goal: str, **params: object) -> dict[str, object]:
    response = api.get("/api/v1/match", params={"goal": goal, **params})
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


def test_a_career_in_the_goal(demo_api: TestClient) -> None:
    body = _match(demo_api, "I want to become a back-end developer")
    assert [c["slug"] for c in body["careers"]] == ["backend-engineer"]  # type: ignore[attr-defined]
    assert body["careers"][0]["matched"] == "back-end developer"  # type: ignore[index]
    assert "Backend Engineer" in str(body["explanation"])
    results = body["results"]
    assert isinstance(results, list) and len(results) == 20
    assert all(r["reasons"] for r in results)


def test_skills_in_the_goal(demo_api: TestClient) -> None:
    body = _match(demo_api, "SQL for data analysis", limit=5)
    assert [s["name"] for s in body["skills"]] == ["SQL", "Data Analysis"]  # type: ignore[attr-defined]
    first = body["results"][0]  # type: ignore[index]
    assert {r["name"] for r in first["reasons"]} >= {"SQL", "Data Analysis"}
    blues = _match(demo_api, "learn to play blues guitar", limit=3)
    assert [s["name"] for s in blues["skills"]] == ["Blues", "Guitar"]  # type: ignore[attr-defined]
    for result in blues["results"]:  # type: ignore[attr-defined]
        assert {"Blues", "Guitar"} <= {r["name"] for r in result["reasons"]}


def test_everyday_words_are_not_skills_unless_written_as_names(demo_api: TestClient) -> None:
    assert _match(demo_api, "I want to go far")["skills"] == []
    assert [s["name"] for s in _match(demo_api, "Go for services")["skills"]] == ["Go"]  # type: ignore[attr-defined]


def test_a_misspelt_goal_is_corrected(demo_api: TestClient) -> None:
    body = _match(demo_api, "pyhton")
    assert body["corrected_goal"] == "python"
    assert [s["name"] for s in body["skills"]] == ["Python"]  # type: ignore[attr-defined]
    assert str(body["explanation"]).startswith("Showing results for 'python'.")


def test_a_goal_with_nothing_known_answers_and_says_so(demo_api: TestClient) -> None:
    body = _match(demo_api, "zxqv wplk")
    assert body["careers"] == [] and body["skills"] == [] and body["results"] == []
    assert body["explanation"] == (
        "No career or skill recognised in 'zxqv wplk'; results match its words. "
        "No resource matches it yet."
    )


@pytest.mark.parametrize(
    "params",
    [{}, {"goal": ""}, {"goal": "  !!! "}, {"goal": "x" * 301}, {"goal": "sql", "limit": 0}],
)
def test_goals_without_words_are_422(demo_api: TestClient, params: dict[str, object]) -> None:
    response = demo_api.get("/api/v1/match", params=params)
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM


def test_similar_resources_share_skills_or_topics(demo_api: TestClient, demo_db: Database) -> None:
    with demo_db.session() as session:
        resource = session.scalar(
            select(Resource).where(Resource.title == "SQL Fundamentals: Querying Relational Data")
        )
        assert resource is not None
        rid = resource.id
    body = demo_api.get(f"/api/v1/resources/{rid}/similar", params={"limit": 5}).json()
    assert body["resource_id"] == rid and len(body["results"]) == 5
    assert rid not in {r["id"] for r in body["results"]}
    assert all(
        {"SQL", "PostgreSQL"} & {x["name"] for x in r["reasons"]} for r in body["results"][:3]
    )


def test_similar_of_unknown_resources(demo_api: TestClient) -> None:
    assert demo_api.get("/api/v1/resources/999999/similar").status_code == 404
    assert demo_api.get("/api/v1/resources/0/similar").status_code == 422
    assert demo_api.get("/api/v1/resources/1/similar", params={"limit": 51}).status_code == 422
