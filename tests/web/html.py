"""Helpers for page tests: parse HTML and find what a learner or a crawler would read."""

from __future__ import annotations

import json
from typing import Any

from bs4 import BeautifulSoup
from fastapi.testclient import TestClient


def page(client: TestClient, url: str, status: int = 200) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code, response.text[:500])
    assert response.headers["content-type"].startswith("text/html")
    return BeautifulSoup(response.text, "html.parser")


def text_of(soup: BeautifulSoup, selector: str) -> str:
    found = soup.select_one(selector)
    assert found is not None, f"nothing matches {selector}"
    return " ".join(found.get_text(" ").split())


def structured_data(soup: BeautifulSoup) -> list[dict[str, Any]]:
    return [json.loads(s.string or "") for s in soup.select('script[type="application/ld+json"]')]


def link_hrefs(soup: BeautifulSoup, selector: str) -> list[str]:
    return [str(a["href"]) for a in soup.select(selector)]
