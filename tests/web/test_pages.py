"""The pages learners read, on SQLite and PostgreSQL, over the demo catalog."""

from __future__ import annotations

from itertools import pairwise
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape

import pytest
from fastapi.testclient import TestClient

from tests.web.html import link_hrefs, page, structured_data, text_of


def _params(href: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(href).query)


def test_home_shows_counts_topics_and_a_search_box(demo_api: TestClient) -> None:
    soup = page(demo_api, "/")
    assert text_of(soup, ".lead") == "256 courses and 149 books from 24 providers, in 73 topics."
    form = soup.select_one('form[role="search"]')
    assert form is not None and form["action"] == "/search" and form["method"] == "get"
    assert soup.select_one('label[for="home-search"]') is not None
    assert "/topics/computer-science" in link_hrefs(soup, ".tiles a")
    assert len(soup.select(".results .card")) == 6
    assert structured_data(soup)[0]["@type"] == "WebSite"
    assert soup.select_one('link[rel="canonical"]')["href"] == "http://testserver/"


def test_search_shows_highlighted_results_facets_and_pages(demo_api: TestClient) -> None:
    soup = page(demo_api, "/search?q=python")
    assert text_of(soup, "h1") == "Results for “python”"
    assert text_of(soup, ".total").startswith("1 to 20 of 38 results")
    cards = soup.select(".results .card")
    assert len(cards) == 20
    assert cards[0].select_one(".snippet mark").get_text().lower() == "python"
    kind = {a.select_one(".label").get_text(): a for a in soup.select(".facet a[id^=facet-kind]")}
    assert kind["Books"].select_one(".count").get_text() == "10"
    assert _params(str(kind["Books"]["href"])) == {"q": ["python"], "kind": ["book"]}
    titles = {f.select_one("h3").get_text() for f in soup.select(".facet")}
    # "Start date" shows while some demo start dates are still ahead: it depends on the day.
    assert titles - {"Start date"} == {
        "Type",
        "Topic",
        "Provider",
        "Level",
        "Language",
        "Price",
        "Certificate",
        "Duration",
        "Rating",
        "Pace",
        "Budget",
    }
    assert _params(link_hrefs(soup, 'a[rel="next"]')[0])["page"] == ["2"]
    assert soup.select_one('meta[name="robots"]')["content"] == "noindex, follow"


def test_a_facet_link_refines_and_can_be_removed(demo_api: TestClient) -> None:
    soup = page(demo_api, "/search?q=python&kind=book")
    assert text_of(soup, ".total").startswith("10 results")
    assert all(text_of(card, ".badge") == "Book" for card in soup.select(".results .card"))
    selected = soup.select_one("#facet-kind-book")
    assert selected["aria-current"] == "true"
    assert _params(str(selected["href"])) == {"q": ["python"]}
    assert text_of(soup, ".selected-filters a").startswith("Type: Books")


def test_sort_and_pagination_keep_the_other_parameters(demo_api: TestClient) -> None:
    soup = page(demo_api, "/search?q=python&kind=course&sort=rating&page=2")
    assert text_of(soup, ".total").startswith("21 to 28 of 28 results")
    assert text_of(soup, '.sort a[aria-current="true"]') == "Highest rated"
    previous = _params(link_hrefs(soup, 'a[rel="prev"]')[0])
    assert previous == {"q": ["python"], "kind": ["course"], "sort": ["rating"]}
    assert text_of(soup, '.pager a[aria-current="page"]') == "Page 2"


def test_typo_shows_what_was_searched_instead(demo_api: TestClient) -> None:
    soup = page(demo_api, "/search?q=pyhton")
    assert text_of(soup, ".correction").startswith("Showing results for python")
    assert link_hrefs(soup, ".correction a") == [
        "/search?q=python",
        "/search?q=pyhton&spellcheck=false",
    ]
    assert len(soup.select(".results .card")) == 20
    insisted = page(demo_api, "/search?q=pyhton&spellcheck=false")
    assert insisted.select_one(".correction") is None
    assert text_of(insisted, "#no-results-title") == "Nothing matched “pyhton”"


def test_nothing_found_offers_ways_forward(demo_api: TestClient) -> None:
    soup = page(demo_api, "/search?q=zzyzx+qwv&level=advanced")
    assert text_of(soup, "#no-results-title") == "Nothing matched “zzyzx qwv” with these filters"
    assert "/search?q=zzyzx+qwv" in link_hrefs(soup, ".advice a")
    assert "/topics" in link_hrefs(soup, ".advice a")
    assert len(soup.select(".results .card")) == 4  # popular picks


def test_browse_without_words(demo_api: TestClient) -> None:
    soup = page(demo_api, "/search")
    assert text_of(soup, "h1") == "Browse courses and books"
    assert text_of(soup, ".total").startswith("1 to 20 of 405 results")
    assert "Best match" not in text_of(soup, ".sort")


def test_course_page_shows_everything_known(demo_api: TestClient) -> None:
    soup = page(demo_api, "/courses/sql-fundamentals-querying-relational-data")
    assert text_of(soup, "h1") == "SQL Fundamentals: Querying Relational Data"
    details = text_of(soup, ".resource-details")
    for expected in (
        "Kestrel Code School",
        "Marisol Etxeberria",
        "Beginner",
        "3.5 hours",
        "$98.99",
    ):
        assert expected in details
    assert "4.6 out of 5 (469 ratings)" in details
    assert {a.get_text() for a in soup.select("#skills-title + .chips a")} >= {"SQL", "PostgreSQL"}
    go = soup.select_one("a.button-primary")
    assert go["href"].startswith("/go/") and go.get_text().startswith("Go to course")
    assert "sponsored" in go["rel"]
    course = structured_data(soup)[0]
    assert course["@type"] == "Course"
    assert course["provider"]["name"] == "Kestrel Code School"
    assert course["aggregateRating"]["ratingCount"] == 469
    assert course["hasCourseInstance"]["courseWorkload"] == "PT3H30M"
    assert soup.select_one('link[rel="canonical"]')["href"] == (
        "http://testserver/courses/sql-fundamentals-querying-relational-data"
    )


def test_book_page_shows_authors_and_isbn(demo_api: TestClient) -> None:
    soup = page(demo_api, "/books/introduction-to-financial-accounting-an-open-textbook")
    assert text_of(soup, ".byline").startswith("by Dr. Helen Okafor")
    assert text_of(soup, ".isbn") == "9781945107566"
    assert "Find the book" in text_of(soup, "a.button-primary")
    book = structured_data(soup)[0]
    assert (book["@type"], book["isbn"], book["numberOfPages"]) == ("Book", "9781945107566", 270)
    assert soup.select_one('meta[property="og:type"]')["content"] == "book"


def test_a_resource_under_the_wrong_kind_redirects(demo_api: TestClient) -> None:
    response = demo_api.get(
        "/books/sql-fundamentals-querying-relational-data", follow_redirects=False
    )
    assert response.status_code == 301
    assert response.headers["location"] == "/courses/sql-fundamentals-querying-relational-data"


def test_provider_page_lists_the_best_first(demo_api: TestClient) -> None:
    soup = page(demo_api, "/providers/kestrel-code-school")
    assert text_of(soup, "h1") == "Kestrel Code School"
    assert text_of(soup, '.sort a[aria-current="true"]') == "Highest rated"
    assert all("Kestrel Code School" in text_of(c, ".card-kind") for c in soup.select(".card"))
    assert not soup.select(".facet a[id^=facet-provider]")


def test_error_pages_are_pages_and_the_api_keeps_problem_json(demo_api: TestClient) -> None:
    missing = page(demo_api, "/courses/no-such-course", status=404)
    assert text_of(missing, "h1") == "We couldn\u2019t find that page"
    assert missing.select_one('form[role="search"]') is not None
    invalid = page(demo_api, "/search?page=zero", status=422)
    assert "page" in text_of(invalid, ".error-detail")
    assert page(demo_api, "/nowhere", status=404).select_one(".site-header") is not None
    api = demo_api.get("/api/v1/resources/999999")
    assert api.status_code == 404
    assert api.headers["content-type"] == "application/problem+json"


def test_an_unexpected_error_is_a_page_without_a_traceback(
    client: TestClient, monkeypatch: object
) -> None:
    from courseatlas.search import service

    def broken(*_args: object) -> None:
        raise RuntimeError("secret internals")

    monkeypatch.setattr(service, "search", broken)  # type: ignore[attr-defined]
    response = client.get("/search?q=x")
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.text
    assert "secret internals" not in response.text and "Traceback" not in response.text
    assert "content-security-policy" in response.headers


def test_pages_answer_head(demo_api: TestClient) -> None:
    response = demo_api.head("/search?q=sql")
    assert response.status_code == 200
    assert response.headers["etag"]


def test_topics_tree_and_a_topic_page(demo_api: TestClient) -> None:
    tree = page(demo_api, "/topics")
    roots = [a.get_text() for a in tree.select(".topic-tree > li > a")]
    assert "Computer Science" in roots and "Music" in roots
    assert "/topics/sql" in link_hrefs(tree, ".topic-tree a")
    soup = page(demo_api, "/topics/databases")
    assert text_of(soup, "h1") == "Databases"
    assert text_of(soup, ".breadcrumbs") == "Home Topics Computer Science Databases"
    assert text_of(soup, ".subtopics a") == "SQL 16"
    assert [text_of(a, "a") for a in soup.select(".sort li")] == ["All 20", "Courses 13", "Books 7"]
    assert len(soup.select(".results .card")) == 20
    assert link_hrefs(soup, ".refine a") == ["/search?topic=databases"]
    assert soup.select_one('link[rel="canonical"]')["href"] == "http://testserver/topics/databases"
    books = page(demo_api, "/topics/databases?kind=book")
    assert [text_of(c, ".badge") for c in books.select(".card")] == ["Book"] * 7
    assert text_of(books, '.sort a[aria-current="true"]') == "Books 7"


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/search?q=python&kind=book",
        "/search?q=zzyzx",
        "/courses/sql-fundamentals-querying-relational-data",
        "/courses/sql-fundamentals-querying-relational-data/similar",
        "/topics",
        "/topics/databases",
        "/providers/kestrel-code-school",
        "/careers",
        "/careers/backend-engineer",
    ],
)
def test_pages_are_well_formed_for_assistive_technology(demo_api: TestClient, url: str) -> None:
    soup = page(demo_api, url)
    assert soup.html["lang"] == "en"
    assert len(soup.select("h1")) == 1
    levels = [int(h.name[1]) for h in soup.select("h1, h2, h3, h4, h5, h6")]
    assert all(b - a <= 1 for a, b in pairwise(levels)), levels
    ids = [tag["id"] for tag in soup.select("[id]")]
    assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]
    for field in soup.select("input:not([type=hidden])"):
        assert soup.select_one(f'label[for="{field["id"]}"]') is not None
    assert soup.select_one("main#main") and soup.select_one("a.skip-link[href='#main']")
    assert soup.select_one("header") and soup.select_one("footer")


@pytest.mark.parametrize(
    "url", ["/search?q=sql", "/topics/databases", "/careers/backend-engineer", "/"]
)
def test_result_cards_show_their_picture_from_this_host(demo_api: TestClient, url: str) -> None:
    soup = page(demo_api, url)
    cards = soup.select("article.card")
    assert len(cards) >= 4
    for card in cards:
        picture = card.select_one("img.card-picture")
        assert picture is not None, card
        resource_id = str(card.select_one(".save-form a")["href"]).rsplit("/", 1)[1]
        assert picture["src"] == f"/pictures/{resource_id}"  # same host: CSP img-src 'self'
        assert (picture["width"], picture["height"]) == ("120", "80")  # no layout shift
        assert picture["loading"] == "lazy" and picture["alt"] == ""  # the title says it
    first = demo_api.get(str(cards[0].select_one("img.card-picture")["src"]))
    assert first.status_code == 200 and first.headers["content-type"] == "image/svg+xml"
    title = escape(text_of(cards[0], ".card-title"), {'"': "&quot;"})
    assert f'aria-label="{title}"' in first.text  # the cover of that very card
