"""Admin pages: users, import runs with their rejected rows, and takedowns."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from tests.accounts.conftest import Site, sign_in, token_of


@pytest.fixture
def admin(site: Site) -> Iterator[TestClient]:
    site.user("root@example.org", admin=True)
    with site.client() as client:
        client.headers["x-test-csrf"] = sign_in(client, "root@example.org")
        yield client


def test_admin_pages_are_for_admins_only(site: Site, admin: TestClient, alice: TestClient) -> None:
    users = admin.get("/admin/users")
    assert "alice@example.org" in users.text and "root@example.org" in users.text
    run = admin.get("/admin/imports/1")
    assert "Import run 1" in run.text and "feed.jsonl" in run.text
    assert "Import runs" in admin.get("/admin/imports").text
    for path in (
        "/admin",
        "/admin/users",
        "/admin/imports",
        "/admin/imports/1",
        "/admin/takedowns",
    ):
        assert alice.get(path).status_code == 404
        with site.client() as stranger:
            assert stranger.get(path).status_code == 404
    assert alice.get("/api/v1/imports/1").status_code == 404
    assert admin.get("/api/v1/imports/1").json()["created"] == 4


def test_a_takedown_hides_a_resource_everywhere_and_a_restore_brings_it_back(
    site: Site, admin: TestClient, alice: TestClient
) -> None:
    target = site.resources[0]
    alice.post("/lists/save", data={"resource_id": target, "csrf_token": token_of(alice)})
    page = alice.get("/api/v1/resources/" + str(target)).json()["url"]
    assert alice.get(page).status_code == 200
    refused = admin.post(
        "/admin/takedowns",
        data={"resource_id": target, "reason": "", "csrf_token": token_of(admin)},
    )
    assert refused.status_code == 422
    admin.post(
        "/admin/takedowns",
        data={
            "resource_id": target,
            "reason": "copyright complaint",
            "csrf_token": token_of(admin),
        },
    )
    _sync(admin, alice)
    assert "copyright complaint" in admin.get("/admin/takedowns").text
    assert alice.get(page).status_code == 404
    assert alice.get(f"/api/v1/resources/{target}").status_code == 404
    ids = [r["id"] for r in alice.get("/api/v1/search?q=sql").json()["results"]]
    assert target not in ids and len(ids) == 3
    assert page not in alice.get("/sitemaps/resources-1.xml").text
    (saved,) = alice.get("/api/v1/lists").json()["results"]
    assert saved["item_count"] == 0  # kept, not shown
    admin.post(f"/admin/takedowns/{target}/restore", data={"csrf_token": token_of(admin)})
    _sync(admin, alice)
    assert alice.get(page).status_code == 200
    assert target in [r["id"] for r in alice.get("/api/v1/search?q=sql").json()["results"]]
    assert alice.get("/api/v1/lists").json()["results"][0]["item_count"] == 1


def _sync(*clients: TestClient) -> None:
    """Apply the change log now in each app (the writer first; the others follow it)."""
    for client in clients:
        client.app.state.search.sync()  # type: ignore[attr-defined]
