"""The match page, the career card on search results and short career names, over the demo
catalog and guides."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from courseatlas.careers.importers import import_onet
from courseatlas.db.database import Database
from courseatlas.migrations.prepare import prepare_database
from tests.careers.onet_files import write_onet
from tests.web.html import link_hrefs, page, text_of


def test_home_offers_the_goal_box(demo_api: TestClient) -> None:
    soup = page(demo_api, "/")
    form = soup.select_one("form.match-form")
    assert form is not None and form["action"] == "/match" and form["method"] == "get"
    assert "What do you want to become or learn?" in form.get_text()
    assert form.select_one("input[name=goal]") is not None


def test_a_goal_naming_a_career_shows_it_and_resources_with_reasons(demo_api: TestClient) -> None:
    soup = page(demo_api, "/match?goal=I+want+to+become+a+back-end+developer")
    assert "Recognised the career Backend Engineer" in text_of(soup, ".explanation")
    assert link_hrefs(soup, "#careers-found + ul a") == ["/careers/backend-engineer"]
    cards = soup.select(".results .card")
    assert len(cards) == 20
    assert all("Why it matches:" in card.get_text() for card in cards)
    assert soup.select_one('meta[name="robots"][content*="noindex"]') is not None


def test_a_goal_with_skills_and_an_empty_goal(demo_api: TestClient) -> None:
    soup = page(demo_api, "/match?goal=learn+SQL+for+data+analysis")
    assert "Recognised the skills SQL and Data Analysis" in text_of(soup, ".explanation")
    first = text_of(soup, ".results .card .reasons")
    assert "SQL" in first
    empty = page(demo_api, "/match")
    assert empty.select_one(".results") is None and empty.select_one("form.match-form")
    nothing = page(demo_api, "/match?goal=zzqx+vvbnm")
    assert "No career or skill recognised" in text_of(nothing, ".explanation")


def test_a_goal_without_words_is_refused(demo_api: TestClient) -> None:
    response = demo_api.get("/match", params={"goal": "?!"})
    assert response.status_code == 422
    assert "goal must contain at least one word" in response.text


def test_search_naming_a_career_shows_its_card(demo_api: TestClient) -> None:
    soup = page(demo_api, "/search?q=become+a+backend+engineer")
    card = soup.select_one(".career-card")
    assert card is not None
    assert link_hrefs(soup, ".career-card .card-title a") == ["/careers/backend-engineer"]
    assert soup.select(".results .card")  # the results are still there, below it
    plain = page(demo_api, "/search?q=python")
    assert plain.select_one(".career-card") is None


def test_careers_are_found_by_a_short_name_exactly(demo_api: TestClient) -> None:
    soup = page(demo_api, "/careers?q=RN")
    titles = [a.get_text() for a in soup.select(".career-list h2 a")]
    assert titles == ["Registered Nurse"]


def test_the_type_ahead_suggests_careers_too(demo_api: TestClient) -> None:
    body = demo_api.get("/api/v1/suggest", params={"q": "back"}).json()
    careers = [s for s in body["suggestions"] if s["kind"] == "career"]
    assert {"label": "Backend Engineer", "url": "/careers/backend-engineer"} in [
        {"label": s["label"], "url": s["url"]} for s in careers
    ]
    nurse = demo_api.get("/api/v1/suggest", params={"q": "RN"}).json()
    assert "Registered Nurse" in [s["label"] for s in nurse["suggestions"] if s["kind"] == "career"]


def test_careers_by_interest(client: TestClient, db: Database, tmp_path: Path) -> None:
    demo_api = client  # an empty catalog with the O*NET fixture: the demo one stays unchanged
    prepare_database(db)
    import_onet(db.sessions, write_onet(tmp_path))
    listing = page(demo_api, "/careers")
    assert "/careers/interests/investigative" in link_hrefs(listing, ".interests a")
    soup = page(demo_api, "/careers/interests/investigative")
    assert text_of(soup, "h1") == "Careers for Investigative interests"
    titles = [a.get_text() for a in soup.select(".career-list h2 a")]
    assert "Software Developers" in titles  # its first high point in the O*NET fixture
    assert page(demo_api, "/careers/interests/I").select_one("h1") is not None
    career = page(demo_api, "/careers/software-developers")
    assert "/careers/interests/investigative" in link_hrefs(career, "#interests-title + p a")
    page(demo_api, "/careers/interests/unknown", status=404)


def test_a_career_with_nothing_above_the_floor_says_so(
    client: TestClient, db: Database, tmp_path: Path
) -> None:
    prepare_database(db)
    import_onet(db.sessions, write_onet(tmp_path))  # occupations, and no resource at all
    body = client.get("/api/v1/careers/registered-nurses").json()
    assert body["courses"] == [] and body["books"] == []
    assert body["no_match"].startswith("No course or book in the catalog")
    soup = page(client, "/careers/registered-nurses")
    assert "No course or book in the catalog" in text_of(soup, ".no-match")
