"""``/go/{id}``: where it sends a learner, and the click it records, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from courseatlas.referrals import repository
from courseatlas.referrals.models import Click
from courseatlas.referrals.repository import ClickEvent
from courseatlas.referrals.targets import PartnerLink, fill, host_allowed, route, template_problem
from courseatlas.referrals.visitors import visitor_key
from tests.referrals.conftest import Shop

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


def _go(client: TestClient, resource_id: int, params: dict[str, str] | None = None) -> str:
    response = client.get(
        f"/go/{resource_id}", params=params, headers={"User-Agent": BROWSER}, follow_redirects=False
    )
    assert response.status_code == 302, response.text
    assert response.headers["cache-control"].startswith("no-store")
    return response.headers["location"]


def _clicks(shop: Shop, client: TestClient) -> list[Click]:
    client.app.state.clicks.flush()  # type: ignore[attr-defined]
    with shop.db.session() as session:
        return list(session.scalars(select(Click).order_by(Click.id)))


def test_active_partner_on_an_allowed_host_goes_through_the_template(
    shop: Shop, client: TestClient
) -> None:
    location = _go(client, shop.ids["c1"], {"from": "resource"})
    parts = urlsplit(location)
    assert (parts.scheme, parts.hostname, parts.path) == ("https", "aff.example", "/deep")
    query = parse_qs(parts.query)
    assert query["u"] == ["https://www.northbridge.example/c/sql?lang=en"]
    assert query["r"] == [str(shop.ids["c1"])]
    [click] = _clicks(shop, client)
    assert query["sub"] == [click.click_id]
    assert len(click.click_id) == 32
    assert click.page == "resource"
    assert click.partner_id is not None
    assert click.resource_id == shop.ids["c1"]
    assert (click.bot, click.counted) == (False, True)


def test_stored_url_on_a_host_the_partner_does_not_allow_goes_direct(
    shop: Shop, client: TestClient
) -> None:
    assert _go(client, shop.ids["c2"]) == "https://mirror.example/c/pg"
    [click] = _clicks(shop, client)
    assert click.partner_id is None
    assert click.page == "direct"


def test_no_partner_and_inactive_partner_go_direct(shop: Shop, client: TestClient) -> None:
    assert _go(client, shop.ids["c3"]) == "https://openlab.example/python"
    assert _go(client, shop.ids["c4"]) == "https://harbor.example/b/4"
    assert [c.partner_id for c in _clicks(shop, client)] == [None, None]


def test_no_stored_url_or_no_resource_is_not_found(shop: Shop, client: TestClient) -> None:
    for resource_id in (shop.ids["c5"], 999_999):
        response = client.get(f"/go/{resource_id}", follow_redirects=False)
        assert response.status_code == 404
        assert "no address we can send you to" in response.text
    assert _clicks(shop, client) == []


@pytest.mark.parametrize(
    "params",
    [
        {"url": "https://evil.example/"},
        {"next": "//evil.example"},
        {"u": "https://evil.example", "redirect": "https://evil.example", "to": "evil.example"},
        {"url_encoded": "https%3A%2F%2Fevil.example", "click_id": "x", "resource_id": "1"},
    ],
)
def test_no_parameter_changes_the_target(
    shop: Shop, client: TestClient, params: dict[str, str]
) -> None:
    assert _go(client, shop.ids["c3"], params) == "https://openlab.example/python"
    through = urlsplit(_go(client, shop.ids["c1"], params))
    assert through.hostname == "aff.example"
    assert parse_qs(through.query)["u"] == ["https://www.northbridge.example/c/sql?lang=en"]


def test_path_tricks_find_no_other_target(shop: Shop, client: TestClient) -> None:
    for path in ("/go/%2F%2Fevil.example", "/go/https:%2F%2Fevil.example", "/go/1.5", "/go/-1"):
        response = client.get(path, follow_redirects=False)
        assert response.status_code in {404, 422}, path
        assert "location" not in response.headers


def test_an_unknown_page_kind_is_refused_and_not_recorded(shop: Shop, client: TestClient) -> None:
    response = client.get(
        f"/go/{shop.ids['c3']}", params={"from": "https://evil.example"}, follow_redirects=False
    )
    assert response.status_code == 422
    assert "location" not in response.headers
    assert _clicks(shop, client) == []


def test_head_redirects_without_recording_a_click(shop: Shop, client: TestClient) -> None:
    response = client.head(f"/go/{shop.ids['c3']}", follow_redirects=False)
    assert response.status_code == 302
    assert response.headers["location"] == "https://openlab.example/python"
    assert _clicks(shop, client) == []


def test_bots_are_recorded_as_bots_and_not_counted(shop: Shop, client: TestClient) -> None:
    for agent in (GOOGLEBOT, "curl/8.5.0", "python-requests/2.32", ""):
        client.get(f"/go/{shop.ids['c3']}", headers={"User-Agent": agent}, follow_redirects=False)
    _go(client, shop.ids["c3"])
    clicks = _clicks(shop, client)
    assert [(c.bot, c.counted) for c in clicks] == [(True, False)] * 4 + [(False, True)]


def test_the_same_visitor_within_the_window_counts_once(shop: Shop, client: TestClient) -> None:
    for _ in range(3):
        _go(client, shop.ids["c3"])
    _go(client, shop.ids["c1"])  # another resource counts on its own
    clicks = _clicks(shop, client)
    assert [c.counted for c in clicks] == [True, False, False, True]
    assert len({c.visitor for c in clicks}) == 1


def test_no_raw_address_or_agent_is_stored(shop: Shop, client: TestClient) -> None:
    _go(client, shop.ids["c3"])
    [click] = _clicks(shop, client)
    stored = " ".join(str(getattr(click, c.key)) for c in Click.__table__.columns)
    assert "testclient" not in stored  # TestClient's client address
    assert "Mozilla" not in stored
    assert len(click.visitor) == 32


def test_recording_off_only_redirects(shop: Shop) -> None:
    from courseatlas.app import create_app

    settings = shop.db.settings.model_copy(update={"click_recording": False})
    with TestClient(create_app(settings, shop.db)) as client:
        assert _go(client, shop.ids["c3"]) == "https://openlab.example/python"
        assert client.app.state.clicks is None  # type: ignore[attr-defined]


# The pure rules, without a database.

NB = PartnerLink(
    7, "https://aff.example/?u={url_encoded}&c={click_id}", ("northbridge.example",), True
)


def test_route_rules() -> None:
    assert route("https://northbridge.example/a", NB, "abc", 1) == (
        "https://aff.example/?u=https%3A%2F%2Fnorthbridge.example%2Fa&c=abc",
        7,
    )
    assert route("https://evilnorthbridge.example/a", NB, "abc", 1) == (
        "https://evilnorthbridge.example/a",
        None,
    )
    inactive = PartnerLink(7, NB.template, NB.hosts, False)
    assert route("https://northbridge.example/a", inactive, "abc", 1)[1] is None
    broken = PartnerLink(7, "javascript:{url}", NB.hosts, True)
    assert route("https://northbridge.example/a", broken, "abc", 1) == (
        "https://northbridge.example/a",
        None,
    )


def test_hosts_match_exactly_or_below() -> None:
    hosts = ("northbridge.example",)
    assert host_allowed("https://NorthBridge.example./x", hosts)
    assert host_allowed("https://www.northbridge.example/x", hosts)
    assert not host_allowed("https://northbridge.example.evil.test/x", hosts)
    assert not host_allowed("https://evil.test/?northbridge.example", hosts)
    assert not host_allowed("https://northbridge.example@evil.test/", hosts)


def test_template_problems() -> None:
    assert template_problem("https://aff.example/?u={url_encoded}&c={click_id}") is None
    assert "unknown placeholder {target}" in str(
        template_problem("https://a.example/{target}?u={url}")
    )
    assert "unbalanced" in str(template_problem("https://a.example/?u={url}}"))
    assert "must carry" in str(template_problem("https://a.example/?c={click_id}"))
    assert "absolute http(s)" in str(template_problem("javascript:alert({url})"))
    assert template_problem("{url}") is None  # the stored URL itself, with no partner part
    assert fill("{url}|{url_encoded}|{resource_id}", "https://x.example/a b", "c", 3) == (
        "https://x.example/a b|https%3A%2F%2Fx.example%2Fa%20b|3"
    )


def test_visitor_keys_change_daily_and_need_the_secret() -> None:
    day = date(2026, 12, 1)
    key = visitor_key("secret", day, "203.0.113.9", BROWSER)
    assert key == visitor_key("secret", day, "203.0.113.9", BROWSER)
    assert key != visitor_key("secret", day + timedelta(days=1), "203.0.113.9", BROWSER)
    assert key != visitor_key("another secret", day, "203.0.113.9", BROWSER)
    assert key != visitor_key("secret", day, "203.0.113.10", BROWSER)
    assert key != visitor_key("secret", day, "203.0.113.9", GOOGLEBOT)
    assert len(key) == 32 and "203" not in key


def test_the_dedupe_window_is_thirty_seconds_from_the_counted_click(shop: Shop) -> None:
    start = datetime(2026, 12, 1, 12, tzinfo=UTC)
    c1 = shop.ids["c1"]
    offsets = [0, 10, 29.9, 30, 45, 59.9, 60.5]
    with shop.db.session() as session:
        events = [
            ClickEvent(f"k{n}", c1, None, "direct", start + timedelta(seconds=s), "v" * 32, False)
            for n, s in enumerate(offsets)
        ]
        repository.write_clicks(session, events[:3])
        repository.write_clicks(session, events[3:])  # a later batch sees what the first wrote
        counted = list(session.scalars(select(Click.counted).order_by(Click.at)))
    assert counted == [True, False, False, True, False, False, True]
