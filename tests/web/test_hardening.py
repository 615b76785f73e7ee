"""Hostile requests: NUL bytes, HEAD everywhere, over-long queries, on both databases."""

from __future__ import annotations

import re
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from courseatlas.search.query import MAX_QUERY_LENGTH
from tests.web.html import page

PROBLEM = "application/problem+json"


@pytest.mark.parametrize(
    "url",
    [
        "/courses/%00",
        "/api/v1/suggest?q=%00",
        "/api/v1/search?q=a%00b",
        "/search?q=%00",
        "/topics/x%00y",
        "/api/v1/resources/1?x=%00",
        "/careers/%00",
    ],
)
def test_nul_bytes_never_reach_the_database(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 400, response.text
    assert "NUL character" in response.text
    if url.startswith("/api/"):
        assert response.headers["content-type"] == PROBLEM
    assert response.headers["x-request-id"] and response.headers["x-frame-options"] == "DENY"


def _routes(routes: list[Any]) -> list[Any]:
    found = []
    for route in routes:
        included = getattr(route, "original_router", None)  # FastAPI's included routers
        found += _routes(included.routes) if included is not None else [route]
    return found


def _get_paths(client: TestClient) -> list[str]:
    """Every GET route of the app, path parameters filled in."""
    routes = _routes(client.app.routes)  # type: ignore[attr-defined]
    return sorted(
        {
            re.sub(r"\{[^}]+\}", "1", route.path)
            for route in routes
            if isinstance(route, APIRoute) and "GET" in route.methods
        }
    )


def test_head_answers_on_every_get_route(client: TestClient) -> None:
    paths = _get_paths(client)
    assert {"/healthz", "/readyz", "/api/v1/search", "/search", "/"} <= set(paths)
    for path in paths:
        get, head = client.get(path), client.head(path)
        assert head.status_code == get.status_code, path
        assert head.content == b"", path
        same = ("content-type", "content-encoding", "content-length")
        for header in same[:2] if path == "/metrics" else same:  # metrics count each request
            assert head.headers.get(header) == get.headers.get(header), (path, header)


def test_a_too_long_query_on_the_search_page_is_cut_not_refused(client: TestClient) -> None:
    long = "python " * 200
    response = client.get("/search", params={"q": long})
    assert response.status_code == 200
    field = page(client, "/search?q=" + long.replace(" ", "+")).select_one("input[name=q]")
    assert field is not None and field["value"] == long[:MAX_QUERY_LENGTH].strip()
    assert client.get("/api/v1/search", params={"q": long}).status_code == 422
