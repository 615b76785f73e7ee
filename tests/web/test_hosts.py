"""The configured public URL, not a forged Host header, names the site; production is strict."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from courseatlas.app import create_app
from courseatlas.db.database import Database

PUBLIC = "https://courses.example.org"
SECRET = "k" * 24 + "-not-a-published-key"


def _client(db: Database, **settings: str) -> TestClient:
    configured = db.settings.model_copy(update=settings)
    return TestClient(create_app(configured, db), base_url=PUBLIC, raise_server_exceptions=False)


@pytest.fixture
def public(db: Database) -> Iterator[TestClient]:
    with _client(db, public_url=PUBLIC) as client:
        yield client


def test_redirects_use_the_public_url_whatever_the_host(public: TestClient) -> None:
    response = public.get("/topics/", headers={"host": "evil.example"}, follow_redirects=False)
    assert response.status_code == 307
    assert response.headers["location"] == f"{PUBLIC}/topics"


def test_pages_link_to_the_public_url_whatever_the_host(public: TestClient) -> None:
    text = public.get("/", headers={"host": "evil.example"}).text
    assert "evil.example" not in text and PUBLIC in text


def test_hsts_when_the_public_url_is_https(public: TestClient, db: Database) -> None:
    assert public.get("/healthz").headers["strict-transport-security"].startswith("max-age=")
    with _client(db, public_url="http://courses.example.org") as plain:
        assert "strict-transport-security" not in plain.get("/healthz").headers


def test_production_refuses_other_hosts(db: Database) -> None:
    with _client(db, env="production", secret_key=SECRET, public_url=PUBLIC) as client:
        assert client.get("/", headers={"host": "courses.example.org"}).status_code == 200
        forged = client.get("/api/v1/topics", headers={"host": "evil.example"})
        assert forged.status_code == 400
        assert forged.json()["detail"] == "this site answers for courses.example.org only"
        assert forged.headers["x-request-id"]
        page = client.get("/topics", headers={"host": "evil.example"})
        assert page.status_code == 400 and "evil.example" not in page.text
        probe = client.get("/healthz", headers={"host": "10.0.0.7:8000"})
        assert probe.status_code == 200  # load balancers probe by address
