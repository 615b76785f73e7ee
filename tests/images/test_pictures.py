"""The picture job against a local HTTP server (never the internet), and /pictures serving."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from PIL import Image
from sqlalchemy import select

from courseatlas.catalog.models import Resource
from courseatlas.db.database import Database
from courseatlas.images.models import ImageFetch
from courseatlas.images.pictures import Limits
from courseatlas.images.service import fetch_pictures, picture_path
from courseatlas.ingest.service import run_import
from tests.helpers import course, write_jsonl
from tests.web.live import free_port

LIMITS = Limits(max_bytes=200_000, max_pixels=4_000_000)


def _png(width: int, height: int, noise: bool = False) -> bytes:
    image = Image.effect_noise((width, height), 80) if noise else Image.new("RGB", (width, height))
    out = io.BytesIO()
    image.convert("RGB").save(out, "PNG")
    return out.getvalue()


ANSWERS: dict[str, tuple[int, str, bytes]] = {
    "/good.png": (200, "image/png", _png(1200, 800)),
    "/page.html": (200, "text/html; charset=utf-8", b"<!doctype html><title>not a picture</title>"),
    "/noisy.png": (200, "image/png", _png(600, 600, noise=True)),  # > 200 kB
    "/broken.png": (200, "image/png", b"\x89PNG\r\n\x1a\n" + b"junk" * 100),
    "/missing.png": (404, "text/plain", b"no"),
    "/giant.png": (200, "image/png", _png(2100, 2000)),  # 4.2 million pixels
    "/streamed.png": (200, "image/png", _png(600, 600, noise=True)),
    "/secret.svg": (200, "image/svg+xml", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
}


class _Pictures(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        status, media_type, body = ANSWERS.get(self.path, (404, "text/plain", b""))
        self.send_response(status)
        self.send_header("Content-Type", media_type)
        if not self.path.startswith("/streamed"):  # else the body ends when the server closes
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def picture_host() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), _Pictures)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def _catalog(db: Database, tmp_path: Path, pictures: dict[int, str | None]) -> dict[int, int]:
    rows = [
        course(n, title=f"Course <{n}> & more", **({"image_url": url} if url else {}))
        for n, url in pictures.items()
    ]
    run_import(db.sessions, [write_jsonl(tmp_path / "feed.jsonl", *rows)])
    with db.session() as session:
        found = session.execute(select(Resource.external_id, Resource.id)).all()
    return {int(external[1:]): rid for external, rid in found}


def _outcomes(db: Database) -> dict[int, tuple[bool, str | None]]:
    with db.session() as session:
        rows = session.scalars(select(ImageFetch)).all()
        return {row.resource_id: (row.stored, row.reason) for row in rows}


def test_the_job_stores_good_pictures_and_records_every_bad_one(
    db: Database, tmp_path: Path, picture_host: str
) -> None:
    paths = ["good.png", "page.html", "noisy.png", "broken.png", "missing.png", "giant.png"]
    urls = {n: f"{picture_host}/{path}" for n, path in enumerate(paths, start=1)}
    urls[7] = f"{picture_host}/secret.svg"
    urls[8] = f"http://127.0.0.1:{free_port()}/nobody-listens.png"
    urls[10] = f"{picture_host}/streamed.png"
    ids = _catalog(db, tmp_path, {**urls, 9: None})

    summary = fetch_pictures(db, LIMITS)

    assert (summary.stored, summary.rejected) == (1, 8)
    outcomes = _outcomes(db)
    assert outcomes[ids[1]] == (True, None)
    reasons = {n: outcomes[ids[n]][1] or "" for n in range(2, 9)}
    assert reasons[2] == "not a picture (text/html)"
    assert reasons[3].endswith(" bytes is more than 200,000")  # as its Content-Length said
    assert reasons[4] == "a broken picture: Truncated File Read"
    assert reasons[5] == "answered HTTP 404"
    assert reasons[6] == "2100x2000 pixels is too large"
    assert reasons[7] == "not a picture that can be read"  # SVG is not re-encodable: refused
    assert reasons[8].startswith("no answer")
    assert outcomes[ids[10]] == (False, "more than 200,000 bytes")  # read no further
    assert ids[9] not in outcomes  # no picture in the feed: nothing to fetch
    with Image.open(picture_path(db.settings.data_dir, ids[1])) as stored:
        assert (stored.format, stored.size) == ("WEBP", (480, 320))
    assert not picture_path(db.settings.data_dir, ids[2]).exists()

    assert fetch_pictures(db, LIMITS) == type(summary)(0, 0)  # each picture is fetched once


def test_a_changed_picture_url_is_fetched_again(
    db: Database, tmp_path: Path, picture_host: str
) -> None:
    ids = _catalog(db, tmp_path, {1: f"{picture_host}/missing.png"})
    fetch_pictures(db, LIMITS)
    assert _outcomes(db)[ids[1]] == (False, "answered HTTP 404")
    _catalog(db, tmp_path, {1: f"{picture_host}/good.png"})
    assert fetch_pictures(db, LIMITS).stored == 1
    assert _outcomes(db)[ids[1]] == (True, None)


def test_pictures_are_served_from_this_host_with_caching(
    db: Database, client: TestClient, tmp_path: Path, picture_host: str
) -> None:
    ids = _catalog(db, tmp_path, {1: f"{picture_host}/good.png", 2: None})
    fetch_pictures(db, LIMITS)
    stored = client.get(f"/pictures/{ids[1]}")
    assert stored.status_code == 200
    assert stored.headers["content-type"] == "image/webp"
    assert stored.headers["cache-control"] == "public, max-age=86400"
    assert Image.open(io.BytesIO(stored.content)).size == (480, 320)
    again = client.get(f"/pictures/{ids[1]}", headers={"If-None-Match": stored.headers["etag"]})
    assert again.status_code == 304
    assert "img-src 'self'" in stored.headers["content-security-policy"]

    cover = client.get(f"/pictures/{ids[2]}")
    assert cover.headers["content-type"] == "image/svg+xml"
    assert "Course &lt;2&gt; &amp; more" in cover.text and "<2>" not in cover.text
    assert 'fill="#' in cover.text
    page = client.get(f"/courses/{client.get(f'/api/v1/resources/{ids[2]}').json()['slug']}")
    assert f'src="/pictures/{ids[2]}"' in page.text


def test_a_picture_url_changed_after_fetching_shows_the_cover_until_fetched(
    db: Database, client: TestClient, tmp_path: Path, picture_host: str
) -> None:
    ids = _catalog(db, tmp_path, {1: f"{picture_host}/good.png"})
    fetch_pictures(db, LIMITS)
    _catalog(db, tmp_path, {1: f"{picture_host}/page.html"})
    assert client.get(f"/pictures/{ids[1]}").headers["content-type"] == "image/svg+xml"


@pytest.mark.parametrize(("path", "status"), [("/pictures/999999", 404), ("/pictures/x", 422)])
def test_bad_picture_addresses_are_clear_errors(client: TestClient, path: str, status: int) -> None:
    assert client.get(path).status_code == status
