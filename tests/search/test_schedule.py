"""Pace and start dates, where feeds give them: stored, indexed, filtered and faceted, shown
on cards and resource pages, on SQLite and PostgreSQL. Dates are relative to the day the
tests run, as the filter's are."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from courseatlas.catalog.bands import month_starts, utc_today
from courseatlas.db.database import Database
from courseatlas.ingest.service import run_import
from tests.helpers import cli_environment, course, run_cli, write_jsonl
from tests.web.html import page, text_of


@pytest.fixture
def start_dates() -> dict[str, date]:
    """Start dates from the day the test runs (not the day the tests were collected, which
    may be the day before)."""
    today = utc_today()
    next_month, month_after = month_starts(today)
    return {
        "Origami today": today,
        "Origami next month": next_month,
        "Origami later": month_after + timedelta(days=10),
        "Origami started": today - timedelta(days=1),
    }


@pytest.fixture
def origami(db: Database, tmp_path: Path, start_dates: dict[str, date]) -> Database:
    rows = [
        course(n, title=title, pace="Instructor-led", starts_on=day.isoformat())
        for n, (title, day) in enumerate(start_dates.items(), 1)
    ]
    rows.append(course(5, title="Origami any time", pace="Self-paced on your time"))
    rows.append(course(6, title="Origami unknown pace"))
    run_import(db.sessions, [write_jsonl(tmp_path / "origami.jsonl", *rows)])
    return db


def _search(client: TestClient, **params: Any) -> dict[str, Any]:
    response = client.get("/api/v1/search", params={"q": "origami", **params})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _titles(body: dict[str, Any]) -> set[str]:
    return {r["title"] for r in body["results"]}


@pytest.mark.usefixtures("origami")
def test_start_filters_keep_the_courses_that_start_then(client: TestClient) -> None:
    assert _titles(_search(client, starts="this-month")) == {"Origami today"}
    assert _titles(_search(client, starts="next-month")) == {"Origami next month"}
    assert _titles(_search(client, starts="upcoming")) == {
        "Origami today",
        "Origami next month",
        "Origami later",
    }
    facet = _search(client)["facets"]["starts"]
    assert [(v["value"], v["label"], v["count"]) for v in facet] == [
        ("this-month", "Starts this month", 1),
        ("next-month", "Starts next month", 1),
        ("upcoming", "Any upcoming start", 3),
    ]


@pytest.mark.usefixtures("origami")
def test_the_pace_filter_and_its_facet(client: TestClient, start_dates: dict[str, date]) -> None:
    assert _titles(_search(client, pace="self-paced")) == {"Origami any time"}
    scheduled = _search(client, pace="scheduled")
    assert _titles(scheduled) == set(start_dates)
    # Disjunctive: the pace facet still counts both values while one is selected.
    assert {v["value"]: v["count"] for v in scheduled["facets"]["pace"]} == {
        "self-paced": 1,
        "scheduled": 4,
    }
    one = next(r for r in scheduled["results"] if r["title"] == "Origami today")
    assert (one["pace"], one["starts_on"]) == (
        "scheduled",
        start_dates["Origami today"].isoformat(),
    )


def test_facets_appear_only_when_results_carry_them(client: TestClient, db: Database) -> None:
    run_import(db.sessions, [write_jsonl(db.settings.data_dir / "plain.jsonl", course(1))])
    facets = client.get("/api/v1/search", params={"q": "course"}).json()["facets"]
    assert facets["pace"] == [] and facets["starts"] == []
    soup = page(client, "/search?q=course")
    assert soup.select_one("#facet-pace-title") is None
    assert soup.select_one("#facet-starts-title") is None


@pytest.mark.parametrize("params", [{"pace": "fast"}, {"starts": "soon"}, {"starts": "2027-01-01"}])
def test_bad_pace_or_start_values_are_422(client: TestClient, params: dict[str, str]) -> None:
    response = client.get("/api/v1/search", params=params)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert [e["field"] for e in response.json()["errors"]] == list(params)
    assert page(client, "/search?" + "&".join(f"{k}={v}" for k, v in params.items()), 422)


@pytest.mark.usefixtures("origami")
def test_cards_and_resource_pages_show_pace_and_start(
    client: TestClient, start_dates: dict[str, date]
) -> None:
    soup = page(client, "/search?q=origami&pace=scheduled")
    assert text_of(soup, "#facet-pace-title") == "Pace"
    assert text_of(soup, ".selected-filters").startswith("Pace: Scheduled")
    card = next(
        c for c in soup.select(".results .card") if text_of(c, ".card-title") == "Origami later"
    )
    later = start_dates["Origami later"]
    assert text_of(card, ".pace") == "Scheduled"
    assert text_of(card, ".starts") == f"Starts {later.strftime('%-d %b %Y')}"
    assert card.select_one(".starts time")["datetime"] == later.isoformat()
    started = page(client, "/courses/origami-started")
    facts = text_of(started, "dl")
    yesterday = start_dates["Origami started"].strftime("%-d %B %Y")
    assert "Pace Scheduled" in facts and f"Start date Started {yesterday}" in facts
    starts = page(client, "/search?q=origami&starts=upcoming")
    assert text_of(starts, ".selected-filters").startswith("Start date: Any upcoming start")
    assert len(starts.select(".results .card")) == 3


def test_bad_values_are_warnings_with_file_line_and_field(db: Database, tmp_path: Path) -> None:
    feed = write_jsonl(
        tmp_path / "bad.jsonl",
        course(1, pace="whenever"),
        course(2, starts_on="next tuesday"),
        course(3, starts_on=f"{utc_today().year + 9}-01-01"),
    )
    result = run_cli(cli_environment(db), "import", str(feed))
    assert result.returncode == 3, result.stderr
    assert (
        f"WARNING: {feed}:1: pace: unknown pace 'whenever' (use self-paced or scheduled); "
        "stored without it" in result.stderr
    )
    assert f"WARNING: {feed}:2: starts_on: expected a date like 2024-05-31" in result.stderr
    assert f"WARNING: {feed}:3: starts_on: a start date more than 5 years ahead" in result.stderr
