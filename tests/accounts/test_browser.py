"""A newcomer in Debian's Chromium against the real server: sign up, save from a result card
(htmx, no reload), make the list public, and open its share link signed out."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from courseatlas.accounts.mail import readable
from tests.web.live import LiveSite, live_site
from tests.web.test_browser import Problems

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveSite, Path]]:
    folder = tmp_path_factory.mktemp("live-accounts")
    with live_site(folder, with_stub=False) as running:
        yield running, folder


def _tab(browser: Browser, site: LiveSite, problems: Problems) -> Page:
    context = browser.new_context(base_url=site.url, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    tab.on("console", problems.console)
    tab.on("pageerror", lambda error: problems.found.append(f"page error: {error}"))
    tab.on("request", lambda request: problems.request(request.url))
    return tab


def test_sign_up_save_share_and_open_the_link_signed_out(
    browser: Browser, served: tuple[LiveSite, Path]
) -> None:
    site, folder = served
    problems = Problems(site)
    page = _tab(browser, site, problems)

    page.goto("/")
    page.get_by_role("link", name="Sign in").click()
    page.get_by_role("link", name="Create an account").click()
    page.get_by_label("Email").fill("newcomer@example.org")
    page.get_by_label("Password").fill("my own long passphrase")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible(timeout=30_000)

    (message,) = sorted((folder / "outbox").glob("*.eml"))
    link = re.search(r"http://[^\s]+/account/confirm\?token=[\w-]+", readable(message.read_text()))
    assert link is not None
    page.goto(link.group(0))
    page.get_by_label("Password").fill("my own long passphrase")
    page.get_by_role("button", name="Confirm and sign in").click()
    # argon2 runs twice on the way (sign-up, confirmation): slow on a loaded machine.
    page.wait_for_url(re.compile(r"/account\?welcome=1$"), timeout=30_000)
    expect(page.get_by_role("status")).to_contain_text("Your address is confirmed")

    page.goto("/search?q=python")
    first_card = page.locator("ol.results article.card").first
    title = first_card.locator(".card-title a").inner_text()
    url_before = page.url
    first_card.get_by_role("button", name=re.compile(r"^Save")).click()
    expect(first_card.get_by_role("status")).to_contain_text("Saved in Saved")
    assert page.url == url_before  # htmx swapped the button: no reload

    page.get_by_role("link", name="Your lists").click()
    page.get_by_role("link", name="Saved").click()
    expect(page.get_by_role("link", name=title, exact=True)).to_be_visible()
    page.get_by_role("button", name="Make public and get a share link").click()
    share_url = page.get_by_label("Share link").input_value()
    assert re.fullmatch(rf"{re.escape(site.url)}/lists/[\w-]{{22}}", share_url)

    stranger = _tab(browser, site, problems)
    stranger.goto(share_url)
    expect(stranger.get_by_role("heading", name="Saved", exact=True)).to_be_visible()
    expect(stranger.get_by_role("link", name=title, exact=True)).to_be_visible()
    expect(stranger.get_by_role("link", name="Sign in")).to_be_visible()  # signed out
    assert problems.found == []
