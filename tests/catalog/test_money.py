"""Prices in one display currency: the rates file, the conversion, and lists, filters and
sorts by price in the API and on the search page (SQLite and PostgreSQL)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from courseatlas.app import create_app
from courseatlas.catalog.money import Rates, convert
from courseatlas.db.database import Database
from courseatlas.ingest.changelog import SearchChange
from courseatlas.ingest.rates import bundled_rates, read_rates, store_rates
from courseatlas.ingest.service import run_import
from courseatlas.search.runtime import SearchRuntime
from tests.helpers import cli_environment, course, run_cli, write_jsonl

RATES = {"USD": Decimal("1.16"), "GBP": Decimal("0.88"), "INR": Decimal("103.5")}
# Shown in US dollars: INR 1000 = 11.21, EUR 10 = 11.60, USD 15, GBP 20 = 26.36.
PRICED = [
    ("Rupee course", {"price": 1000, "currency": "INR"}),
    ("Euro course", {"price": 10, "currency": "EUR"}),
    ("Dollar course", {"price": 15, "currency": "USD"}),
    ("Pound course", {"price": 20, "currency": "GBP"}),
    ("Free course", {"free": True}),
    ("Unpriced course", {}),
]


def test_conversion_goes_through_the_euro_and_rounds_to_the_cent() -> None:
    rates = Rates(RATES, "USD")
    assert convert(rates, Decimal(20), "GBP", "USD") == Decimal("26.36")
    assert convert(rates, Decimal(10), "EUR", "USD") == Decimal("11.60")
    assert convert(rates, Decimal(15), "USD", "USD") == Decimal(15)
    assert convert(rates, Decimal(15), "USD", "JPY") is None  # no rate: not guessed
    assert rates.to_display(Decimal(1000), "INR") == Decimal("11.21")


def test_the_bundled_rates_file_is_valid() -> None:
    found, problems = read_rates(*bundled_rates())
    assert problems == []
    assert found["EUR"] == 1
    assert {"USD", "GBP", "INR"} <= set(found)


@pytest.mark.parametrize(
    ("data", "line", "field", "reason"),
    [
        (b"", 0, "file", "empty"),
        (b"\xff\xfe rates", 0, "file", "not UTF-8"),
        (b"code,rate\nUSD,1.1\n", 1, "header", "expected currency,per_eur"),
        (b"currency,per_eur\n", 0, "file", "only its header"),
        (b"currency,per_eur\nUSD,1.1\nXYZ,2\n", 3, "currency", "unknown currency 'XYZ'"),
        (b"currency,per_eur\nUSD,1.1\nusd,1.2\n", 3, "currency", "USD is listed twice"),
        (b"currency,per_eur\nUSD,one\n", 2, "per_eur", "not a number: 'one'"),
        (b"currency,per_eur\nUSD,0\n", 2, "per_eur", "must be above 0"),
        (b"currency,per_eur\nUSD,-1.1\n", 2, "per_eur", "must be above 0"),
        (b"currency,per_eur\nUSD,NaN\n", 2, "per_eur", "must be above 0"),
        (b"currency,per_eur\nUSD,Infinity\n", 2, "per_eur", "must be above 0"),
        (b"currency,per_eur\nUSD,1e12\n", 2, "per_eur", "below"),
        (b"currency,per_eur\nEUR,1.2\n", 2, "per_eur", "EUR is the reference"),
        (b"currency,per_eur\nUSD,1.1,extra\n", 2, "row", "expected 2 fields"),
        (b"currency,per_eur\nUSD\n", 2, "row", "expected 2 fields"),
        (b"x" * 70_000, 0, "file", "larger than"),
    ],
)
def test_a_bad_rates_file_is_refused_whole_with_file_line_field_reason(
    data: bytes, line: int, field: str, reason: str
) -> None:
    found, problems = read_rates(data, "rates.csv")
    assert found == {}  # nothing of a file with a problem is used
    assert [(p.file, p.line, p.field) for p in problems] == [("rates.csv", line, field)]
    assert reason in problems[0].reason


def test_every_problem_of_a_file_is_reported() -> None:
    found, problems = read_rates(b"currency,per_eur\nUSD,x\nGBP,0.88\nABC,1\n\n", "r.csv")
    assert found == {}
    assert [(p.line, p.field) for p in problems] == [(2, "per_eur"), (4, "currency")]


@pytest.fixture
def priced(db: Database, tmp_path: Path) -> Database:
    rows = [
        course(n, title=title, provider=f"Provider {n}", skills=["Statistics"], **fields)
        for n, (title, fields) in enumerate(PRICED, start=1)
    ]
    run_import(db.sessions, [write_jsonl(tmp_path / "feed.jsonl", *rows)])
    with db.session() as session:
        store_rates(session, RATES)
    return db


def _search(client: TestClient, **params: object) -> list[tuple[str, dict[str, object]]]:
    response = client.get("/api/v1/search", params={"q": "course", **params})
    assert response.status_code == 200, response.text
    return [(r["title"], r["price"]) for r in response.json()["results"]]


def test_lists_show_prices_in_the_display_currency_and_keep_the_listed_one(
    priced: Database, client: TestClient
) -> None:
    prices = dict(_search(client))
    assert prices["Pound course"] == {
        "free": False,
        "amount": "26.36",
        "currency": "USD",
        "listed": {"amount": "20.00", "currency": "GBP"},
    }
    assert prices["Dollar course"] == {
        "free": False,
        "amount": "15.00",
        "currency": "USD",
        "listed": None,
    }
    assert {p["currency"] for p in prices.values() if p["amount"]} == {"USD"}
    page = client.get("/search", params={"q": "course"}).text
    assert "$26.36" in page and "£" not in page and "€" not in page


def test_the_resource_page_shows_the_listed_price_beside_the_converted_one(
    priced: Database, client: TestClient
) -> None:
    html = client.get("/courses/pound-course").text
    assert "$26.36" in html
    assert "listed as £20" in html


def test_sort_by_price_lowest_first_unknown_last(priced: Database, client: TestClient) -> None:
    titles = [title for title, _ in _search(client, sort="price")]
    assert titles == [
        "Free course",
        "Rupee course",
        "Euro course",
        "Dollar course",
        "Pound course",
        "Unpriced course",
    ]


def test_price_filter_is_in_the_display_currency(priced: Database, client: TestClient) -> None:
    under = [title for title, _ in _search(client, max_price=12, sort="price")]
    assert under == ["Free course", "Rupee course", "Euro course"]
    assert [t for t, _ in _search(client, max_price=12, price="paid", sort="price")] == [
        "Rupee course",
        "Euro course",
    ]
    # The limit is inclusive, to the cent.
    assert "Pound course" in dict(_search(client, max_price=26.36))
    assert "Pound course" not in dict(_search(client, max_price=26.35))


@pytest.mark.parametrize("bad", ["-1", "cheap", "nan", "2000000"])
def test_a_bad_price_filter_is_a_422(priced: Database, client: TestClient, bad: str) -> None:
    response = client.get("/api/v1/search", params={"q": "course", "max_price": bad})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")


def test_the_search_page_offers_price_bands_and_the_price_sort(
    priced: Database, client: TestClient
) -> None:
    page = client.get("/search", params={"q": "course"}).text
    assert 'href="/search?q=course&amp;max_price=20"' in page
    assert "Up to $20" in page and "Lowest price" in page
    filtered = client.get("/search", params={"q": "course", "max_price": "20"}).text
    assert "Budget: up to $20" in filtered  # the filter in force, as a link that removes it
    assert "Rupee course" in filtered and "Pound course" not in filtered


def test_new_rates_reprice_the_index(priced: Database, client: TestClient) -> None:
    with priced.session() as session:
        before = session.scalar(select(func.count()).select_from(SearchChange))
        change = store_rates(session, {**RATES, "GBP": Decimal("1.16")})  # 1 GBP = 1 USD
        after = session.scalar(select(func.count()).select_from(SearchChange))
    assert change.changed == ("GBP",)
    assert change.repriced == 1 == (after or 0) - (before or 0)  # the one course in pounds
    client.app.state.search.sync()  # type: ignore[attr-defined]
    assert dict(_search(client))["Pound course"]["amount"] == "20.00"
    assert "Pound course" in dict(_search(client, max_price=20))
    with priced.session() as session:  # the display currency's own rate: every price moves
        assert store_rates(session, {"USD": Decimal("1.2")}).repriced == 4


def test_another_display_currency_rebuilds_the_index_in_it(priced: Database) -> None:
    settings = priced.settings.model_copy(update={"display_currency": "EUR"})
    euros = Database(settings)
    try:
        with TestClient(create_app(settings, euros), raise_server_exceptions=False) as client:
            runtime: SearchRuntime = client.app.state.search  # type: ignore[attr-defined]
            runtime.wait_rebuilt(60)
            prices = dict(_search(client, sort="price"))
            assert prices["Pound course"]["amount"] == "22.73"  # 20 / 0.88
            assert prices["Euro course"]["listed"] is None
            under = [t for t, _ in _search(client, max_price=10, sort="price")]
            assert under == ["Free course", "Rupee course", "Euro course"]  # INR 1000 = 9.66
    finally:
        euros.dispose()


def test_cli_loads_rates_or_reports_each_problem(priced: Database, tmp_path: Path) -> None:
    env = cli_environment(priced)
    bad = tmp_path / "bad.csv"
    bad.write_text("currency,per_eur\nUSD,1.2\nGBP,zero\n", encoding="utf-8")
    result = run_cli(env, "rates", "load", str(bad))
    assert result.returncode == 1
    assert f"{bad}:3: per_eur: not a number: 'zero'" in result.stderr
    good = tmp_path / "good.csv"
    good.write_text("currency,per_eur\nUSD,1.2\nGBP,0.88\n", encoding="utf-8")
    result = run_cli(env, "rates", "load", str(good))
    assert result.returncode == 0, result.stderr
    assert "1 changed (USD)" in result.stderr
    shown = run_cli(env, "rates", "show")
    assert "USD" in shown.stderr and "1.2" in shown.stderr
    missing = run_cli(env, "rates", "load", str(tmp_path / "nowhere.csv"))
    assert missing.returncode != 0
