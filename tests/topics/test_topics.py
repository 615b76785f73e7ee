"""``/api/v1/topics``: the tree with exact counts, and topic pages best first."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import distinct, func, select

from courseatlas.catalog.models import Resource, ResourceTopic, Topic
from courseatlas.catalog.quality import quality
from courseatlas.catalog.repository import in_topic
from courseatlas.db.database import Database
from courseatlas.search.base import SearchFilters
from courseatlas.search.runtime import SearchRuntime
from courseatlas.topics.service import BestFirst

PROBLEM = "application/problem+json"


def _count(demo_db: Database, path: str) -> int:
    with demo_db.session() as session:
        return (
            session.scalar(
                select(func.count(distinct(ResourceTopic.resource_id))).where(
                    ResourceTopic.resource_id.in_(in_topic(path))
                )
            )
            or 0
        )


def test_tree_counts_every_resource_under_each_topic_once(
    demo_api: TestClient, demo_db: Database
) -> None:
    body = demo_api.get("/api/v1/topics").json()
    with demo_db.session() as session:
        assert body["total"] == session.scalar(select(func.count()).select_from(Resource))
        topics = session.scalar(select(func.count()).select_from(Topic))

    def walk(nodes: list[dict[str, object]]) -> list[dict[str, object]]:
        return [n for node in nodes for n in [node, *walk(node["children"])]]  # type: ignore[arg-type]

    nodes = walk(body["topics"])
    assert len(nodes) == topics
    assert all(node["depth"] == 0 for node in body["topics"])
    for node in nodes:
        assert node["count"] == _count(demo_db, str(node["path"])), node["path"]


def test_topic_page(demo_api: TestClient, demo_db: Database) -> None:
    page = demo_api.get("/api/v1/topics/databases").json()
    assert page["topic"]["path"] == "Computer Science > Databases"
    assert [a["slug"] for a in page["ancestors"]] == ["computer-science"]
    assert [c["name"] for c in page["topic"]["children"]] == ["SQL"]
    counts = page["counts"]
    assert (
        counts["total"]
        == counts["courses"] + counts["books"]
        == _count(demo_db, "Computer Science > Databases")
    )
    assert page["resources"]["total"] == counts["total"]
    careers = [c["slug"] for c in page["careers"]]
    assert careers[:2] == ["backend-engineer", "data-engineer"]  # they list this very topic
    books = demo_api.get("/api/v1/topics/databases", params={"kind": "book"}).json()
    assert {r["kind"] for r in books["resources"]["results"]} == {"book"}
    assert books["counts"] == counts


def test_resources_come_best_first_across_pages(demo_api: TestClient) -> None:
    pages = [
        demo_api.get("/api/v1/topics/computer-science", params={"page": p, "per_page": 7}).json()
        for p in (1, 2, 3)
    ]
    results = [r for page in pages for r in page["resources"]["results"]]
    scores = [quality(r["rating"], r["rating_count"], r["popularity"]) for r in results]
    assert len(results) == 21 and len({r["id"] for r in results}) == 21
    assert scores == sorted(scores, reverse=True)


def test_best_first_is_exact(demo_db: Database) -> None:
    """The threshold algorithm gives what sorting every resource of the topic would."""
    runtime = SearchRuntime(demo_db)
    try:
        with demo_db.session() as session:
            rows = session.execute(
                select(
                    Resource.id, Resource.rating, Resource.rating_count, Resource.popularity
                ).where(Resource.id.in_(in_topic("Computer Science")))
            ).all()
            expected = [
                r.id for r in sorted(rows, key=lambda r: (-quality(r[1], r[2], r[3]), r.id))
            ]
            finder = BestFirst(session, runtime, SearchFilters(topic="computer-science"))
            assert finder.page(0, 10) == expected[:10]
            assert finder.page(95, 10) == expected[95:105]
    finally:
        runtime.stop()


def test_unknown_topics_and_pages_too_deep(demo_api: TestClient) -> None:
    missing = demo_api.get("/api/v1/topics/astrology")
    assert missing.status_code == 404 and missing.headers["content-type"] == PROBLEM
    assert demo_api.get("/api/v1/topics/Not_A_Slug").status_code == 422
    deep = demo_api.get("/api/v1/topics/databases", params={"page": 100, "per_page": 100})
    assert deep.status_code == 422 and "use /api/v1/search?topic=databases" in deep.json()["detail"]
