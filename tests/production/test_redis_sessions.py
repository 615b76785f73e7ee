"""Sessions and sign-in throttling in Redis: every worker and host finds a session and counts
attempts together; a forged, replayed or ended id gets nobody in; with Redis down, sign-in
still works (the database keeps the session), nothing 500s, and nothing claims to have
ended a session it could not reach."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import redis
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from courseatlas.accounts.models import AccountSession
from courseatlas.accounts.secrets import digest, new_secret
from courseatlas.accounts.sessions import COOKIE
from courseatlas.db.database import Database
from courseatlas.db.instance import namespace_of, renew_namespace
from courseatlas.migrations.prepare import prepare_database
from courseatlas.settings import Settings
from tests.accounts.conftest import PASSWORD, Site, csrf, make_site, sign_in
from tests.production.servers import PrivateRedis

EMAIL = "shared@example.org"


@pytest.fixture
def site(db_settings: Settings, tmp_path: Path, redis_server: PrivateRedis) -> Site:
    made = make_site(db_settings.model_copy(update={"redis_url": redis_server.url}), tmp_path)
    made.user(EMAIL)
    return made


def _me(client: TestClient, key: str | None = None) -> int:
    if key is not None:
        client.cookies.set(COOKIE, key)
    return client.get("/api/v1/me").status_code


def _stored_as(site: Site, key: str) -> str:
    """The Redis key of a session: under its catalog's namespace, by its id's digest."""
    return f"courseatlas:{namespace_of(site.db)}:session:{digest(key)}"


def _rows(site: Site) -> int:
    with site.db.session() as session:
        return session.scalar(select(func.count()).select_from(AccountSession)) or 0


def test_a_session_lives_in_redis_and_every_worker_finds_it(
    site: Site, redis_server: PrivateRedis
) -> None:
    store = redis.Redis(port=redis_server.port)
    with site.client() as one, site.client() as other:
        sign_in(one, EMAIL)
        key = one.cookies[COOKIE]
        stored_as = _stored_as(site, key)
        assert store.exists(stored_as) and _rows(site) == 0
        assert 0 < store.ttl(stored_as) <= site.settings.session_idle_days * 86400
        assert _me(other, key) == 200  # another worker (or host) knows it
        # Forged ids: random, the digest itself (what Redis holds), a Redis key name.
        for forged in (new_secret(), digest(key), stored_as):
            with site.client() as thief:
                assert _me(thief, forged) == 401
        one.post("/account/logout", data={"csrf_token": csrf(one.get("/account").text)})
        assert not store.exists(stored_as)
        with site.client() as thief:  # the signed-out id, replayed on another worker
            assert _me(thief, key) == 401
    store.close()


def test_a_session_of_one_catalog_gets_nobody_into_another_sharing_its_redis(
    site: Site, tmp_path: Path
) -> None:
    """Staging beside production on one Redis: the same user id is another learner there."""
    other_dir = tmp_path / "other"
    other_dir.mkdir()
    settings = Settings(env="test", data_dir=other_dir, redis_url=site.settings.redis_url)
    prepare_database(Database(settings))
    other = make_site(settings, other_dir)
    other.user("someone-else@example.org")  # the same user id as EMAIL's
    assert namespace_of(other.db) != namespace_of(site.db)
    with site.client() as one, other.client() as elsewhere:
        sign_in(one, EMAIL)
        key = one.cookies[COOKIE]
        assert _me(one) == 200
        assert _me(elsewhere, key) == 401
    other.db.dispose()


def test_a_restore_signs_out_the_sessions_kept_in_redis(site: Site) -> None:
    """After the database is replaced, the user ids the sessions name may be other people."""
    with site.client() as laptop:
        sign_in(laptop, EMAIL)
        assert _me(laptop) == 200
    renew_namespace(site.db)
    with site.client() as laptop_again:  # a process started after the restore
        laptop_again.cookies.update(laptop.cookies)
        assert _me(laptop_again) == 401


def test_sign_out_everywhere_and_a_reset_end_every_redis_session(site: Site) -> None:
    with site.client() as laptop, site.client() as phone:
        token = sign_in(laptop, EMAIL)
        sign_in(phone, EMAIL)
        data = laptop.get("/account/data.json").json()["account"]
        assert len(data["sessions"]) == 2
        laptop.post("/account/logout-everywhere", data={"csrf_token": token})
        assert _me(phone) == 401 and _me(laptop) == 401
        sign_in(phone, EMAIL)
        stolen = phone.cookies[COOKIE]
        assert _reset_password(site, laptop)
        with site.client() as thief:
            assert _me(thief, stolen) == 401


def test_with_redis_down_sign_in_still_works_and_no_end_is_faked(
    site: Site, redis_server: PrivateRedis
) -> None:
    with site.client() as before, site.client() as other:
        sign_in(before, EMAIL)
        redis_server.stop()
        try:
            assert other.get("/readyz").json()["status"] == "degraded"
            # Unreachable, a Redis session signs nobody in (and 500s nowhere).
            assert _me(before) == 401
            assert before.get("/account").status_code in (200, 303)
            with site.client() as during:
                token = sign_in(during, EMAIL)  # the database keeps this one
                assert _rows(site) == 1 and _me(other, during.cookies[COOKIE]) == 200
                # Ending every session now would leave the Redis one alive: refused, 503.
                refused = during.post("/account/logout-everywhere", data={"csrf_token": token})
                assert refused.status_code == 503 and refused.headers["retry-after"]
                assert _reset_password(site, during, expect=503)
                kept = during.cookies[COOKIE]
                assert (
                    during.post(
                        "/account/logout", data={"csrf_token": token}, follow_redirects=False
                    ).status_code
                    == 303
                )  # a database session ends without Redis
                assert _rows(site) == 0 and _me(other, kept) == 401
        finally:
            redis_server.start()
    # Redis is back: new sessions go there again, and the refused reset changed nothing.
    with site.client() as after:
        sign_in(after, EMAIL, PASSWORD)
        assert _rows(site) == 0 and _me(after) == 200


def test_failed_sign_ins_count_across_workers(site: Site) -> None:
    with site.client() as one, site.client() as other:
        token_one = csrf(one.get("/account/login").text)
        token_other = csrf(other.get("/account/login").text)
        for n in range(10):
            client, token = (one, token_one) if n % 2 else (other, token_other)
            answer = client.post(
                "/account/login",
                data={"email": EMAIL, "password": "guess guess guess", "csrf_token": token},
            )
            assert answer.status_code == 400
        blocked = one.post(
            "/account/login", data={"email": EMAIL, "password": PASSWORD, "csrf_token": token_one}
        )
        assert blocked.status_code == 429 and int(blocked.headers["retry-after"]) > 0


def _reset_password(site: Site, client: TestClient, expect: int = 303) -> bool:
    """Asks for a reset link and uses it; True when the answer had status ``expect``."""
    token = csrf(client.get("/account/forgot").text)
    client.post("/account/forgot", data={"email": EMAIL, "csrf_token": token})
    link = re.findall(r"/account/reset\?token=([\w-]+)", site.outbox()[-1])[-1]
    page = client.get(f"/account/reset?token={link}")
    answer = client.post(
        "/account/reset",
        data={
            "token": link,
            "password": "another long passphrase",
            "csrf_token": csrf(page.text),
        },
        follow_redirects=False,
    )
    return answer.status_code == expect
