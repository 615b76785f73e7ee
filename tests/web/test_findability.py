"""What a learner trips over while searching and browsing (issue 16), on SQLite and
PostgreSQL, over the demo catalog: corrected typos, deep pages, snippets, breadcrumbs."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from fastapi.testclient import TestClient

from tests.web.html import page, text_of


def test_a_corrected_typo_keeps_its_filters_and_says_it_found_nothing(
    demo_api: TestClient,
) -> None:
    soup = page(demo_api, "/search?q=statistcs&kind=course")
    assert text_of(soup, ".correction") == (
        "Showing results for statistics : “statistcs” found nothing. Search instead for statistcs ."
    )
    right = page(demo_api, "/search?q=statistics&kind=course")
    assert text_of(soup, ".total") == text_of(right, ".total")
    facets = [text_of(f, "h3") for f in soup.select(".facet")]
    assert facets == [text_of(f, "h3") for f in right.select(".facet")] and "Level" in facets
    assert soup.select_one("#facet-kind-course")["aria-current"] == "true"
    assert text_of(soup, ".selected-filters a").startswith("Type: Courses")
    assert {text_of(card, ".badge") for card in soup.select(".results .card")} == {"Course"}


def test_a_page_past_the_end_goes_to_the_last_page(demo_api: TestClient) -> None:
    response = demo_api.get("/search?q=python&kind=course&page=998", follow_redirects=False)
    assert response.status_code == 303
    assert parse_qs(urlsplit(response.headers["location"]).query) == {
        "q": ["python"],
        "kind": ["course"],
        "page": ["2"],
    }
    soup = page(demo_api, "/search?q=python&kind=course&page=998")
    assert text_of(soup, ".total").startswith("21 to 28 of 28 results")
    assert text_of(soup, '.pager a[aria-current="page"]') == "Page 2"
    topic = demo_api.get("/topics/databases?page=50", follow_redirects=False)
    assert (topic.status_code, topic.headers["location"]) == (303, "/topics/databases")
    careers = demo_api.get("/careers?page=400", follow_redirects=False)
    assert careers.status_code == 303 and "page=400" not in careers.headers["location"]


def test_every_card_has_a_snippet(demo_api: TestClient) -> None:
    for url in ("/search?q=python", "/search?q=aaliyah+grant", "/search?topic=music"):
        cards = page(demo_api, url).select(".results .card")
        assert cards and all(card.select_one(".snippet") for card in cards), url


def test_breadcrumbs_begin_the_same_everywhere(demo_api: TestClient) -> None:
    guide = page(demo_api, "/careers/backend-engineer")
    topic = page(demo_api, "/topics/databases")
    course = page(demo_api, "/courses/docker-for-developers")
    similar = page(demo_api, "/courses/docker-for-developers/similar")
    assert text_of(guide, ".breadcrumbs") == "Home Careers Backend Engineer"
    assert text_of(topic, ".breadcrumbs") == "Home Topics Computer Science Databases"
    assert text_of(course, ".breadcrumbs").startswith("Home Topics ")
    assert text_of(course, ".breadcrumbs").endswith(" Docker for Developers")
    assert text_of(similar, ".breadcrumbs") == text_of(course, ".breadcrumbs") + " Similar"


def test_the_similar_fragment_leaves_the_tab_title_alone(demo_api: TestClient) -> None:
    soup = page(demo_api, "/courses/docker-for-developers")
    similar = soup.select_one("#similar")
    assert "ignoreTitle:true" in similar["hx-swap"]


def test_descriptions_promise_nothing_the_site_lacks(demo_api: TestClient) -> None:
    for url in ("/", "/topics/databases"):
        soup = page(demo_api, url)
        description = soup.select_one('meta[name="description"]')["content"]
        assert "compar" not in description.lower(), url
