"""The sitemap index, its paged sitemaps, and robots.txt: every URL listed answers 200."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

from fastapi.testclient import TestClient

from courseatlas.catalog.models import Resource
from courseatlas.catalog.repository import id_pages, rows_in_id_page
from courseatlas.db.database import Database

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def _locations(client: TestClient, url: str, element: str) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response.headers["content-type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    return [urlsplit(loc.text or "").path for loc in root.findall(f"sm:{element}/sm:loc", NS)]


def test_every_url_in_the_sitemaps_answers(demo_api: TestClient) -> None:
    sitemaps = _locations(demo_api, "/sitemap.xml", "sitemap")
    assert "/sitemaps/resources-1.xml" in sitemaps
    pages = [path for sitemap in sitemaps for path in _locations(demo_api, sitemap, "url")]
    assert len([p for p in pages if p.startswith(("/courses/", "/books/"))]) == 405
    assert "/topics/computer-science" in pages and "/providers/kestrel-code-school" in pages
    for path in pages:
        assert demo_api.get(path).status_code == 200, path


def test_a_sitemap_page_past_the_end_is_missing(demo_api: TestClient) -> None:
    assert demo_api.get("/sitemaps/resources-2.xml").status_code == 404
    assert demo_api.get("/sitemaps/everything-1.xml").status_code == 404


def test_id_pages_hold_at_most_their_size(demo_db: Database) -> None:
    with demo_db.session() as session:
        numbers = id_pages(session, Resource.id, 100)
        assert numbers == [1, 2, 3, 4, 5]
        rows = [rows_in_id_page(session, Resource.id, (Resource.id,), n, 100) for n in numbers]
    assert [len(r) for r in rows] == [100, 100, 100, 100, 5]
    assert rows[1][0].id == 101


def test_robots_points_at_the_sitemap(demo_api: TestClient) -> None:
    response = demo_api.get("/robots.txt")
    assert response.headers["content-type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.text
    assert "Disallow: /go/" in response.text
