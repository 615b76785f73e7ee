"""The index pages (courses, books, providers) and the comparison, over the demo catalog."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from tests.web.html import link_hrefs, page, structured_data, text_of


def _ids_on(soup: object) -> list[str]:
    return [str(box["value"]) for box in soup.select('input[name="ids"]')]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("path", "badge", "total"), [("/courses", "Course", 256), ("/books", "Book", 149)]
)
def test_kind_index_lists_every_one_best_rated_first(
    demo_api: TestClient, path: str, badge: str, total: int
) -> None:
    soup = page(demo_api, path)
    assert text_of(soup, ".total").startswith(f"1 to 20 of {total} results")
    assert {text_of(card, ".badge") for card in soup.select(".results .card")} == {badge}
    assert text_of(soup, '.sort a[aria-current="true"]') == "Highest rated"
    assert not soup.select(".facet a[id^=facet-kind]")  # the path already says which kind
    nxt = parse_qs(urlsplit(link_hrefs(soup, 'a[rel="next"]')[0]).query)
    assert nxt == {"page": ["2"]} and urlsplit(link_hrefs(soup, 'a[rel="next"]')[0]).path == path
    assert text_of(soup, ".breadcrumbs") == f"Home {badge}s"
    assert structured_data(soup)[-1]["@type"] == "BreadcrumbList"
    assert soup.select_one('link[rel="canonical"]')["href"] == f"http://testserver{path}"


def test_a_kind_index_refines_by_a_facet(demo_api: TestClient) -> None:
    soup = page(demo_api, "/books?level=beginner&page=1")
    assert all(text_of(card, ".badge") == "Book" for card in soup.select(".results .card"))
    assert "Level: Beginner" in text_of(soup, ".selected-filters")
    assert (
        soup.select_one('link[rel="canonical"]')["href"] == "http://testserver/books?level=beginner"
    )


def test_providers_index_counts_what_each_offers(demo_api: TestClient) -> None:
    soup = page(demo_api, "/providers")
    assert text_of(soup, ".lead").startswith("24 universities, platforms and publishers")
    tiles = soup.select(".tiles a")
    assert len(tiles) == 24
    named = {text_of(t, ".tile-name"): text_of(t, ".muted") for t in tiles}
    assert named["Kestrel Code School"].endswith("courses")
    assert "/providers/kestrel-code-school" in link_hrefs(soup, ".tiles a")
    assert text_of(soup, ".breadcrumbs") == "Home Providers"
    assert page(demo_api, "/providers?page=0", status=422) is not None
    past_the_end = demo_api.get("/providers?page=9", follow_redirects=False)
    assert (past_the_end.status_code, past_the_end.headers["location"]) == (303, "/providers")


def test_every_trail_begins_at_home_then_the_section(demo_api: TestClient) -> None:
    trails = {
        "/courses/sql-fundamentals-querying-relational-data": "Home Topics SQL SQL Fundamentals",
        "/courses": "Home Courses",
        "/compare?ids=1,2": "Home Compare",
        "/topics/databases": "Home Topics Computer Science Databases",
        "/careers/backend-engineer": "Home Careers Backend Engineer",
        "/providers/kestrel-code-school": "Home Providers Kestrel Code School",
    }
    for path, begins in trails.items():
        assert text_of(page(demo_api, path), ".breadcrumbs").startswith(begins), path


def test_nav_footer_and_sitemap_reach_the_index_pages(demo_api: TestClient) -> None:
    soup = page(demo_api, "/")
    assert {"/courses", "/books"} <= set(link_hrefs(soup, ".site-nav a"))
    assert {"/courses", "/books", "/providers"} <= set(link_hrefs(soup, ".site-footer a"))
    sitemap = demo_api.get("/sitemaps/site.xml").text
    for path in ("/courses", "/books", "/providers"):
        assert f"<loc>http://testserver{path}</loc>" in sitemap


def test_a_list_offers_compare_checkboxes_in_one_get_form(demo_api: TestClient) -> None:
    soup = page(demo_api, "/courses")
    form = soup.select_one("form#compare-form")
    assert form is not None and (form["action"], form["method"]) == ("/compare", "get")
    boxes = soup.select('input[name="ids"][type="checkbox"]')
    assert len(boxes) == 20 and all(box["form"] == "compare-form" for box in boxes)


def test_compare_shows_the_picked_side_by_side(demo_api: TestClient) -> None:
    ids = _ids_on(page(demo_api, "/providers/kestrel-code-school"))[:3]
    soup = page(demo_api, "/compare?ids=" + "&ids=".join(ids))
    columns = soup.select(".compare thead th")
    assert len(columns) == 3
    rows = [text_of(row, "th") for row in soup.select(".compare tbody tr")]
    assert rows[:8] == [
        "Provider",
        "Level",
        "Hours",
        "Price",
        "Rating",
        "Pace",  # shown since these courses say it: Kestrel's are all self-paced
        "Certificate",
        "Skills",
    ]
    cells = [
        [td.get_text(strip=True) for td in row.select("td")]
        for row in soup.select(".compare tbody tr")
    ]
    assert cells[0] == ["Kestrel Code School"] * 3
    assert cells[5] == ["Self-paced"] * 3
    titles = [text_of(th, "a") for th in columns]
    for n, item_id in enumerate(ids):
        item = demo_api.get(f"/api/v1/resources/{item_id}").json()
        assert titles[n] == item["title"]
    assert soup.select_one('meta[name="robots"]')["content"] == "noindex, follow"
    same = page(demo_api, "/compare?ids=" + ",".join(ids))
    assert [text_of(th, "a") for th in same.select(".compare thead th")] == titles


def test_compare_without_ids_explains_how(demo_api: TestClient) -> None:
    soup = page(demo_api, "/compare")
    assert "two to four" in text_of(soup, ".lead")
    assert not soup.select(".compare")


@pytest.mark.parametrize(
    ("query", "status", "says"),
    [
        ("ids=1", 422, "pick 2 to 4"),
        ("ids=1,2,3,4,5", 422, "not 5"),
        ("ids=abc&ids=2", 422, "“abc” is not the id"),
        ("ids=-1&ids=2", 422, "“-1” is not the id"),
        ("ids=99999999999&ids=2", 422, "is not the id"),
        ("ids=%EF%BC%91&ids=2", 422, "is not the id"),  # a full-width digit
        ("ids=1&ids=999999", 404, "no course or book with id 999999"),
    ],
)
def test_compare_refuses_bad_ids_clearly(
    demo_api: TestClient, query: str, status: int, says: str
) -> None:
    soup = page(demo_api, f"/compare?{query}", status=status)
    assert says in text_of(soup, ".error-page")
