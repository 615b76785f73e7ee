"""The partners admin page: an admin sets a partner and rotates its secret through forms;
nobody else sees it, and a form without its CSRF token changes nothing."""

from __future__ import annotations

from fastapi.testclient import TestClient

from courseatlas.referrals import repository
from tests.accounts.conftest import PASSWORD, Site, csrf, sign_in
from tests.referrals.conftest import TEMPLATE, Shop


def _signed_in(shop: Shop, email: str, admin: bool) -> tuple[TestClient, str]:
    site = Site(shop.db, shop.db.settings, [])
    site.user(email, admin=admin)
    client = site.client()
    return client, sign_in(client, email, PASSWORD)


def test_an_admin_sets_a_partner_and_rotates_its_secret(shop: Shop) -> None:
    client, token = _signed_in(shop, "admin@example.org", admin=True)
    with client:
        page = client.get("/admin/partners")
        assert page.status_code == 200
        assert "northbridge.example" in page.text and "harbor.example" in page.text
        form = {
            "slug": "open-lab",
            "template": TEMPLATE,
            "hosts": "openlab.example",
            "active": "true",
            "csrf_token": csrf(page.text),
        }
        answer = client.post("/admin/partners", data=form, follow_redirects=False)
        assert answer.status_code == 303
        with shop.db.session() as session:
            partner = repository.partner_by_slug(session, "open-lab")
            assert partner is not None and partner.hosts == ["openlab.example"] and partner.active
        rotated = client.post("/admin/partners/open-lab/secret", data={"csrf_token": token})
        with shop.db.session() as session:
            secret = repository.partner_by_slug(session, "open-lab").secret  # type: ignore[union-attr]
        assert secret and secret in rotated.text  # shown once, on this page
        assert secret not in client.get("/admin/partners").text
        bad = client.post("/admin/partners", data={**form, "template": "https://x.example/"})
        assert bad.status_code == 422
        assert "the template must carry the resource" in bad.text


def test_nobody_else_sees_or_changes_partners(shop: Shop) -> None:
    client, token = _signed_in(shop, "learner@example.org", admin=False)
    with client:
        assert client.get("/admin/partners").status_code == 404
        form = {"slug": "harbor", "template": TEMPLATE, "hosts": "evil.example", "active": "true"}
        assert client.post("/admin/partners", data={**form, "csrf_token": token}).status_code == 404
        assert (
            client.post("/admin/partners/harbor/secret", data={"csrf_token": token}).status_code
            == 404
        )
    admin, _ = _signed_in(shop, "admin@example.org", admin=True)
    with admin:
        assert admin.post("/admin/partners", data=form).status_code == 403  # no CSRF token
    with shop.db.session() as session:
        harbor = repository.partner_by_slug(session, "harbor")
        assert harbor is not None and harbor.hosts == ["harbor.example"] and harbor.secret is None
