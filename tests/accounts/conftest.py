"""Fixtures of accounts tests: a small catalog, learners, and a signed-in client per learner."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from httpx2 import Response
from sqlalchemy import select

from courseatlas.accounts import service
from courseatlas.accounts.mail import readable
from courseatlas.app import create_app
from courseatlas.catalog.models import Resource
from courseatlas.db.database import Database
from courseatlas.ingest.service import run_import
from courseatlas.settings import Settings
from tests.helpers import course, write_jsonl

PASSWORD = "a long and unusual passphrase"
TOKEN_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf(html: str) -> str:
    found = TOKEN_FIELD.search(html)
    assert found, "no csrf_token field on the page"
    return found.group(1)


@dataclass
class Site:
    db: Database
    settings: Settings
    resources: list[int]

    def client(self, base_url: str = "http://testserver") -> TestClient:
        app = create_app(self.settings, self.db)
        return TestClient(app, base_url=base_url, raise_server_exceptions=False)

    def user(self, email: str, admin: bool = False) -> None:
        with self.db.session() as session:
            service.create_user(session, email, PASSWORD, admin)

    def outbox(self) -> list[str]:
        folder = self.settings.data_dir / "outbox"
        files = sorted(folder.glob("*.eml")) if folder.is_dir() else []
        return [readable(p.read_text()) for p in files]


def confirm(client: TestClient, link: str, password: str = PASSWORD) -> Response:
    """Follows an emailed confirmation link and confirms with the password, as a learner does."""
    page = client.get(link)
    token = re.search(r'name="token" value="([\w-]+)"', page.text)
    assert token, page.text
    return client.post(
        "/account/confirm",
        data={"token": token.group(1), "password": password, "csrf_token": csrf(page.text)},
        follow_redirects=False,
    )


def sign_in(client: TestClient, email: str, password: str = PASSWORD) -> str:
    """Signs in through the form; returns the CSRF token of the new session."""
    page = client.get("/account/login")
    answer = client.post(
        "/account/login",
        data={"email": email, "password": password, "csrf_token": csrf(page.text)},
        follow_redirects=False,
    )
    assert answer.status_code == 303, answer.text
    return csrf(client.get("/account").text)


def make_site(settings: Settings, tmp_path: Path, count: int = 4) -> Site:
    db = Database(settings)
    rows = [course(n, title=f"Learning SQL part {n}", skills=["SQL"]) for n in range(1, count + 1)]
    run_import(db.sessions, [write_jsonl(tmp_path / "feed.jsonl", *rows)])
    with db.session() as session:
        ids = list(session.scalars(select(Resource.id).order_by(Resource.id)))
    return Site(db, settings, ids)


@pytest.fixture
def site(db_settings: Settings, tmp_path: Path) -> Iterator[Site]:
    made = make_site(db_settings, tmp_path)
    yield made
    made.db.dispose()


@pytest.fixture
def alice(site: Site) -> Iterator[TestClient]:
    site.user("alice@example.org")
    with site.client() as client:
        client.headers["x-test-csrf"] = sign_in(client, "alice@example.org")
        yield client


@pytest.fixture
def mallory(site: Site) -> Iterator[TestClient]:
    site.user("mallory@example.org")
    with site.client() as client:
        client.headers["x-test-csrf"] = sign_in(client, "mallory@example.org")
        yield client


def token_of(client: TestClient) -> str:
    return client.headers["x-test-csrf"]
