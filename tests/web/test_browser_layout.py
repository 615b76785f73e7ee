"""The index pages, the comparison and the career guide's layout in Chromium, at desktop and
phone widths, with and without JavaScript."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.web.live import (
    LiveSite,
    live_site,
    wait_for_script,
)

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveSite]:
    with live_site(tmp_path_factory.mktemp("live"), with_stub=False) as running:
        yield running


def _tab(browser: Browser, site: LiveSite, viewport: dict[str, int], script: bool = True) -> Page:
    context = browser.new_context(base_url=site.url, viewport=viewport, java_script_enabled=script)
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    return tab


def _top(page: Page, selector: str) -> float:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return box["y"]


@pytest.mark.parametrize("script", [True, False], ids=["script", "no-script"])
def test_tick_two_courses_and_compare_them(browser: Browser, site: LiveSite, script: bool) -> None:
    page = _tab(browser, site, DESKTOP, script)
    page.goto("/courses")
    titles = page.locator(".results .card-title a").all_inner_texts()[:2]
    page.get_by_label(f"Compare {titles[0]}").check()
    page.get_by_label(f"Compare {titles[1]}").check()
    page.get_by_role("button", name="Compare ticked").click()
    expect(page).to_have_url(re.compile(r"/compare\?ids=\d+&ids=\d+$"))
    expect(page.locator(".compare thead th a")).to_have_text(titles)
    expect(page.locator(".compare tbody th").first).to_have_text("Provider")
    page.context.close()


def test_the_nav_leads_to_the_index_pages(browser: Browser, site: LiveSite) -> None:
    page = _tab(browser, site, DESKTOP)
    page.goto("/")
    page.locator(".site-nav").get_by_role("link", name="Books").click()
    expect(page.locator("h1")).to_have_text("All books")
    page.locator(".site-footer").get_by_role("link", name="Providers").click()
    expect(page.locator("h1")).to_have_text("All providers")
    page.locator(".tiles a").first.click()
    expect(page.locator(".breadcrumbs li")).to_have_count(3)
    page.context.close()


@pytest.mark.parametrize("path", ["/courses", "/providers", "/compare?ids=1,2,3,4"])
def test_index_pages_fit_a_phone(browser: Browser, site: LiveSite, path: str) -> None:
    page = _tab(browser, site, PHONE)
    response = page.goto(path)
    assert response is not None and response.status == 200
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.context.close()


def test_career_guide_uses_the_desktop_width(browser: Browser, site: LiveSite) -> None:
    page = _tab(browser, site, DESKTOP)
    page.goto("/careers/backend-engineer")
    body = page.locator(".guide-body").bounding_box()
    aside = page.locator(".guide-aside").bounding_box()
    assert body and aside
    assert aside["x"] >= body["x"] + body["width"]  # beside the text, not under it
    assert aside["x"] + aside["width"] > DESKTOP["width"] * 0.75
    page.mouse.wheel(0, 4000)
    wait_for_script(page, "() => window.scrollY > 3000")
    # Sticky: still in view after scrolling thousands of pixels.
    assert 0 <= _top(page, ".path-summary") < 100
    expect(page.locator(".path-summary")).to_be_in_viewport()
    page.context.close()


def test_career_guide_on_a_phone_shows_the_path_first(browser: Browser, site: LiveSite) -> None:
    page = _tab(browser, site, PHONE)
    page.goto("/careers/backend-engineer")
    assert _top(page, ".path-summary") < _top(page, ".guide-section")
    jump = page.get_by_role("link", name="Jump to the path")
    assert _top(page, ".jump-to-path") < PHONE["height"] * 2  # within the first two screens
    jump.click()
    expect(page).to_have_url(re.compile("#learning-path$"))
    expect(page.locator("#learning-path-title")).to_be_in_viewport()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.context.close()
