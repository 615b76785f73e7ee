"""Rate limits per client: 429 problem+json with Retry-After, X-Forwarded-For believed only
from trusted proxies, verified crawlers on their own budget."""

from __future__ import annotations

from collections.abc import Iterator
from typing import ClassVar

import pytest
from fastapi.testclient import TestClient

from courseatlas.app import create_app
from courseatlas.db.database import Database
from courseatlas.http.crawlers import CrawlerVerifier

GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


class FakeDNS:
    """Google's crawler at 66.249.66.1; a forger at 203.0.113.9 with a PTR it made up."""

    names: ClassVar[dict[str, str]] = {
        "66.249.66.1": "crawl-66-249-66-1.googlebot.com",
        "203.0.113.9": "crawl.googlebot.com",
    }
    addresses: ClassVar[dict[str, set[str]]] = {
        "crawl-66-249-66-1.googlebot.com": {"66.249.66.1"},
        "crawl.googlebot.com": {"66.249.66.2"},
    }

    def __init__(self) -> None:
        self.lookups = 0

    def reverse(self, address: str) -> str | None:
        self.lookups += 1
        return self.names.get(address)

    def forward(self, name: str) -> set[str]:
        return self.addresses.get(name, set())


@pytest.fixture
def limited(db: Database) -> Iterator[tuple[TestClient, FakeDNS]]:
    settings = db.settings.model_copy(
        update={
            "rate_limit_api": "5/hour",
            "rate_limit_pages": "3/hour",
            "rate_limit_expensive": "2/hour",
            "rate_limit_crawlers": "8/hour",
            "trusted_proxies": "10.0.0.1",
        }
    )
    app = create_app(settings, db)
    dns = FakeDNS()
    app.state.rate_limits.crawlers = CrawlerVerifier(dns)
    with TestClient(app, raise_server_exceptions=False, client=("10.0.0.1", 5000)) as client:
        yield client, dns


def _from(address: str, **headers: str) -> dict[str, str]:
    return {"X-Forwarded-For": address, **headers}


def test_a_client_over_its_budget_gets_429_problem_json(
    limited: tuple[TestClient, FakeDNS],
) -> None:
    client, _ = limited
    statuses = [
        client.get("/api/v1/topics", headers=_from("198.51.100.7")).status_code for _ in range(6)
    ]
    assert statuses == [200] * 5 + [429]
    refused = client.get("/api/v1/topics", headers=_from("198.51.100.7"))
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert refused.json()["status"] == 429 and "/exports/" in refused.json()["detail"]
    assert 1 <= int(refused.headers["retry-after"]) <= 3600
    # Another client has its own budget; probes are never limited.
    assert client.get("/api/v1/topics", headers=_from("198.51.100.8")).status_code == 200
    assert client.get("/readyz", headers=_from("198.51.100.7")).status_code == 200


def test_pages_and_expensive_endpoints_have_their_own_budgets(
    limited: tuple[TestClient, FakeDNS],
) -> None:
    client, _ = limited
    pages = [client.get("/topics", headers=_from("198.51.100.20")).status_code for _ in range(4)]
    assert pages == [200, 200, 200, 429]
    assert "Too Many Requests" in client.get("/topics", headers=_from("198.51.100.20")).text
    match = [
        client.get("/api/v1/match?goal=learn+sql", headers=_from("198.51.100.21")).status_code
        for _ in range(3)
    ]
    assert match == [200, 200, 429]
    # The general API budget still has room: only the expensive one ran out.
    assert client.get("/api/v1/topics", headers=_from("198.51.100.21")).status_code == 200


def test_forwarded_for_is_believed_only_from_a_trusted_proxy(db: Database) -> None:
    settings = db.settings.model_copy(
        update={"rate_limit_api": "2/hour", "trusted_proxies": "10.0.0.1"}
    )
    app = create_app(settings, db)
    with TestClient(app, raise_server_exceptions=False, client=("192.0.2.50", 5000)) as client:
        # An untrusted peer rotating X-Forwarded-For is still one client.
        statuses = [
            client.get("/api/v1/topics", headers=_from(f"198.51.100.{n}")).status_code
            for n in range(3)
        ]
    assert statuses == [200, 200, 429]


def test_verified_crawlers_get_their_own_budget_and_forgers_do_not(
    limited: tuple[TestClient, FakeDNS],
) -> None:
    client, dns = limited
    genuine = [
        client.get("/topics", headers=_from("66.249.66.1", **{"User-Agent": GOOGLEBOT})).status_code
        for _ in range(9)
    ]
    assert genuine == [200] * 8 + [429]  # the crawler budget, not the 3 pages a client gets
    assert dns.lookups == 1  # one verdict per address, then cached
    forged = [
        client.get("/topics", headers=_from("203.0.113.9", **{"User-Agent": GOOGLEBOT})).status_code
        for _ in range(4)
    ]
    assert forged == [200, 200, 200, 429]  # its PTR does not resolve back: an ordinary client
