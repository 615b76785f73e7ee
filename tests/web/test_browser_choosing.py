"""Choosing a course in Debian's Chromium, at a desktop's and a phone's width: the budget and
price filters, pace and start dates, comparing a saved list, and the pictures on cards."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from courseatlas.accounts import service
from courseatlas.catalog.bands import month_starts, utc_today
from courseatlas.db.database import Database
from courseatlas.settings import Settings
from tests.helpers import course
from tests.web.live import (
    LiveSite,
    live_site,
    wait_for_script,
)

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
PASSWORD = "a long and unusual passphrase"


@pytest.fixture(scope="module")
def start_dates() -> dict[str, date]:
    """Rows of our own beside the demo, dated from the day the site starts (not the day the
    tests were collected, which may be the day before), as the filter counts."""
    today = utc_today()
    return {
        "Origami Folding Today": today,
        "Origami Folding Next Month": month_starts(today)[0],
        "Origami Folding Later": month_starts(today)[1] + timedelta(days=10),
        "Origami Folding Begun": today - timedelta(days=3),
    }


def _origami(start_dates: dict[str, date]) -> list[dict[str, Any]]:
    return [
        *(
            course(
                n, title=title, pace="scheduled", starts_on=day.isoformat(), provider="Paper Folk"
            )
            for n, (title, day) in enumerate(start_dates.items(), 1)
        ),
        course(5, title="Origami Folding Any Time", pace="self-paced", provider="Paper Folk"),
    ]


@pytest.fixture(scope="module")
def site(
    tmp_path_factory: pytest.TempPathFactory, start_dates: dict[str, date]
) -> Iterator[LiveSite]:
    folder: Path = tmp_path_factory.mktemp("live-choosing")
    with live_site(folder, with_stub=False, extra=_origami(start_dates)) as running:
        database = Database(Settings(env="test", data_dir=folder))
        with database.session() as session:
            for width in WIDTHS:
                service.create_user(session, f"{width}@example.org", PASSWORD)
        database.dispose()
        yield running


@pytest.fixture(params=sorted(WIDTHS))
def width(request: pytest.FixtureRequest) -> str:
    name: str = request.param
    return name


@pytest.fixture
def page(browser: Browser, site: LiveSite, width: str) -> Iterator[Page]:
    context = browser.new_context(base_url=site.url, viewport=WIDTHS[width])
    tab = context.new_page()
    tab.set_default_timeout(30_000)  # the box is shared: a slow page is not a failure here
    errors: list[str] = []
    elsewhere: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.on("request", lambda r: None if r.url.startswith(site.url) else elsewhere.append(r.url))
    yield tab
    context.close()
    assert errors == [] and elsewhere == []


def _prices(page: Page) -> list[str]:
    return [
        text.strip()
        for text in page.locator(".results .card .facts li:nth-child(2)").all_inner_texts()
    ]


def test_budget_and_price_filters(page: Page) -> None:
    page.goto("/search?q=python")
    page.locator("#facet-max_price-50").click()
    expect(page).to_have_url(re.compile(r"max_price=50"))
    expect(page.locator(".selected-filters")).to_contain_text("Budget: up to $50")
    prices = _prices(page)
    assert prices and all(p == "Free" or Decimal(p.lstrip("$")) <= 50 for p in prices), prices
    page.locator("#facet-price-paid").click()
    expect(page).to_have_url(re.compile(r"price=paid"))
    expect(page.locator(".selected-filters a")).to_have_count(2)
    paid = _prices(page)
    assert paid and all(p.startswith("$") and Decimal(p[1:]) <= 50 for p in paid), paid
    page.get_by_role("link", name="Lowest price").click()
    expect(page).to_have_url(re.compile(r"sort=price"))
    ordered = [Decimal(p[1:]) for p in _prices(page)]
    assert ordered == sorted(ordered)


def test_pace_and_start_filters(page: Page, start_dates: dict[str, date]) -> None:
    page.goto("/search?q=origami")
    starts = page.locator("#facet-starts-title")
    expect(starts).to_have_text("Start date")
    page.locator("#facet-starts-upcoming").click()
    expect(page).to_have_url(re.compile(r"starts=upcoming"))
    expect(page.locator(".selected-filters")).to_contain_text("Start date: Any upcoming start")
    cards = page.locator(".results .card")
    expect(cards).to_have_count(3)
    titles = set(page.locator(".results .card-title").all_inner_texts())
    assert titles == {
        "Origami Folding Today",
        "Origami Folding Next Month",
        "Origami Folding Later",
    }
    later = cards.filter(has_text="Origami Folding Later")
    day = start_dates["Origami Folding Later"]
    expect(later.locator(".starts")).to_have_text(f"Starts {day.strftime('%-d %b %Y')}")
    expect(later.locator(".starts time")).to_have_attribute("datetime", day.isoformat())
    page.locator("#facet-starts-this-month").click()
    expect(page).to_have_url(re.compile(r"starts=this-month"))
    expect(page.locator(".results .card-title")).to_have_text(["Origami Folding Today"])
    page.goto("/search?q=origami")
    page.locator("#facet-pace-self-paced").click()
    expect(page).to_have_url(re.compile(r"pace=self-paced"))
    expect(page.locator(".results .card-title")).to_have_text(["Origami Folding Any Time"])
    expect(page.locator(".results .card .pace")).to_have_text(["Self-paced"])
    page.locator(".results .card-title a").click()
    expect(page.locator("dl")).to_contain_text("Self-paced")


def test_compare_from_a_saved_list(page: Page, width: str) -> None:
    page.goto("/account/login")
    page.get_by_label("Email").fill(f"{width}@example.org")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/account"), timeout=30_000)
    page.goto("/search?q=origami+folding&sort=rating")
    cards = page.locator("ol.results article.card")
    expect(cards).to_have_count(5)
    saved: list[str] = []  # titles, in the order saved
    for n in range(3):
        card = cards.nth(n)
        saved.append(card.locator(".card-title a").inner_text())
        card.get_by_role("button", name=re.compile(r"^Save")).click()
        expect(card.get_by_role("status")).to_contain_text("Saved in Saved")
    page.goto("/account/lists")
    page.get_by_role("link", name="Saved").click()
    compare = page.locator("#compare-all")
    expect(compare).to_have_text("Compare all 3")
    compare.click()
    expect(page).to_have_url(re.compile(r"/compare\?ids=\d+,\d+,\d+$"))
    expect(page.locator(".compare thead th a")).to_have_text(saved)
    expect(page.locator(".compare tbody")).to_contain_text("Pace")


@pytest.mark.parametrize(
    "path", ["/search?q=python", "/topics/databases", "/careers/backend-engineer"]
)
def test_cards_show_pictures_from_this_host(page: Page, path: str) -> None:
    page.goto(path)
    first = page.locator("article.card").first
    picture = first.locator("img.card-picture")
    expect(picture).to_have_attribute("loading", "lazy")
    expect(picture).to_have_attribute("alt", "")
    picture.scroll_into_view_if_needed()
    wait_for_script(page, "img => img.complete && img.naturalWidth > 0", picture.element_handle())
    box = picture.bounding_box()
    assert box is not None and box["width"] > 0
    assert abs(box["width"] / box["height"] - 1.5) < 0.05  # the frame the width and height give
    src = picture.get_attribute("src") or ""
    assert re.fullmatch(r"/pictures/\d+", src), src
    title = first.locator(".card-title").inner_text()
    cover = page.request.get(src)
    assert cover.ok and f'aria-label="{title}"' in cover.text()
    # Beside the text on both widths: the picture never pushes the title down.
    heading = first.locator(".card-kind").bounding_box()
    assert heading is not None and box["y"] <= heading["y"] + heading["height"]
