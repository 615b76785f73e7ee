"""Catalog text is always escaped, the way out goes only where the catalog says, headers hold."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from courseatlas.catalog.models import Resource
from courseatlas.db.database import Database
from courseatlas.ingest.service import run_import
from tests.helpers import course, write_jsonl
from tests.web.html import page, structured_data, text_of

SCRIPT = "<script>alert(1)</script>"
# Plain-text fields are stored as written, so the attack reaches the pages, which escape it.
CLOSING = "</scripts><canvas onload=alert(2)>"  # not HTML markup: a plain-text description


def _import(db: Database, client: TestClient, tmp_path: Path, *rows: dict[str, object]) -> None:
    summary = run_import(db.sessions, [write_jsonl(tmp_path / "feed.jsonl", *rows)])
    assert summary.status == "succeeded", summary
    client.app.state.search.sync()  # type: ignore[attr-defined]


def _stored(db: Database, external_id: str) -> Resource:
    with db.session() as session:
        found = session.scalars(select(Resource).where(Resource.external_id == external_id)).one()
        session.expunge(found)
        return found


def test_catalog_text_shows_as_text_everywhere(
    db: Database, client: TestClient, tmp_path: Path
) -> None:
    _import(
        db,
        client,
        tmp_path,
        course(
            1,
            title=SCRIPT,
            description=f"Learn scripting {CLOSING} the safe way.",
            provider=f"Evil {SCRIPT} Academy",
            skills=[SCRIPT],
        ),
    )
    stored = _stored(db, "c1")
    assert stored.title == SCRIPT  # the attack survives the import, so the pages must escape it
    for url in (f"/courses/{stored.slug}", "/search?q=alert", "/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert SCRIPT not in response.text, url
        assert "<canvas onload" not in response.text, url
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in response.text, url
    soup = page(client, f"/courses/{stored.slug}")
    assert text_of(soup, "h1") == SCRIPT
    assert soup.select_one('meta[property="og:title"]')["content"] == SCRIPT
    raw_blocks = [s.string or "" for s in soup.select('script[type="application/ld+json"]')]
    assert all("<" not in block and ">" not in block for block in raw_blocks)
    data = structured_data(soup)[0]
    assert data["name"] == SCRIPT
    assert CLOSING in data["description"]


def test_escaped_text_in_a_feed_stays_as_written(
    db: Database, client: TestClient, tmp_path: Path
) -> None:
    escaped = "Safe &lt;script&gt; Course"
    _import(db, client, tmp_path, course(1, title=escaped))
    stored = _stored(db, "c1")
    assert stored.title == escaped
    assert text_of(page(client, f"/courses/{stored.slug}"), "h1") == escaped


def test_go_redirects_only_to_the_stored_url(
    db: Database, client: TestClient, tmp_path: Path
) -> None:
    url = "https://courses.example/c/1?ref=atlas&lang=en#start"
    _import(db, client, tmp_path, course(1, url=url))
    resource_id = _stored(db, "c1").id
    for path in (f"/go/{resource_id}", f"/go/{resource_id}?next=https://evil.example/"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code == 302
        assert response.headers["location"] == url
        assert response.headers["cache-control"] == "no-store"
    assert client.get(f"/go/{resource_id + 1}", follow_redirects=False).status_code == 404
    for other in ("/go//evil.example", "/go/https:%2F%2Fevil.example", "/go/0", "/go/-1"):
        response = client.get(other, follow_redirects=False)
        assert response.status_code in (404, 422), other
        assert "location" not in response.headers


@pytest.mark.parametrize(
    "stored", ["javascript:alert(1)", "//evil.example/", "https://ok.example/\r\nSet-Cookie: x=1"]
)
def test_go_refuses_a_stored_url_that_is_not_a_web_address(
    db: Database, client: TestClient, tmp_path: Path, stored: str
) -> None:
    _import(db, client, tmp_path, course(1))
    resource_id = _stored(db, "c1").id
    with db.session() as session:  # as if a row had been written around the importer
        session.execute(update(Resource).where(Resource.id == resource_id).values(url=stored))
    response = client.get(f"/go/{resource_id}", follow_redirects=False)
    assert response.status_code == 404
    assert "location" not in response.headers


def test_a_resource_without_url_has_no_way_out(
    db: Database, client: TestClient, tmp_path: Path
) -> None:
    _import(db, client, tmp_path, course(1, url=None))
    stored = _stored(db, "c1")
    assert client.get(f"/go/{stored.id}", follow_redirects=False).status_code == 404
    assert page(client, f"/courses/{stored.slug}").select_one("a.button-primary") is None


@pytest.mark.parametrize(
    "url", ["/", "/search?q=sql", "/nowhere", "/static/site.css", "/api/v1/search"]
)
def test_security_headers(demo_api: TestClient, url: str) -> None:
    headers = demo_api.get(url).headers
    policy = headers["content-security-policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in headers["permissions-policy"]


def _same_host(url: str) -> bool:
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc and url.startswith("/")


def test_pages_load_nothing_from_another_host(demo_api: TestClient) -> None:
    soup = page(demo_api, "/courses/sql-fundamentals-querying-relational-data")
    loaded = [tag.get("src") for tag in soup.select("script[src], img[src]")]
    loaded += [tag.get("href") for tag in soup.select("link[rel=stylesheet], link[rel=icon]")]
    # Same-host paths only: no scheme, no host, not protocol-relative ("//cdn...").
    assert loaded and all(_same_host(str(url)) for url in loaded)
    assert "/pictures/" in " ".join(map(str, loaded))  # Pictures too come from this host.
    assert not soup.select("script:not([src]):not([type='application/ld+json'])")
    assert (
        json.loads(str(soup.select_one('meta[name="htmx-config"]')["content"]))["allowEval"]
        is False
    )
