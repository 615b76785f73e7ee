"""Career pages, topic pages' careers and similar resources, over the demo catalog and guides."""

from __future__ import annotations

from fastapi.testclient import TestClient

from courseatlas.site.markdown import markdown
from tests.web.html import link_hrefs, page, structured_data, text_of

GUIDE_SECTIONS = [
    "Overview",
    "What they do",
    "Education and training",
    "Career path and growth",
    "A day in the job",
    "Challenges",
    "Typical projects",
    "Personal growth",
    "Personality traits and interests",
    "Self-guided projects",
]


def test_careers_list_and_fields(demo_api: TestClient) -> None:
    soup = page(demo_api, "/careers")
    titles = [a.get_text() for a in soup.select(".career-list h2 a")]
    assert "Backend Engineer" in titles and len(titles) == 24
    assert text_of(soup, ".total") == "26 careers"
    software = next(a for a in soup.select(".facet a") if "Software" in a.get_text())
    filtered = page(demo_api, str(software["href"]))
    assert all(text_of(li, ".badge") == "Software" for li in filtered.select(".career-list > li"))
    found = page(demo_api, "/careers?q=server-side+developer")
    assert [a.get_text() for a in found.select(".career-list h2 a")] == ["Backend Engineer"]


def test_careers_found_by_a_short_form_say_which_name_matched(demo_api: TestClient) -> None:
    soup = page(demo_api, "/careers?q=api+dev")
    cards = soup.select(".career-list > li")
    assert [text_of(card, "h2 a") for card in cards] == ["Backend Engineer"]
    assert "also called API Developer" in text_of(cards[0], ".card-kind")
    assert text_of(soup, ".total") == "1 career for \u201capi dev\u201d"


def test_career_page_has_every_section_matches_and_a_path(demo_api: TestClient) -> None:
    soup = page(demo_api, "/careers/backend-engineer")
    assert text_of(soup, "h1") == "Backend Engineer"
    sections = [h.get_text() for h in soup.select(".guide-section h2")]
    assert sections[: len(GUIDE_SECTIONS)] == GUIDE_SECTIONS
    assert {"Learning path", "More courses", "More books"} <= set(sections)
    assert link_hrefs(soup, ".toc a")[0] == "#overview"
    assert soup.select_one("#what-they-do li") is not None  # the guide's Markdown list
    steps = soup.select("#learning-path .path-steps > li")
    assert len(steps) >= 3
    assert text_of(steps[0], ".covers").startswith("First step to cover")
    courses = soup.select("#courses .card")
    assert courses and all("Why it matches:" in text_of(c, ".reasons") for c in courses)
    assert soup.select("#books .card")
    occupation = structured_data(soup)[0]
    assert (occupation["@type"], occupation["name"]) == ("Occupation", "Backend Engineer")
    assert "SQL" in occupation["skills"]


def test_career_page_sums_up_its_path_first_and_lists_each_match_once(
    demo_api: TestClient,
) -> None:
    soup = page(demo_api, "/careers/backend-engineer")
    steps = soup.select("#learning-path .path-steps > li")
    summary = soup.select(".path-summary li a")
    assert [a.get_text() for a in summary] == [text_of(s, ".card-title a") for s in steps]
    assert [a["href"] for a in summary] == [f"#{s['id']}" for s in steps]
    assert text_of(soup, ".path-summary p").startswith(f"{len(steps)} steps")
    assert link_hrefs(soup, ".jump-to-path") == ["#learning-path"]
    # The summary and the contents come before the guide's text (first on a phone).
    order = [tag.get("class", [""])[0] for tag in soup.select(".path-summary, .guide-section")]
    assert order[0] == "path-summary"
    in_path = {text_of(s, ".card-title a") for s in steps}
    listed = [text_of(c, ".card-title a") for c in soup.select("#courses .card, #books .card")]
    assert listed and not in_path & set(listed)
    api = demo_api.get("/api/v1/careers/backend-engineer").json()
    assert len(api["courses"]) + len(api["books"]) == len(listed) + len(
        in_path & {r["title"] for r in api["courses"] + api["books"]}
    )


def test_unknown_career_is_a_404_page(demo_api: TestClient) -> None:
    assert text_of(page(demo_api, "/careers/astronaut-chef", 404), "h1") == (
        "We couldn\u2019t find that page"
    )


def test_topic_page_names_its_careers(demo_api: TestClient) -> None:
    soup = page(demo_api, "/topics/backend-engineering")
    assert "/careers/backend-engineer" in link_hrefs(soup, ".related-careers a")


def test_resource_page_offers_similar_resources(demo_api: TestClient) -> None:
    url = "/courses/sql-fundamentals-querying-relational-data"
    section = page(demo_api, url).select_one("#similar")
    assert section["hx-get"] == f"{url}/similar"  # loaded after the page has shown
    assert link_hrefs(section, "a") == [f"{url}/similar"]  # and a link without JavaScript
    similar = page(demo_api, f"{url}/similar")
    cards = similar.select("#similar .results .card")
    assert 1 <= len(cards) <= 6
    assert url not in link_hrefs(similar, "#similar .card a")
    assert all("Why it matches:" in text_of(card, ".reasons") for card in cards)
    assert similar.select_one('meta[name="robots"]')["content"] == "noindex, follow"


def test_home_features_careers(demo_api: TestClient) -> None:
    soup = page(demo_api, "/")
    assert any(href.startswith("/careers/") for href in link_hrefs(soup, ".tiles a"))


def test_markdown_is_rendered_safely() -> None:
    html = markdown(
        "**Bold** <script>alert(1)</script> [x](javascript:alert(1)) ![i](https://a.example/i.png)"
    )
    assert "<strong>Bold</strong>" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="javascript:' not in html and "<img" not in html
