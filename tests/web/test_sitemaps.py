"""The sitemap index, its paged sitemaps, and robots.txt: every URL listed answers 200."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from fastapi.testclient import TestClient
from sqlalchemy import update

from courseatlas.catalog.models import Resource
from courseatlas.catalog.repository import id_pages, rows_in_id_page
from courseatlas.db.database import Database
from courseatlas.ingest.service import run_import
from tests.helpers import course, write_jsonl

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
    institutions = [p for p in pages if p.startswith("/institutions/")]
    assert "/institutions/brightwater-state-university" in institutions
    assert len(institutions) == 7  # the demo's seven universities and colleges
    people = [p for p in pages if p.startswith("/people/")]
    assert "/people/marisol-etxeberria" in people and "/people/amara-osei" in people
    assert len(people) == len(set(people))  # an author who also teaches: one page
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


def test_people_and_institutions_of_hidden_resources_are_left_out(
    db: Database, client: TestClient, tmp_path: Path
) -> None:
    feed = write_jsonl(
        tmp_path / "feed.jsonl",
        course(1, instructors=["Ines Shown"], institution="Shown College"),
        course(2, instructors=["Hana Hidden", "Ines Shown"], institution="Hidden Institute"),
    )
    run_import(db.sessions, [feed])
    with db.session() as session:
        session.execute(
            update(Resource).where(Resource.external_id == "c2").values(hidden_at=datetime.now(UTC))
        )
        session.commit()
    sitemaps = _locations(client, "/sitemap.xml", "sitemap")
    assert "/sitemaps/institutions-1.xml" in sitemaps and "/sitemaps/people-1.xml" in sitemaps
    assert _locations(client, "/sitemaps/people-1.xml", "url") == ["/people/ines-shown"]
    assert _locations(client, "/sitemaps/institutions-1.xml", "url") == [
        "/institutions/shown-college"
    ]
    assert client.get("/sitemaps/people-2.xml").status_code == 404
    assert client.get("/people/ines-shown").status_code == 200
