"""What learners see of referrals: the disclosure, sponsored links, "Tell a friend"; and the
admin page's render function, as the lead will route it."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from urllib.parse import unquote

from bs4 import BeautifulSoup
from fastapi import Query
from fastapi.testclient import TestClient

from courseatlas.accounts import service
from courseatlas.app import create_app
from tests.helpers import admin_headers
from tests.referrals.conftest import Shop

DISCLOSURE = "may earn a commission"
Day = Annotated[date | None, Query()]


def _soup(client: TestClient, path: str) -> BeautifulSoup:
    return BeautifulSoup(client.get(path).text, "html.parser")


def _first_career(client: TestClient) -> str:
    return str(client.get("/api/v1/careers").json()["results"][0]["url"])


def _first_course(client: TestClient) -> str:
    return str(
        client.get("/api/v1/search", params={"q": "python", "kind": "course"}).json()["results"][0][
            "url"
        ]
    )


def test_every_page_discloses_commissions_and_no_ads(demo_api: TestClient) -> None:
    for path in (
        "/",
        "/search?q=python",
        "/topics",
        "/careers",
        _first_career(demo_api),
        _first_course(demo_api),
        "/no-such-page",
    ):
        footer = _soup(demo_api, path).find("footer")
        assert footer is not None, path
        text = " ".join(footer.get_text().split())
        assert DISCLOSURE in text, path
        assert "shows no ads" in text, path


def test_the_way_out_is_sponsored_and_says_where_it_came_from(demo_api: TestClient) -> None:
    page = _soup(demo_api, _first_course(demo_api))
    [outbound] = [a for a in page.find_all("a") if str(a.get("href", "")).startswith("/go/")]
    assert outbound["rel"] == ["sponsored", "noopener"]
    assert str(outbound["href"]).endswith("?from=resource")
    response = demo_api.head(str(outbound["href"]), follow_redirects=False)  # HEAD: no click
    assert response.status_code == 302


def _share(page: BeautifulSoup) -> tuple[str, str]:
    section = page.find("section", class_="share")
    assert section is not None
    assert "Tell a friend" in section.get_text()
    link = section.find("input", id="share-url")
    mail = section.find("a", href=lambda h: bool(h) and h.startswith("mailto:"))
    assert link is not None and mail is not None
    button = section.find("button", attrs={"data-copy": "share-url"})
    assert button is not None and button.has_attr("hidden")  # shown by share.js only
    return str(link["value"]), unquote(str(mail["href"]))


def test_tell_a_friend_on_resource_and_career_pages(demo_api: TestClient) -> None:
    for path in (_first_course(demo_api), _first_career(demo_api)):
        page = _soup(demo_api, path)
        url, mailto = _share(page)
        assert url == f"http://testserver{path}"
        assert url in mailto
        assert page.find("script", src=lambda s: bool(s) and s.startswith("/static/share.js"))
    assert demo_api.get("/static/share.js").status_code == 200


def _admin_app(shop: Shop) -> TestClient:
    """The app, its admin pages asked for by an admin's token."""
    client = TestClient(create_app(shop.db.settings, shop.db))
    client.headers.update(admin_headers(shop.db))
    return client


def test_the_admin_page_charts_clicks_and_revenue(shop: Shop) -> None:
    with _admin_app(shop) as client:
        for resource in ("c1", "c1", "c3"):
            client.get(
                f"/go/{shop.ids[resource]}",
                headers={"User-Agent": f"Mozilla/5.0 {resource}"},
                follow_redirects=False,
            )
        client.app.state.clicks.flush()  # type: ignore[attr-defined]
        response = client.get("/admin/referrals")
        assert response.status_code == 200, response.text
        page = BeautifulSoup(response.text, "html.parser")
        bars = page.select("svg.chart rect")
        assert len(bars) == 30  # one per day of the default span
        assert "2 clicks" in bars[-1].get_text()  # today: c1 once (deduped) and c3 once
        top = [
            row.find("td").get_text()
            for row in page.select("section[aria-labelledby=top-title] tbody tr")
        ]
        assert top == ["Course number 1", "Course number 3"]
        download = page.find("a", string="Download CSV")
        assert download is not None
        csv = client.get(str(download["href"]))
        assert csv.headers["content-type"].startswith("text/csv")
        lines = csv.text.splitlines()
        assert lines[0].startswith("day,clicks,bot_clicks,visitors")
        assert len(lines) == 31
        assert lines[-1].split(",")[1] == "2"


def test_the_admin_page_does_not_exist_for_anyone_else(shop: Shop) -> None:
    with TestClient(create_app(shop.db.settings, shop.db)) as client:
        for path in ("/admin/referrals", "/admin/referrals.csv"):
            assert client.get(path).status_code == 404  # signed out
        with shop.db.session() as session:
            user = service.create_user(session, "learner@example.org", "a learner's passphrase")
            token = service.new_token(session, user.id, "tests")
        learner = {"Authorization": f"Bearer {token}"}
        for path in ("/admin/referrals", "/admin/referrals.csv"):
            response = client.get(path, headers=learner)
            assert response.status_code == 404
            assert "clicks" not in response.text
