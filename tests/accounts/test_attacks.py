"""What an attacker was tried with: another learner's objects on every route (IDOR), CSRF,
brute force, a real reset through SMTP, and logs read for secrets."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from email import message_from_bytes
from email.policy import default as default_policy

import pytest
import structlog
from aiosmtpd.controller import Controller
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from courseatlas.accounts.models import ApiToken
from courseatlas.catalog.models import Provider
from courseatlas.lists.models import ListItem, SavedList
from courseatlas.settings import Settings
from tests.accounts.conftest import PASSWORD, Site, confirm, csrf, sign_in, token_of
from tests.web.live import free_port

# Path parameters that name something private to one learner (or to admins). A route with
# any other parameter must be listed as public below, so a new route cannot slip through.
PRIVATE = {"list_id", "token_id", "share_id", "run_id"}
PUBLIC_PARAMS = {"slug", "name", "number", "resource_id", "path", "code"}


def _victim_objects(site: Site, victim: TestClient) -> dict[str, str]:
    token = token_of(victim)
    victim.post("/lists/save", data={"resource_id": site.resources[0], "csrf_token": token})
    made = victim.post(
        "/api/v1/lists", json={"title": "Secret plans"}, headers={"X-CSRF-Token": token}
    ).json()
    victim.post(
        f"/api/v1/lists/{made['id']}/items",
        json={"resource_id": site.resources[0]},
        headers={"X-CSRF-Token": token},
    )
    shared = victim.patch(
        f"/api/v1/lists/{made['id']}",
        json={"visibility": "public"},
        headers={"X-CSRF-Token": token},
    )
    share_id = shared.json()["share_url"].rsplit("/", 1)[1]
    victim.patch(
        f"/api/v1/lists/{made['id']}",
        json={"visibility": "private"},
        headers={"X-CSRF-Token": token},
    )
    victim.post("/account/tokens", data={"name": "victim", "csrf_token": token})
    with site.db.session() as session:
        token_id = session.scalars(select(ApiToken.id)).one()
        slug = session.scalars(select(Provider.slug)).first()
    return {
        "list_id": str(made["id"]),
        "resource_id": str(site.resources[0]),
        "token_id": str(token_id),
        "share_id": share_id,
        "run_id": "1",
        "slug": slug or "a-provider",
    }


def _flat_routes(routes: list[object]) -> Iterator[tuple[str, set[str]]]:
    """(full path, methods) of every API route, through FastAPI's included routers."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route.path, set(route.methods)
        candidates = getattr(route, "effective_candidates", None)
        for candidate in candidates() if candidates else []:
            if hasattr(candidate, "effective_candidates"):
                yield from _flat_routes([candidate])
            elif isinstance(candidate.original_route, APIRoute):
                yield candidate.path, set(candidate.original_route.methods)


def _private_routes(app: object) -> Iterator[tuple[str, str]]:
    seen = set()
    for path, methods in _flat_routes(app.routes):  # type: ignore[attr-defined]
        params = set(re.findall(r"{(\w+)(?::\w+)?}", path))
        unknown = params - PRIVATE - PUBLIC_PARAMS
        assert not unknown, f"{path}: classify {unknown} as private or public in this test"
        if params & PRIVATE or (params and path.startswith("/admin")):
            for method in sorted(methods - {"HEAD"}):
                if (method, path) not in seen:
                    seen.add((method, path))
                    yield method, path


def _request(client: TestClient, method: str, path: str, ids: dict[str, str], token: str) -> int:
    url = re.sub(r"{(\w+)(?::\w+)?}", lambda m: ids[m.group(1)], path)
    if url.startswith("/api/"):
        body = (
            {"title": "pwned"}
            if url.count("/") == 4
            else {"resource_id": int(ids["resource_id"]), "note": "pwned"}
        )
        if "/items/" in url:
            body = {"note": "pwned"}
        answer = client.request(
            method,
            url,
            json=body if method in ("POST", "PATCH") else None,
            headers={"X-CSRF-Token": token},
        )
    else:
        form = {
            "csrf_token": token,
            "title": "pwned",
            "note": "pwned",
            "status": "done",
            "step": "1",
            "visibility": "public",
            "reason": "pwned",
            "resource_id": ids["resource_id"],
        }
        files = (
            {"file": ("x.csv", "Learning SQL part 2\n", "text/csv")}
            if url.endswith("/import")
            else None
        )
        answer = client.request(
            method,
            url,
            data=form if method == "POST" else None,
            files=files,
            follow_redirects=False,
        )
    return answer.status_code


def test_every_route_that_takes_an_id_hides_another_learners_objects(
    site: Site, alice: TestClient, mallory: TestClient
) -> None:
    ids = _victim_objects(site, alice)
    with site.db.session() as session:
        before = (
            session.scalar(select(func.count()).select_from(ListItem)),
            session.scalar(select(func.count()).select_from(SavedList)),
        )
    tried = list(_private_routes(alice.app))
    assert len(tried) >= 20
    for method, path in tried:
        status = _request(mallory, method, path, ids, token_of(mallory))
        assert status == 404, f"{method} {path} answered {status} to another learner"
        with site.client() as stranger:
            status = _request(stranger, method, path, ids, "")
        expected = (
            404 if path.startswith(("/admin", "/lists/{share_id}", "/api/v1/imports")) else 401
        )
        if method != "GET" and not path.startswith("/api/"):
            expected = 403  # a form post without a session has no valid token: refused first
        assert status == expected, f"{method} {path} answered {status} signed out"
    with site.db.session() as session:
        after = (
            session.scalar(select(func.count()).select_from(ListItem)),
            session.scalar(select(func.count()).select_from(SavedList)),
        )
        titles = set(session.scalars(select(SavedList.title)))
    assert after == before and "pwned" not in titles
    assert alice.get(f"/api/v1/lists/{ids['list_id']}").json()["items"][0]["note"] == ""


def test_posts_without_a_valid_csrf_token_are_refused_and_change_nothing(
    site: Site, alice: TestClient, mallory: TestClient
) -> None:
    resource = str(site.resources[0])
    for data in (
        {"resource_id": resource},
        {"resource_id": resource, "csrf_token": "0" * 64},
        {"resource_id": resource, "csrf_token": token_of(mallory)},
    ):
        refused = alice.post("/lists/save", data=data)
        assert refused.status_code == 403 and "did not come from this site" in refused.text
    no_header = alice.post("/api/v1/lists", json={"title": "forged"})
    assert no_header.status_code == 403
    assert no_header.headers["content-type"] == "application/problem+json"
    assert alice.post("/account/logout").status_code == 403
    assert alice.get("/api/v1/me").status_code == 200  # still signed in
    titles = [entry["title"] for entry in alice.get("/api/v1/lists").json()["results"]]
    assert titles == ["Saved"]
    assert (
        alice.get(f"/api/v1/lists/{alice.get('/api/v1/lists').json()['results'][0]['id']}").json()[
            "items"
        ]
        == []
    )
    with site.client() as anonymous:  # a sign-in form posted from elsewhere (login CSRF)
        forged = anonymous.post(
            "/account/login", data={"email": "alice@example.org", "password": PASSWORD}
        )
        assert forged.status_code == 403


def test_bearer_requests_need_no_csrf_token(site: Site, alice: TestClient) -> None:
    page = alice.post("/account/tokens", data={"name": "script", "csrf_token": token_of(alice)})
    secret = re.search(r'<code id="new-token">(ca_[\w-]+)</code>', page.text).group(1)
    with site.client() as script:
        made = script.post(
            "/api/v1/lists",
            json={"title": "From a script"},
            headers={"Authorization": f"Bearer {secret}"},
        )
        assert made.status_code == 201 and made.json()["visibility"] == "private"


def test_brute_force_sign_in_is_throttled_per_account_with_retry_after(site: Site) -> None:
    site.user("target@example.org")
    with site.client() as attacker:
        token = csrf(attacker.get("/account/login").text)
        for _ in range(10):
            answer = attacker.post(
                "/account/login",
                data={
                    "email": "target@example.org",
                    "password": "guess guess guess",
                    "csrf_token": token,
                },
            )
            assert answer.status_code == 400
        blocked = attacker.post(
            "/account/login",
            data={"email": "TARGET@example.org", "password": PASSWORD, "csrf_token": token},
        )
        assert blocked.status_code == 429
        assert 0 < int(blocked.headers["retry-after"]) <= 15 * 60
        assert "cookie" not in blocked.headers.get("set-cookie", "courseatlas_session")
        # An unknown address is throttled the same way: the limit reveals nothing.
        for _ in range(10):
            attacker.post(
                "/account/login",
                data={
                    "email": "ghost@example.org",
                    "password": "guess guess guess",
                    "csrf_token": token,
                },
            )
        assert (
            attacker.post(
                "/account/login",
                data={"email": "ghost@example.org", "password": "x", "csrf_token": token},
            ).status_code
            == 429
        )


def test_one_client_trying_many_accounts_is_throttled(site: Site) -> None:
    with site.client() as attacker:
        token = csrf(attacker.get("/account/login").text)
        for number in range(30):
            attacker.post(
                "/account/login",
                data={
                    "email": f"user{number}@example.org",
                    "password": "guess guess guess",
                    "csrf_token": token,
                },
            )
        blocked = attacker.post(
            "/account/login",
            data={"email": "fresh@example.org", "password": "guess", "csrf_token": token},
        )
        assert blocked.status_code == 429 and "Retry-After" in blocked.headers


def test_sign_up_and_reset_requests_are_throttled(site: Site) -> None:
    with site.client() as attacker:
        token = csrf(attacker.get("/account/forgot").text)
        for _ in range(10):
            assert (
                attacker.post(
                    "/account/forgot", data={"email": "victim@example.org", "csrf_token": token}
                ).status_code
                == 200
            )
        assert (
            attacker.post(
                "/account/forgot", data={"email": "victim@example.org", "csrf_token": token}
            ).status_code
            == 429
        )
        for _ in range(10):
            attacker.post(
                "/account/signup",
                data={"email": "spam@example.org", "password": "short", "csrf_token": token},
            )
        refused = attacker.post(
            "/account/signup",
            data={"email": "spam@example.org", "password": "short", "csrf_token": token},
        )
        assert refused.status_code == 429 and "Retry-After" in refused.headers


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[str] = []

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:  # noqa: N802
        message = message_from_bytes(envelope.content, policy=default_policy)  # type: ignore[attr-defined]
        self.messages.append(f"To: {message['To']}\n{message.get_body().get_content()}")
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[str, _Inbox]]:
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield f"smtp://127.0.0.1:{controller.port}", inbox
    controller.stop()


def test_password_reset_through_a_real_smtp_server(site: Site, smtp: tuple[str, _Inbox]) -> None:
    url, inbox = smtp
    site.user("forgetful@example.org")
    site.settings = site.settings.model_copy(update={"smtp_url": url})
    with site.client() as phone, site.client() as laptop:
        sign_in(phone, "forgetful@example.org")
        token = csrf(laptop.get("/account/forgot").text)
        laptop.post("/account/forgot", data={"email": "forgetful@example.org", "csrf_token": token})
        (message,) = inbox.messages
        assert message.startswith("To: forgetful@example.org")
        link = re.search(r"http://testserver(/account/reset\?token=[\w-]+)", message).group(1)
        page = laptop.get(link)
        reset_token = re.search(r'name="token" value="([\w-]+)"', page.text).group(1)
        assert reset_token == link.split("=", 1)[1]
        done = laptop.post(
            "/account/reset",
            data={
                "token": reset_token,
                "password": "a brand new passphrase",
                "csrf_token": csrf(page.text),
            },
            follow_redirects=False,
        )
        assert done.status_code == 303
        assert laptop.get("/api/v1/me").json()["email"] == "forgetful@example.org"
        assert phone.get("/api/v1/me").status_code == 401  # other sessions ended
        again = laptop.post(
            "/account/reset",
            data={
                "token": reset_token,
                "password": "yet another passphrase",
                "csrf_token": csrf(laptop.get("/account").text),
            },
        )
        assert again.status_code == 400  # single use
    with site.client() as client:
        sign_in(client, "forgetful@example.org", "a brand new passphrase")


def test_logs_hold_no_password_or_token(db_settings: Settings, tmp_path: object) -> None:
    from tests.accounts.conftest import make_site

    settings = db_settings.model_copy(update={"log_format": "json"})
    site = make_site(settings, tmp_path)  # type: ignore[arg-type]
    buffer = io.StringIO()
    with site.client() as client:
        structlog.configure(logger_factory=structlog.PrintLoggerFactory(file=buffer))
        page = client.get("/account/signup")
        client.post(
            "/account/signup",
            data={
                "email": "logged@example.org",
                "password": PASSWORD,
                "csrf_token": csrf(page.text),
            },
        )
        link = re.search(r"(/account/confirm\?token=[\w-]+)", site.outbox()[0]).group(1)
        confirm(client, link)
        secret = re.search(
            r"(ca_[\w-]+)</code>",
            client.post(
                "/account/tokens",
                data={"name": "t", "csrf_token": csrf(client.get("/account").text)},
            ).text,
        ).group(1)
        client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
        session_key = client.cookies["courseatlas_session"]
        client.post(
            "/account/login",
            data={
                "email": "logged@example.org",
                "password": "wrong password here",
                "csrf_token": csrf(client.get("/account").text),
            },
        )
    site.db.dispose()
    logs = buffer.getvalue()
    assert '"request"' in logs and "signup_started" in logs and "api_token_created" in logs
    for secret_text in (
        PASSWORD,
        "wrong password here",
        secret,
        session_key,
        link.split("=", 1)[1],
    ):
        assert secret_text not in logs
