"""Pages and static files can be cached and revalidated, and travel compressed."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from courseatlas.http.caching import matches
from courseatlas.site.templating import static_url


def test_pages_carry_an_etag_and_answer_304_when_unchanged(demo_api: TestClient) -> None:
    first = demo_api.get("/search?q=sql")
    tag = first.headers["etag"]
    assert tag.startswith('W/"') and first.headers["cache-control"] == "public, max-age=300"
    again = demo_api.get("/search?q=sql", headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == tag
    other = demo_api.get("/search?q=python", headers={"If-None-Match": tag})
    assert other.status_code == 200 and other.headers["etag"] != tag


def test_error_pages_are_not_cached(demo_api: TestClient) -> None:
    response = demo_api.get("/courses/missing")
    assert response.headers["cache-control"] == "no-store" and "etag" not in response.headers


def test_if_none_match_comparison() -> None:
    assert matches('W/"abc"', 'W/"abc"')
    assert matches('"abc"', 'W/"abc"')
    assert matches('"x", W/"abc"', 'W/"abc"')
    assert matches("*", 'W/"abc"')
    assert not matches('"abcd"', 'W/"abc"')
    assert not matches(None, 'W/"abc"')


def test_pages_are_compressed(demo_api: TestClient) -> None:
    response = demo_api.get("/search?q=data", headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip"
    assert "Accept-Encoding" in response.headers["vary"]


@pytest.mark.parametrize("first", ["gzip", "identity"])
def test_search_answers_are_the_same_gzipped_or_not(demo_api: TestClient, first: str) -> None:
    """Kept gzipped: sent as they are to a client taking gzip, inflated for one that does not,
    whichever asked first."""
    path = f"/api/v1/search?q=python&level=beginner&per_page={7 if first == 'gzip' else 8}"
    second = "identity" if first == "gzip" else "gzip"
    answers = {
        encoding: demo_api.get(path, headers={"Accept-Encoding": encoding})
        for encoding in (first, second)
    }
    zipped, plain = answers["gzip"], answers["identity"]
    assert zipped.headers["content-encoding"] == "gzip"
    assert "Accept-Encoding" in zipped.headers["vary"]
    assert int(zipped.headers["content-length"]) < len(zipped.content) // 2
    assert "content-encoding" not in plain.headers
    assert int(plain.headers["content-length"]) == len(plain.content)
    assert zipped.content == plain.content and plain.json()["results"][0]["title"]


def test_versioned_static_files_are_cached_for_good(demo_api: TestClient) -> None:
    url = static_url("site.css")
    assert url.startswith("/static/site.css?v=")
    response = demo_api.get(url)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/css")
    assert response.headers["cache-control"] == "public, max-age=31536000, immutable"
    again = demo_api.get(url, headers={"If-None-Match": response.headers["etag"]})
    assert again.status_code == 304
    assert demo_api.get("/static/site.css").headers["cache-control"] == "public, max-age=3600"
    assert demo_api.get("/static/missing.js").status_code == 404
