"""Issue 16's defects and new controls in Debian's Chromium, at a desktop's and a phone's
width: corrected typos keep their filters, deep pages, the tab title, snippets, skill chips,
the new filters, the sort notes, breadcrumbs and the type-ahead's labels."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.web.live import LiveSite, live_site

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveSite]:
    with live_site(tmp_path_factory.mktemp("live"), with_stub=False) as running:
        yield running


@pytest.fixture(params=sorted(WIDTHS))
def page(request: pytest.FixtureRequest, browser: Browser, site: LiveSite) -> Iterator[Page]:
    context = browser.new_context(base_url=site.url, viewport=WIDTHS[request.param])
    tab = context.new_page()
    tab.set_default_timeout(30_000)  # the box is shared: a slow page is not a failure here
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert errors == []


def test_a_corrected_typo_keeps_its_filters(page: Page) -> None:
    page.goto("/search?q=statistcs&kind=course")
    expect(page.locator(".correction")).to_contain_text("“statistcs” found nothing")
    expect(page.locator(".selected-filters")).to_contain_text("Type: Courses")
    level = page.locator("#facet-level-beginner")
    expect(level).to_be_attached()
    level.click()
    expect(page).to_have_url(re.compile(r"level=beginner"))
    expect(page.locator(".selected-filters")).to_contain_text("Level: Beginner")
    expect(page.locator(".results .badge").first).to_have_text("Course")


def test_a_page_past_the_end_shows_the_last_page(page: Page) -> None:
    page.goto("/search?q=python&kind=course&page=998")
    expect(page).to_have_url(re.compile(r"page=2$"))
    expect(page.locator(".total")).to_contain_text("21 to 28 of 28 results")
    expect(page.locator('.pager a[aria-current="page"]')).to_have_text("Page 2")


def test_the_tab_title_stays_once_similar_resources_load(page: Page) -> None:
    page.goto("/courses/docker-for-developers")
    title = page.title()
    assert title.startswith("Docker for Developers")
    expect(page.locator("#similar .card").first).to_be_visible()
    expect(page).to_have_title(title)


def test_every_card_has_a_snippet_that_starts_cleanly(page: Page) -> None:
    page.goto("/search?q=aaliyah+grant")
    cards = page.locator(".results .card")
    expect(cards).to_have_count(2)
    for text in page.locator(".results .snippet").all_inner_texts():
        assert text[0].isupper() or text[0] == "…", text
    assert page.locator(".results .snippet").count() == 2


def test_a_skill_chip_filters_by_the_skill(page: Page) -> None:
    page.goto("/courses/concurrency-in-go")
    page.locator("[aria-labelledby=skills-title]").get_by_role(
        "link", name="Go", exact=True
    ).click()
    expect(page).to_have_url(re.compile(r"/search\?skill=go$"))
    expect(page.locator("h1")).to_have_text("Courses and books on Go")
    titles = page.locator(".results .card-title").all_inner_texts()
    assert "Concurrency in Go" in titles and "Product Management Fundamentals" not in titles
    page.locator(".selected-filters a").first.click()
    expect(page).to_have_url(re.compile(r"/search$"))


def test_rating_certificate_and_duration_filters(page: Page) -> None:
    page.goto("/search?q=data")
    page.locator("#facet-min_rating-4").click()
    expect(page).to_have_url(re.compile(r"min_rating=4$"))
    expect(page.locator(".selected-filters")).to_contain_text("Rating: 4 and up")
    page.locator("#facet-certificate-true").click()
    expect(page).to_have_url(re.compile(r"certificate=true"))
    page.locator("#facet-duration-10-40").click()
    expect(page).to_have_url(re.compile(r"duration=10-40"))
    chips = page.locator(".selected-filters a")
    expect(chips).to_have_count(3)
    expect(chips.nth(0)).to_contain_text("Certificate: With a certificate")
    expect(chips.nth(1)).to_contain_text("Duration: 10 to 40 hours")
    expect(chips.nth(2)).to_contain_text("Rating: 4 and up")


def test_sorts_show_what_they_order_by(page: Page) -> None:
    page.goto("/search?q=python")
    page.get_by_role("link", name="Highest rated").click()
    expect(page).to_have_url(re.compile(r"sort=rating"))
    expect(page.locator("#sort-note")).to_contain_text("weighs each average")
    weighted = [float(t.split()[-1]) for t in page.locator(".weighted").all_inner_texts()]
    assert len(weighted) == 20 and weighted == sorted(weighted, reverse=True)
    page.get_by_role("link", name="Most popular").click()
    expect(page).to_have_url(re.compile(r"sort=popular"))
    expect(page.locator("#sort-note")).to_contain_text("learners enrolled")
    expect(page.locator(".popularity").first).to_contain_text("learners")


def test_breadcrumbs_begin_at_home_everywhere(page: Page) -> None:
    for path, section in (
        ("/careers/backend-engineer", "Careers"),
        ("/topics/databases", "Topics"),
        ("/courses/docker-for-developers", None),
    ):
        page.goto(path)
        crumbs = page.locator(".breadcrumbs li").all_inner_texts()
        assert crumbs[0] == "Home", (path, crumbs)
        if section:
            assert crumbs[1] == section, (path, crumbs)


def test_the_type_ahead_labels_each_kind_and_each_word_once(page: Page) -> None:
    page.goto("/search")
    box = page.get_by_role("combobox", name="Search courses and books")
    box.press_sequentially("pyth", delay=30)
    options = page.get_by_role("option")
    expect(options.first).to_be_visible()
    labels = [o.locator("span").first.inner_text() for o in options.all()]
    kinds = set(page.locator(".suggestion-kind").all_inner_texts())
    assert len({label.casefold() for label in labels}) == len(labels), labels
    assert {"Course", "Topic"} <= kinds and "Course or book" not in kinds


def test_cards_say_why_they_matched(page: Page) -> None:
    page.goto("/search?q=aaliyah+grant")
    reasons = page.locator(".results .card .matched")
    expect(reasons).to_have_count(2)
    expect(reasons.first).to_have_text("Matched on Aaliyah Grant")
    expect(reasons.first).to_be_visible()
