"""Sign-up, sign-in, sessions, resets, tokens and the attacks tried on them, on both databases."""

from __future__ import annotations

import re
from datetime import timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select, update

from courseatlas.accounts.models import AccountSession, ApiToken, User
from courseatlas.accounts.passwords import HASHER
from courseatlas.accounts.sessions import COOKIE
from courseatlas.db.base import utcnow
from tests.accounts.conftest import PASSWORD, Site, confirm, csrf, sign_in, token_of

LINK = re.compile(r"(/account/(?:confirm|reset)\?token=[\w-]+)")


def _signup(client: TestClient, email: str, password: str = PASSWORD) -> str:
    page = client.get("/account/signup")
    answer = client.post(
        "/account/signup",
        data={"email": email, "password": password, "csrf_token": csrf(page.text)},
    )
    return answer.text


def _page_text(html: str) -> str:
    """The page without its per-visitor tokens, to compare two answers."""
    return re.sub(r'value="[0-9a-f]{64}"', "", html)


def test_sign_up_confirm_and_come_back(site: Site) -> None:
    with site.client() as client:
        answer = _signup(client, "Newcomer@Example.org")
        assert "Check your email" in answer
        assert client.get("/account", follow_redirects=False).status_code == 303  # not yet in
        (message,) = site.outbox()
        assert "To: Newcomer@Example.org" in message
        assert client.get(LINK.search(message).group(1)).status_code == 200
        assert client.get("/api/v1/me").status_code == 401  # opening the link alone does nothing
        confirmed = confirm(client, LINK.search(message).group(1))
        assert confirmed.status_code == 303
        cookie = confirmed.headers["set-cookie"]
        assert f"{COOKIE}=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
        assert "Secure" not in cookie  # http here; see the https test below
        assert "Newcomer@Example.org" in client.get("/account").text
        # The link works once.
        again = confirm(client, LINK.search(message).group(1))
        assert again.status_code == 400
    with site.client() as later:  # another browser, another day: sign in again
        sign_in(later, "newcomer@example.org")
        assert "Your account" in later.get("/account").text


def test_session_cookie_is_secure_behind_https(site: Site) -> None:
    site.user("secure@example.org")
    site.settings = site.settings.model_copy(update={"public_url": "https://courses.example.org"})
    with site.client("https://testserver") as client:
        page = client.get("/account/login")
        assert "Secure" in page.headers["set-cookie"]  # the anonymous CSRF cookie too
        answer = client.post(
            "/account/login",
            data={
                "email": "secure@example.org",
                "password": PASSWORD,
                "csrf_token": csrf(page.text),
            },
            follow_redirects=False,
        )
        assert "Secure" in answer.headers["set-cookie"]


def test_someone_who_signs_up_with_my_address_cannot_have_me_confirm_it(site: Site) -> None:
    with site.client() as attacker:
        _signup(attacker, "victim@example.org", "the attacker's passphrase")
    (message,) = site.outbox()
    with site.client() as victim:  # the owner follows the link without knowing that password
        refused = confirm(victim, LINK.search(message).group(1), "whatever I type here")
        assert refused.status_code == 422 and "not the password" in refused.text
        assert victim.get("/api/v1/me").status_code == 401
    with site.client() as attacker:  # and the account stays unusable to the attacker
        page = attacker.get("/account/login")
        data = {
            "email": "victim@example.org",
            "password": "the attacker's passphrase",
            "csrf_token": csrf(page.text),
        }
        assert attacker.post("/account/login", data=data).status_code == 400
    with site.client() as victim:  # the owner signs up for real: the newest password wins
        _signup(victim, "victim@example.org", "the owner's own passphrase")
        assert (
            confirm(
                victim, LINK.search(site.outbox()[-1]).group(1), "the owner's own passphrase"
            ).status_code
            == 303
        )


def test_sign_up_does_not_tell_whether_an_email_has_an_account(site: Site) -> None:
    site.user("taken@example.org")
    with site.client() as client:
        taken = _signup(client, "taken@example.org")
        fresh = _signup(client, "fresh@example.org")
    assert _page_text(taken).replace("taken@", "X@") == _page_text(fresh).replace("fresh@", "X@")
    already, confirm = site.outbox()
    assert "already has an account" in already and "/account/confirm" not in already
    assert "/account/confirm?token=" in confirm
    with site.db.session() as session:  # the existing account is untouched
        user = session.scalars(select(User).where(User.email_key == "taken@example.org")).one()
        assert HASHER.verify(user.password_hash, PASSWORD)


def test_sign_in_failures_look_the_same_for_unknown_and_known_emails(site: Site) -> None:
    site.user("known@example.org")
    with site.client() as client:
        answers = []
        for email in ("known@example.org", "unknown@example.org"):
            page = client.get("/account/login")
            data = {"email": email, "password": "not the password", "csrf_token": csrf(page.text)}
            answers.append(client.post("/account/login", data=data))
    known, unknown = answers
    assert known.status_code == unknown.status_code == 400
    assert "not right" in known.text
    strip = lambda a: _page_text(a.text).replace("known@", "X@").replace("unX@", "X@")  # noqa: E731
    assert strip(known) == strip(unknown)


def test_reset_requests_look_the_same_for_unknown_and_known_emails(site: Site) -> None:
    site.user("known@example.org")
    with site.client() as client:
        texts = []
        for email in ("known@example.org", "nobody@example.org"):
            page = client.get("/account/forgot")
            answer = client.post(
                "/account/forgot", data={"email": email, "csrf_token": csrf(page.text)}
            )
            assert answer.status_code == 200
            texts.append(_page_text(answer.text).replace(email, "X"))
    assert texts[0] == texts[1]
    assert len(site.outbox()) == 1  # only the owner of the known address hears of it


def test_a_new_session_id_at_sign_in_and_none_after_sign_out(site: Site) -> None:
    site.user("fixed@example.org")
    with site.client() as client:
        client.cookies.set(
            COOKIE, "attacker-chosen-session-id-0123456789", domain="testserver.local"
        )
        sign_in(client, "fixed@example.org")
        first = client.cookies[COOKIE]
        assert first != "attacker-chosen-session-id-0123456789"
        sign_in(client, "fixed@example.org")  # signing in again while signed in
        second = client.cookies[COOKIE]
        assert second != first
        with site.client() as thief:  # the old id is dead
            thief.cookies.set(COOKIE, first)
            assert thief.get("/api/v1/me").status_code == 401
        client.post("/account/logout", data={"csrf_token": csrf(client.get("/account").text)})
        assert COOKIE not in client.cookies
        with site.client() as thief:  # replaying the signed-out id
            thief.cookies.set(COOKIE, second)
            assert thief.get("/api/v1/me").status_code == 401


def test_sessions_expire_when_idle_and_at_their_age_limit(site: Site, alice: TestClient) -> None:
    assert alice.get("/api/v1/me").status_code == 200
    idle = utcnow() - timedelta(days=site.settings.session_idle_days, minutes=1)
    with site.db.session() as session:
        session.execute(update(AccountSession).values(last_seen_at=idle))
    assert alice.get("/api/v1/me").status_code == 401
    with site.db.session() as session:  # the expired session is gone from the table
        assert session.scalars(select(AccountSession)).all() == []

    token = sign_in(alice, "alice@example.org")
    assert token
    old = utcnow() - timedelta(days=site.settings.session_max_days, minutes=1)
    with site.db.session() as session:  # used a minute ago, but signed in too long ago
        session.execute(update(AccountSession).values(created_at=old, last_seen_at=utcnow()))
    assert alice.get("/api/v1/me").status_code == 401


def test_sign_out_everywhere(site: Site) -> None:
    site.user("two@example.org")
    with site.client() as laptop, site.client() as phone:
        token = sign_in(laptop, "two@example.org")
        sign_in(phone, "two@example.org")
        assert phone.get("/api/v1/me").status_code == 200
        laptop.post("/account/logout-everywhere", data={"csrf_token": token})
        assert phone.get("/api/v1/me").status_code == 401
        assert laptop.get("/api/v1/me").status_code == 401


def test_passwords_are_argon2id_and_rehashed_when_parameters_change(site: Site) -> None:
    from argon2 import PasswordHasher

    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)
    site.user("old@example.org")
    with site.db.session() as session:
        user = session.scalars(select(User).where(User.email_key == "old@example.org")).one()
        assert user.password_hash.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
        user.password_hash = weak.hash(PASSWORD)
    with site.client() as client:
        sign_in(client, "old@example.org")
    with site.db.session() as session:
        user = session.scalars(select(User).where(User.email_key == "old@example.org")).one()
        assert user.password_hash.startswith("$argon2id$v=19$m=65536,t=3,p=4$")


def test_short_and_common_passwords_are_refused(site: Site) -> None:
    with site.client() as client:
        assert "at least 10 characters" in _signup(client, "a@example.org", "short")
        assert "most common" in _signup(client, "a@example.org", "1234567890")
        assert "most common" in _signup(client, "a@example.org", "Password12345")
    assert site.outbox() == []


def test_api_tokens_are_shown_once_stored_hashed_and_revocable(
    site: Site, alice: TestClient
) -> None:
    page = alice.post("/account/tokens", data={"name": "script", "csrf_token": token_of(alice)})
    secret = re.search(r'<code id="new-token">(ca_[\w-]+)</code>', page.text).group(1)
    with site.client() as script:
        me = script.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
        assert me.json()["email"] == "alice@example.org"
        assert (
            script.get("/api/v1/me", headers={"Authorization": "Bearer ca_wrong"}).status_code
            == 401
        )
    assert secret not in alice.get("/account").text  # shown once
    with site.db.session() as session:
        (stored,) = session.scalars(select(ApiToken)).all()
        assert stored.token_hash != secret and secret not in stored.token_hash
        token_id = stored.id
    alice.post(f"/account/tokens/{token_id}/revoke", data={"csrf_token": token_of(alice)})
    with site.client() as script:
        assert (
            script.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}).status_code
            == 401
        )


def test_account_changes_export_and_deletion(site: Site, alice: TestClient) -> None:
    token = token_of(alice)
    alice.post("/account/name", data={"display_name": "Alice L.", "csrf_token": token})
    wrong = alice.post(
        "/account/password",
        data={"password": "nope", "new_password": "another long passphrase", "csrf_token": token},
    )
    assert wrong.status_code == 422 and "current password" in wrong.text
    alice.post(
        "/account/password",
        data={"password": PASSWORD, "new_password": "another long passphrase", "csrf_token": token},
    )
    alice.post("/lists/save", data={"resource_id": site.resources[0], "csrf_token": token})
    data = alice.get("/account/data.json").json()
    assert data["account"]["display_name"] == "Alice L."
    assert [i["resource"]["id"] for i in data["lists"][0]["items"]] == [site.resources[0]]
    assert "password" not in str(data["account"])
    assert len(data["account"]["sessions"]) == 1 and "key" not in str(data["account"]["sessions"])
    gone = alice.post(
        "/account/delete",
        data={"password": "another long passphrase", "csrf_token": token},
        follow_redirects=False,
    )
    assert gone.status_code == 303
    with site.db.session() as session:
        assert session.scalars(select(User)).all() == []
    assert alice.get("/api/v1/me").status_code == 401
