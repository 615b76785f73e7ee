"""Institution and people pages: a university's courses, an author's books, linked from each
resource page; credits follow re-imports."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from courseatlas.catalog.credits import credit_slug, credits_of
from courseatlas.db.database import Database
from courseatlas.ingest.service import run_import
from tests.helpers import course, write_jsonl
from tests.web.html import link_hrefs, page, text_of


def test_an_institution_page_lists_its_courses_best_rated_first(demo_api: TestClient) -> None:
    soup = page(demo_api, "/institutions/brightwater-state-university")
    assert text_of(soup, "h1") == "Brightwater State University"
    assert text_of(soup, ".lead").startswith("12 courses and books from Brightwater")
    cards = soup.select(".results .card")
    assert len(cards) == 12
    # Ordered by the weighted rating, as search's "Highest rated", and each card shows it.
    weighted = [float(text_of(c, ".weighted").split()[1]) for c in cards]
    assert weighted == sorted(weighted, reverse=True) and len(set(weighted)) > 1
    assert text_of(soup, ".breadcrumbs") == "Home Brightwater State University"
    one = demo_api.get(str(cards[0].select_one(".card-title a")["href"]))
    assert 'href="/institutions/brightwater-state-university"' in one.text


def test_a_person_page_gathers_what_they_wrote_or_teach(demo_api: TestClient) -> None:
    book = page(demo_api, "/books/introduction-to-financial-accounting-an-open-textbook")
    href = link_hrefs(book, ".byline a[href^='/people/']")[0]
    assert href == "/people/dr-helen-okafor"
    soup = page(demo_api, href)
    assert text_of(soup, "h1") == "Dr. Helen Okafor"
    titles = [text_of(c, ".card-title a") for c in soup.select(".results .card")]
    assert "Introduction to Financial Accounting: An Open Textbook" in titles
    assert len(titles) == 3
    teacher = page(demo_api, "/people/marisol-etxeberria")
    assert "SQL Fundamentals: Querying Relational Data" in text_of(teacher, ".results")


def test_unknown_credits_are_404_and_bad_pages_422(demo_api: TestClient) -> None:
    page(demo_api, "/institutions/nowhere-university", status=404)
    page(demo_api, "/people/nobody-at-all", status=404)
    page(demo_api, "/people/dr-helen-okafor?page=0", status=422)
    # A person's slug is not an institution's page.
    page(demo_api, "/institutions/dr-helen-okafor", status=404)


def test_credit_slugs_for_names_without_latin_letters_do_not_collide() -> None:
    assert credit_slug("Zoë Ångström") == "zoe-angstrom"
    assert credit_slug("王小明") != credit_slug("李华")
    assert credit_slug("王小明").startswith("n-")
    assert credits_of({"authors": ["A  B", "a b"], "institution": "X"}) == [
        ("author", "a-b", "A B"),
        ("institution", "x", "X"),
    ]


def test_a_reimport_replaces_the_credits(db: Database, client: TestClient, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    run_import(db.sessions, [write_jsonl(feed, course(1, instructors=["Ada Lovelace"]))])
    assert client.get("/people/ada-lovelace").status_code == 200
    run_import(db.sessions, [write_jsonl(feed, course(1, instructors=["Grace Hopper"]))])
    assert client.get("/people/ada-lovelace").status_code == 404
    assert "Course number 1" in client.get("/people/grace-hopper").text


def test_the_api_filters_resources_by_institution_and_person(demo_api: TestClient) -> None:
    found = demo_api.get("/api/v1/resources?institution=brightwater-state-university").json()
    assert found["total"] == 12
    person = demo_api.get("/api/v1/resources?person=dr-helen-okafor&kind=book").json()
    assert "Introduction to Financial Accounting: An Open Textbook" in {
        r["title"] for r in person["results"]
    }
    assert demo_api.get("/api/v1/resources?person=nobody-at-all").json()["total"] == 0
    bad = demo_api.get("/api/v1/resources?institution=Not%20A%20Slug")
    assert (bad.status_code, bad.headers["content-type"]) == (422, "application/problem+json")
