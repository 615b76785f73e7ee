"""A career's learning path end to end (SQLite and PostgreSQL): the guide's prerequisites
order it, each step says why, and its totals are in the display currency."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from courseatlas.careers.importers import import_guides
from courseatlas.db.database import Database
from courseatlas.ingest.service import run_import
from tests.helpers import course, write_jsonl

GUIDE = """---
title: Beekeeper
slug: beekeeper
field: Agriculture
summary: Keeps bees and sells their honey.
skills:
  - {name: Beekeeping, weight: 1.0, after: [Botany]}
  - {name: Botany, weight: 0.8}
  - {name: Marketing, weight: 0.6, after: [Beekeeping]}
---

## Overview

Bees.
"""


@pytest.fixture
def beekeeper(db: Database, client: TestClient, tmp_path: Path) -> TestClient:
    rows = [
        course(
            1,
            title="Beekeeping Masterclass",
            level="beginner",
            skills=["Beekeeping"],
            price=40,
            currency="GBP",
            duration_hours=10,
            rating=4.8,
            rating_count=2000,
        ),
        course(
            2,
            title="Plants for Pollinators",
            level="advanced",
            skills=["Botany"],
            price=20,
            currency="USD",
            duration_hours=4,
        ),
        course(
            3, title="Beekeeping on a Budget", level="beginner", skills=["Beekeeping"], free=True
        ),
        course(
            4,
            title="Honey Marketing",
            level="beginner",
            skills=["Marketing"],
            free=True,
            duration_hours=2,
        ),
        course(5, title="A Mystery", description="Mentions botany and beekeeping in passing."),
    ]
    run_import(db.sessions, [write_jsonl(tmp_path / "feed.jsonl", *rows)])
    (tmp_path / "guides").mkdir()
    (tmp_path / "guides" / "beekeeper.md").write_text(GUIDE)
    import_guides(db.sessions, [tmp_path / "guides"])
    client.app.state.search.sync()  # type: ignore[attr-defined]
    return client


def test_the_guide_orders_the_path_and_every_step_says_why(beekeeper: TestClient) -> None:
    path = beekeeper.get("/api/v1/careers/beekeeper").json()["learning_path"]
    steps = [(s["resource"]["title"], s["covers"], s["after"]) for s in path["steps"]]
    # Botany first although its course is advanced: beekeeping builds on it, as the guide says.
    assert steps == [
        ("Plants for Pollinators", ["Botany"], []),
        ("Beekeeping Masterclass", ["Beekeeping"], [1]),
        ("Honey Marketing", ["Marketing"], [2]),
    ]
    why = [s["why"] for s in path["steps"]]
    assert why[0] == "A foundation, so it comes early: Beekeeping (step 2) builds on Botany."
    assert why[1] == (
        "After step 1, “Plants for Pollinators”, teaches Botany, which Beekeeping builds on "
        "(the guide says so)."
    )
    assert "A Mystery" not in str(path)  # a mention in a description teaches nothing


def test_totals_are_in_one_currency_with_free_alternatives(beekeeper: TestClient) -> None:
    path = beekeeper.get("/api/v1/careers/beekeeper").json()["learning_path"]
    assert path["cost"] == {"currency": "USD", "amount": "72.73"}  # GBP 40 = 52.73, + 20
    assert path["free_steps"] == 1 and path["steps_without_price"] == 0
    assert path["total_hours"] == 16
    masterclass = path["steps"][1]
    assert masterclass["resource"]["price"]["listed"] == {"amount": "40.00", "currency": "GBP"}
    assert masterclass["free_alternative"]["title"] == "Beekeeping on a Budget"
    assert path["steps"][0]["free_alternative"] is None  # no free botany course
    assert path["uncovered"] == []
    html = beekeeper.get("/careers/beekeeper").text
    assert "the others cost $72.73 in all" in html
    assert "Free instead: <a" in html and "Beekeeping on a Budget" in html
    assert "which Beekeeping builds on (the guide says so)" in html
