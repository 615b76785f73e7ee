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


def test_skill_chips_filter_by_the_skill(demo_api: TestClient) -> None:
    course = page(demo_api, "/courses/concurrency-in-go")
    chips = {a.get_text(): a["href"] for a in course.select("[aria-labelledby=skills-title] a")}
    assert chips["Go"] == "/search?skill=go"
    soup = page(demo_api, "/search?skill=go")
    assert text_of(soup, "h1") == "Courses and books on Go"
    titles = [text_of(card, ".card-title") for card in soup.select(".results .card")]
    assert "Concurrency in Go" in titles and "Product Management Fundamentals" not in titles
    assert text_of(soup, ".selected-filters a").startswith("Skill: Go")
    assert soup.select_one(".selected-filters a")["href"] == "/search"


def test_certificate_duration_and_rating_filters(demo_api: TestClient) -> None:
    soup = page(demo_api, "/search?q=data")
    groups = {text_of(f, "h3"): f for f in soup.select(".facet")}
    rating = [text_of(a, ".label") for a in groups["Rating"].select("a")]
    assert rating == ["4.5 and up", "4 and up", "3.5 and up", "3 and up"]
    duration = [text_of(a, ".label") for a in groups["Duration"].select("a")]
    assert duration[0] == "2 to 10 hours"
    four = soup.select_one("#facet-min_rating-4")
    count = int(text_of(four, ".count").replace(",", ""))
    refined = page(demo_api, str(four["href"]))
    assert f" {count} results" in f" {text_of(refined, '.total')}"
    assert text_of(refined, ".selected-filters a").startswith("Rating: 4 and up")
    both = page(demo_api, "/search?q=data&certificate=true&duration=10-40")
    chips = [a.get_text(" ").split(" (")[0] for a in both.select(".selected-filters a")]
    assert [" ".join(chip.split()[:-1]) for chip in chips] == [
        "Certificate: With a certificate",
        "Duration: 10 to 40 hours",
    ]


def test_orders_show_the_figure_they_sort_by(demo_api: TestClient) -> None:
    rated = page(demo_api, "/search?q=python&sort=rating")
    assert "weighs each average by how many gave it" in text_of(rated, "#sort-note")
    weighted = [float(text_of(c, ".weighted").split()[-1]) for c in rated.select(".card")]
    assert len(weighted) == 20 and weighted == sorted(weighted, reverse=True)
    popular = page(demo_api, "/search?q=python&sort=popular")
    assert "learners enrolled" in text_of(popular, "#sort-note")
    shown = [
        int(text_of(c, ".popularity").split()[0].replace(",", "")) for c in popular.select(".card")
    ]
    assert shown == sorted(shown, reverse=True) and shown[0] > 0
    assert page(demo_api, "/search?q=python").select_one("#sort-note") is None


def test_cards_say_why_they_matched(demo_api: TestClient) -> None:
    soup = page(demo_api, "/search?q=aaliyah+grant")
    reasons = [text_of(card, ".matched") for card in soup.select(".results .card")]
    assert reasons and all(r == "Matched on Aaliyah Grant" for r in reasons), reasons
    first = page(demo_api, "/search?q=docker").select(".results .card")[0]
    assert text_of(first, ".card-title") == "Docker for Developers"
    assert first.select_one(".matched") is None  # the title says why
