"""The catalog JSON API, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from courseatlas.db.database import Database
from courseatlas.ingest.service import run_import
from tests.helpers import admin_headers, course, write_jsonl

PROBLEM = "application/problem+json"


@pytest.fixture
def catalog(db: Database, tmp_path: Path) -> Database:
    rows = [
        course(
            1,
            title="SQL for Analysts",
            provider="Northbridge Academy",
            level="beginner",
            free=True,
            popularity=900,
            rating=4.7,
            rating_count=3000,
            topics=["Computer Science > Databases > SQL"],
            skills=["SQL", "Postgres"],
        ),
        course(
            2,
            title="Advanced PostgreSQL",
            provider="Northbridge Academy",
            level="advanced",
            price=49,
            currency="USD",
            popularity=300,
            topics=["Computer Science > Databases"],
        ),
        course(
            3,
            title="Curso de Python",
            provider="Open Lab",
            language="es",
            popularity=500,
            level="intermediate",
            topics=["Computer Science > Programming Languages > Python"],
        ),
        {
            "kind": "book",
            "title": "Query Craft",
            "isbn": "9780306406157",
            "authors": ["Ann Lee"],
            "provider": "Harbor Lane Press",
            "popularity": 100,
            "year": 2020,
            "topics": ["Computer Science > Databases > SQL"],
        },
    ]
    run_import(db.sessions, [write_jsonl(tmp_path / "feed.jsonl", *rows)])
    return db


def _results(client: TestClient, **params: object) -> tuple[int, list[str]]:
    response = client.get("/api/v1/resources", params=params)
    assert response.status_code == 200, response.text
    body = response.json()
    return body["total"], [r["title"] for r in body["results"]]


def test_resource_detail(catalog: Database, client: TestClient) -> None:
    listing = client.get("/api/v1/resources", params={"kind": "book"}).json()
    book_id = listing["results"][0]["id"]
    body = client.get(f"/api/v1/resources/{book_id}").json()
    assert body["title"] == "Query Craft"
    assert body["isbn13"] == "9780306406157"
    assert body["authors"] == ["Ann Lee"]
    assert body["provider"]["name"] == "Harbor Lane Press"
    assert body["url"] == "/books/query-craft"
    assert body["outbound_url"] == f"/go/{book_id}"
    assert body["topics"] == [
        {"slug": "sql", "name": "SQL", "path": "Computer Science > Databases > SQL"}
    ]


def test_course_detail_has_skills_and_price(catalog: Database, client: TestClient) -> None:
    first = client.get("/api/v1/resources", params={"sort": "title"}).json()["results"][0]
    body = client.get(f"/api/v1/resources/{first['id']}").json()
    assert body["title"] == "Advanced PostgreSQL"
    assert body["price"] == {"free": False, "amount": "49.00", "currency": "USD", "listed": None}
    assert body["provider_url"] == "https://courses.example/c/2"


def test_filters_and_exact_totals(catalog: Database, client: TestClient) -> None:
    assert _results(client) == (
        4,
        ["SQL for Analysts", "Curso de Python", "Advanced PostgreSQL", "Query Craft"],
    )
    assert _results(client, kind="course", level="beginner") == (1, ["SQL for Analysts"])
    assert _results(client, language="es") == (1, ["Curso de Python"])
    assert _results(client, price="free") == (1, ["SQL for Analysts"])
    assert _results(client, price="paid") == (1, ["Advanced PostgreSQL"])
    assert _results(client, provider="northbridge-academy", sort="title") == (
        2,
        ["Advanced PostgreSQL", "SQL for Analysts"],
    )
    assert _results(client, provider="nobody") == (0, [])


def test_free_is_the_old_spelling_of_price(catalog: Database, client: TestClient) -> None:
    assert _results(client, free="true") == _results(client, price="free")
    assert _results(client, free="false") == _results(client, price="paid")
    assert _results(client, free="true", price="free") == (1, ["SQL for Analysts"])
    response = client.get("/api/v1/resources", params={"free": "true", "price": "paid"})
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    assert "disagree" in response.json()["detail"]


@pytest.mark.parametrize(
    ("path", "unknown"),
    [
        ("/api/v1/resources?levle=beginner", ["levle"]),
        ("/api/v1/search?q=sql&pricee=free&kind=book", ["pricee"]),
        ("/api/v1/search?free=true", ["free"]),
        ("/api/v1/topics?x=1&a=2", ["a", "x"]),
        ("/api/v1/careers?feild=health", ["feild"]),
        ("/api/v1/suggest?q=py&limt=3", ["limt"]),
    ],
)
def test_unknown_query_parameters_are_named_in_a_422(
    client: TestClient, path: str, unknown: list[str]
) -> None:
    response = client.get(path)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert [(e["field"], e["in"]) for e in body["errors"]] == [(name, "query") for name in unknown]
    assert all(name in body["detail"] for name in unknown)
    assert "unknown parameter" in body["detail"]


def test_pages_still_open_with_parameters_they_do_not_know(
    catalog: Database, client: TestClient
) -> None:
    response = client.get("/search", params={"q": "sql", "utm_source": "newsletter"})
    assert response.status_code == 200
    assert "SQL for Analysts" in response.text


def test_topic_filter_includes_subtopics(catalog: Database, client: TestClient) -> None:
    assert _results(client, topic="sql") == (2, ["SQL for Analysts", "Query Craft"])
    assert _results(client, topic="databases")[0] == 3
    assert _results(client, topic="computer-science")[0] == 4


def test_pages(catalog: Database, client: TestClient) -> None:
    body = client.get("/api/v1/resources", params={"per_page": 3, "page": 2}).json()
    assert (body["total"], body["page"], body["per_page"]) == (4, 2, 3)
    assert [r["title"] for r in body["results"]] == ["Query Craft"]


def test_unknown_resource_is_a_problem(client: TestClient) -> None:
    response = client.get("/api/v1/resources/999")
    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM
    assert response.json() == {
        "type": "about:blank",
        "title": "Not Found",
        "status": 404,
        "detail": "no resource has id 999",
        "instance": "/api/v1/resources/999",
    }


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/api/v1/resources/abc", "resource_id"),
        ("/api/v1/resources/99999999999999999999", "resource_id"),
        ("/api/v1/resources?per_page=1000", "per_page"),
        ("/api/v1/resources?level=wizard", "level"),
        ("/api/v1/resources?topic=%3Cscript%3E", "topic"),
        ("/api/v1/resources?page=0", "page"),
    ],
)
def test_bad_parameters_are_422_problems(client: TestClient, path: str, field: str) -> None:
    response = client.get(path)
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert [e["field"] for e in body["errors"]] == [field]
    assert field in body["detail"]


def test_unknown_route_is_a_problem(client: TestClient) -> None:
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM


def test_import_report_lists_rejected_rows(
    db: Database, client: TestClient, tmp_path: Path
) -> None:
    feed = write_jsonl(tmp_path / "f.jsonl", course(1), course(2, rating=9), course(3, url="x"))
    summary = run_import(db.sessions, [feed])
    # The report names server paths: only admins see it, and to others it does not exist.
    assert client.get(f"/api/v1/imports/{summary.run_id}").status_code == 404
    admin = admin_headers(db)
    body = client.get(f"/api/v1/imports/{summary.run_id}", headers=admin).json()
    assert (body["status"], body["created"], body["rejected"]) == ("partial", 2, 1)
    assert body["warnings"] == 1
    assert body["rejections"] == [
        {
            "file": str(feed),
            "line": 2,
            "field": "rating",
            "reason": "a rating is between 0 and 5, got 9; stored without it",
            "severity": "warning",
        },
        {
            "file": str(feed),
            "line": 3,
            "field": "url",
            "reason": "only http and https URLs are accepted, got 'x'",
            "severity": "error",
        },
    ]
    assert client.get("/api/v1/imports/12345", headers=admin).status_code == 404


def test_health(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["database"] == "ok"
    assert ready.headers["x-request-id"]


def test_metrics_count_requests_by_route(client: TestClient) -> None:
    client.get("/api/v1/resources/12345")
    client.get("/api/v1/resources/12346")
    body = TestClient(client.app, client=("127.0.0.1", 5000)).get("/metrics").text
    assert (
        'courseatlas_http_requests_total{method="GET",route="/api/v1/resources/{resource_id}",'
        'status="404"} 2.0'
    ) in body
    assert "courseatlas_http_request_duration_seconds_bucket" in body
    assert "courseatlas_search_documents 0.0" in body
    assert "courseatlas_search_lag 0.0" in body


def test_highest_rated_weighs_each_average_by_how_many_gave_it(
    db: Database, tmp_path: Path, client: TestClient
) -> None:
    feed = write_jsonl(
        tmp_path / "rated.jsonl",
        course(1, title="Five Stars From Three", rating=5.0, rating_count=3),
        course(2, title="Many Ratings", rating=4.7, rating_count=3000),
        course(3, title="Unrated"),
        course(4, title="Poorly Rated", rating=2.0, rating_count=500),
    )
    run_import(db.sessions, [feed])
    # As search orders them: (3.8 x 25 + rating x count) / (25 + count).
    assert _results(client, sort="rating") == (
        4,
        ["Many Ratings", "Five Stars From Three", "Unrated", "Poorly Rated"],
    )
