"""The conversion webhook: the signature scheme attacked, idempotency, reversals, attribution."""

from __future__ import annotations

import json
import time
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from courseatlas.referrals import partners
from courseatlas.referrals.conversions import signature
from courseatlas.referrals.models import Click, Conversion
from tests.referrals.conftest import Shop

URL = "/api/v1/partners/northbridge/conversions"
PROBLEM = "application/problem+json"


@pytest.fixture
def secret(shop: Shop) -> str:
    with shop.db.session() as session:
        return partners.new_secret(session, "northbridge")


def _sale(click_id: str = "unknown-click", **fields: Any) -> bytes:
    body = {
        "order_id": "A-1",
        "click_id": click_id,
        "amount": "12.50",
        "currency": "USD",
        "status": "approved",
    }
    return json.dumps({**body, **fields}).encode()


def _post(
    client: TestClient,
    secret: str,
    body: bytes,
    at: int | None = None,
    signed: str | None = None,
    url: str = URL,
) -> Any:
    timestamp = str(int(time.time()) if at is None else at)
    headers = {
        "Content-Type": "application/json",
        "X-Courseatlas-Timestamp": timestamp,
        "X-Courseatlas-Signature": signed or signature(secret, timestamp, body),
    }
    return client.post(url, content=body, headers=headers)


def _stored(shop: Shop) -> list[tuple[str, str, Decimal, str]]:
    with shop.db.session() as session:
        rows = session.execute(
            select(
                Conversion.order_id, Conversion.status, Conversion.amount, Conversion.click_id
            ).order_by(Conversion.id)
        )
        return [tuple(r) for r in rows]  # type: ignore[misc]


def _a_click(shop: Shop, client: TestClient) -> str:
    location = client.get(f"/go/{shop.ids['c1']}", follow_redirects=False).headers["location"]
    client.app.state.clicks.flush()  # type: ignore[attr-defined]
    with shop.db.session() as session:
        click_id = session.scalar(select(Click.click_id))
    assert click_id and f"sub={click_id}" in location
    return click_id


def test_a_signed_sale_is_stored_and_attributed(
    shop: Shop, client: TestClient, secret: str
) -> None:
    click_id = _a_click(shop, client)
    response = _post(client, secret, _sale(click_id))
    assert response.status_code == 200, response.text
    assert response.json() == {
        "order_id": "A-1",
        "status": "approved",
        "changed": True,
        "attributed": True,
    }
    assert _stored(shop) == [("A-1", "approved", Decimal("12.5"), click_id)]


def test_a_wrong_signature_is_401_and_stores_nothing(
    shop: Shop, client: TestClient, secret: str
) -> None:
    body = _sale()
    forged = [
        signature("not-the-secret", str(int(time.time())), body),
        signature(secret, str(int(time.time())), body + b" "),  # signed another body
        "sha256=" + "0" * 64,
        signature(secret, str(int(time.time())), body).removeprefix("sha256="),
        "",
        "sha256=zz",
    ]
    for signed in forged:
        response = _post(client, secret, body, signed=signed or "x")
        assert response.status_code == 401, signed
        assert response.headers["content-type"] == PROBLEM
        assert "X-Courseatlas-Signature" in response.json()["detail"]
    assert _stored(shop) == []


def test_a_signature_of_another_partner_is_refused(
    shop: Shop, client: TestClient, secret: str
) -> None:
    with shop.db.session() as session:
        other = partners.new_secret(session, "harbor")
    assert _post(client, other, _sale()).status_code == 401
    assert (
        _post(client, secret, _sale(), url="/api/v1/partners/harbor/conversions").status_code == 401
    )
    assert _stored(shop) == []


def test_stale_or_future_timestamps_are_401(shop: Shop, client: TestClient, secret: str) -> None:
    now = int(time.time())
    # The server reads its clock later than this test: a future stamp needs a margin.
    for at in (now - 301, now + 330, now - 86_400):
        response = _post(client, secret, _sale(), at=at)
        assert response.status_code == 401
        assert "5 minutes" in response.json()["detail"]
    for bad in ("", "soon", "1.5e9", "-5", "\uff11\uff17\uff10\uff10"):
        body = _sale()
        response = client.post(
            URL,
            content=body,
            headers={
                "X-Courseatlas-Timestamp": bad.encode(),  # bytes: fullwidth digits are not ASCII
                "X-Courseatlas-Signature": signature(secret, bad, body),
            },
        )
        assert response.status_code == 401, bad
    missing = client.post(URL, content=_sale())
    assert missing.status_code == 401
    assert _stored(shop) == []
    assert _post(client, secret, _sale(), at=int(time.time()) - 280).status_code == 200


def test_a_replay_within_the_window_changes_nothing(
    shop: Shop, client: TestClient, secret: str
) -> None:
    at = int(time.time())
    body = _sale(amount="12.50")
    first = _post(client, secret, body, at=at)
    again = _post(client, secret, body, at=at)  # the very same request, captured and resent
    assert first.json()["changed"] is True
    assert again.status_code == 200
    assert again.json()["changed"] is False
    other_amount = _post(client, secret, _sale(amount="99.00"))  # same order, new report
    assert other_amount.json()["changed"] is False
    assert _stored(shop) == [("A-1", "approved", Decimal("12.5"), "unknown-click")]


def test_a_replay_after_the_window_is_refused(shop: Shop, client: TestClient, secret: str) -> None:
    at = int(time.time()) - 400
    body = _sale(order_id="OLD")
    assert (
        _post(client, secret, body, at=at, signed=signature(secret, str(at), body)).status_code
        == 401
    )
    assert _stored(shop) == []


def test_a_reversal_cancels_and_stays(shop: Shop, client: TestClient, secret: str) -> None:
    _post(client, secret, _sale())
    reversed_ = _post(client, secret, _sale(status="reversed"))
    assert reversed_.json() == {
        "order_id": "A-1",
        "status": "reversed",
        "changed": True,
        "attributed": False,
    }
    again = _post(client, secret, _sale(status="approved"))
    assert again.json()["status"] == "reversed"
    assert again.json()["changed"] is False
    assert _stored(shop) == [("A-1", "reversed", Decimal("12.5"), "unknown-click")]
    with shop.db.session() as session:
        assert session.scalar(select(Conversion.reversed_at)) is not None


def test_an_unknown_click_is_stored_unattributed(
    shop: Shop, client: TestClient, secret: str
) -> None:
    response = _post(client, secret, _sale("no-such-click"))
    assert response.json()["attributed"] is False
    assert _stored(shop) == [("A-1", "approved", Decimal("12.5"), "no-such-click")]


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (b"{not json", "body"),
        (b"[]", "body"),
        (_sale(amount="-1"), "amount"),
        (_sale(amount="lots"), "amount"),
        (_sale(currency="usd"), "currency"),
        (_sale(status="pending"), "status"),
        (_sale(order_id=""), "order_id"),
        (json.dumps({"order_id": "x"}).encode(), "click_id"),
    ],
)
def test_bad_reports_are_422_problems(
    shop: Shop, client: TestClient, secret: str, body: bytes, field: str
) -> None:
    response = _post(client, secret, body)
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    assert field in response.json()["detail"]
    assert _stored(shop) == []


def test_unknown_partner_and_partner_without_secret(shop: Shop, client: TestClient) -> None:
    unknown = _post(client, "s", _sale(), url="/api/v1/partners/nobody/conversions")
    assert unknown.status_code == 404
    assert unknown.headers["content-type"] == PROBLEM
    no_secret = _post(client, "", _sale(), signed="sha256=00")
    assert no_secret.status_code == 401
    assert "no webhook secret" in no_secret.json()["detail"]


def test_a_new_secret_retires_the_old_one(shop: Shop, client: TestClient, secret: str) -> None:
    with shop.db.session() as session:
        newer = partners.new_secret(session, "northbridge")
    assert _post(client, secret, _sale()).status_code == 401
    assert _post(client, newer, _sale()).status_code == 200


def test_a_huge_body_is_refused(shop: Shop, client: TestClient, secret: str) -> None:
    body = _sale(order_id="x" * 70_000)
    response = _post(client, secret, body)
    assert response.status_code == 400
    with shop.db.session() as session:
        assert session.scalar(select(func.count()).select_from(Conversion)) == 0
