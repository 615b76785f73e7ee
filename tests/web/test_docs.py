"""The API docs come from this site's vendored assets, under a content policy."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_docs_load_only_from_this_site(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200
    policy = response.headers["content-security-policy"]
    assert policy.startswith("default-src 'none'")
    script_src = next(p for p in policy.split("; ") if p.startswith("script-src"))
    assert "'unsafe-inline'" not in script_src and "http" not in policy
    urls = re.findall(r'(?:src|href)="([^"]+)"', response.text)
    assert urls and all(url.startswith("/docs-assets/") for url in urls), urls
    for url in urls:
        asset = client.get(url)
        assert asset.status_code == 200 and len(asset.content) > 1000, url
    assert "fonts.googleapis" not in response.text and "cdn.jsdelivr" not in response.text


def test_openapi_documents_the_problems_of_every_operation(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    problem = {"$ref": "#/components/schemas/Problem"}
    operations = [op for item in schema["paths"].values() for op in item.values()]
    assert len(operations) >= 10
    for operation in operations:
        for status in ("404", "422", "500"):
            content = operation["responses"][status]["content"]
            assert content == {"application/problem+json": {"schema": problem}}, operation
    assert "HTTPValidationError" not in str(schema)
    required = schema["components"]["schemas"]["Problem"]["required"]
    answer = client.get("/api/v1/resources/999999")
    assert answer.status_code == 404 and set(required) <= set(answer.json())


def test_openapi_documents_each_search_parameter_once(client: TestClient) -> None:
    """The search reads its parameters as one model: each is documented all the same, with
    its constraints, and each one documented is taken."""
    operation = client.get("/openapi.json").json()["paths"]["/api/v1/search"]["get"]
    parameters = {p["name"]: p for p in operation["parameters"]}
    assert len(parameters) == len(operation["parameters"]) == 19
    assert all(p["in"] == "query" and p["required"] is False for p in parameters.values())
    assert parameters["q"]["schema"]["maxLength"] == 500
    assert parameters["min_rating"]["description"].startswith("At least this rating")
    level = parameters["level"]["schema"]["anyOf"][0]["enum"]
    assert level == ["beginner", "intermediate", "advanced", "all"]
    taken = {"q": "sql", "level": "beginner", "page": "1", "per_page": "5", "dead_links": "true"}
    response = client.get("/api/v1/search", params=taken)
    assert response.status_code == 200 and response.json()["per_page"] == 5
