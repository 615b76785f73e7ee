"""Rank-aware touching of stored career matches: a change that shares words with a career but
could not enter what its matches were chosen from leaves them fresh (and they are what
computing them anew gives); one that could enter, or that was among them, touches them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from courseatlas.app import create_app
from courseatlas.careers.matches import compute, touch_changed
from courseatlas.careers.models import Career, CareerMatches, CareerMatchTerm
from courseatlas.careers.profiles import career_profile
from courseatlas.db.database import Database
from courseatlas.ingest.service import run_import
from courseatlas.search.runtime import SearchRuntime
from tests.helpers import course, own_demo_database, write_jsonl

NURSE = "registered-nurse"
BACKEND = "backend-engineer"
COURSES, BOOKS = 260, 150  # more than the pools the nurse's matches are chosen from
FOUNDATIONS = ("Pharmacology", "Anatomy", "Physiology", "Medical Terminology", "First Aid")


def _nursing(n: int, kind: str = "course", **fields: Any) -> dict[str, Any]:
    row = course(
        n,
        kind=kind,
        external_id=f"nursing-{kind}-{n}",
        url=f"https://nursing.example/{kind}/{n}",
        title=f"Nursing and Patient Care, part {n}",
        description="Clinical nursing practice for registered nurses: patient care on the ward.",
        skills=["Nursing", "Patient Care"],
        topics=["Health > Nursing"],
        rating=round(3.5 + (n % 15) / 10, 1),
        rating_count=20 + 7 * n,
        popularity=100 + 13 * n,
    )
    if kind == "book":  # on each of the nurse's foundations, so that searches find them all
        skill = FOUNDATIONS[n % len(FOUNDATIONS)]
        row.pop("provider")
        row.update(title=f"{skill} for Nurses, volume {n}", skills=[skill, "Nursing"])
        row["publisher"] = f"Ward Press {n % 9}"
    return {**row, **fields}


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def db(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Database]:
    database = own_demo_database(request, tmp_path_factory, "rank")
    folder = database.settings.data_dir
    rows = [_nursing(n) for n in range(COURSES)] + [_nursing(n, "book") for n in range(BOOKS)]
    run_import(database.sessions, [write_jsonl(folder / "nursing.jsonl", *rows)])
    yield database
    database.dispose()


@pytest.fixture(scope="module")
def client(db: Database) -> Iterator[TestClient]:
    with TestClient(create_app(db.settings, db)) as client:
        yield client


def _runtime(client: TestClient) -> SearchRuntime:
    runtime: SearchRuntime = client.app.state.search  # type: ignore[attr-defined]
    return runtime


def _row(db: Database, slug: str) -> CareerMatches:
    with db.session() as session:
        career_id = session.scalar(select(Career.id).where(Career.slug == slug))
        row = session.get(CareerMatches, career_id)
        assert row is not None
        return row


def _fresh(row: CareerMatches) -> bool:
    return row.computed_at is not None and row.computed_at >= row.touched_at


def _has_term(db: Database, slug: str, term: str) -> bool:
    with db.session() as session:
        found = session.scalar(
            select(CareerMatchTerm.term)
            .join(Career, Career.id == CareerMatchTerm.career_id)
            .where(Career.slug == slug, CareerMatchTerm.term == term)
        )
        return found is not None


def _computed_anew(db: Database, client: TestClient, slug: str) -> str:
    with db.session() as session:
        career = session.scalars(select(Career).where(Career.slug == slug)).one()
        _, computed = compute(session, _runtime(client), career_profile(session, career), None)
        return computed.payload


def _add(db: Database, client: TestClient, folder: Path, *rows: dict[str, Any]) -> None:
    run_import(db.sessions, [write_jsonl(folder / "change.jsonl", *rows)])
    assert _runtime(client).sync() == len(rows)


def _view(client: TestClient, slug: str) -> dict[str, Any]:
    response = client.get(f"/api/v1/careers/{slug}")
    assert response.status_code == 200
    page: dict[str, Any] = response.json()
    return page


def test_a_resource_that_cannot_enter_the_matches_leaves_them_fresh(
    client: TestClient, db: Database, tmp_path: Path
) -> None:
    page = _view(client, NURSE)
    row = _row(db, NURSE)
    assert _fresh(row) and row.cutoff is not None and row.cutoff > 0
    assert len(page["courses"]) == 12 and len(page["books"]) == 8
    # Shares the nurse's words (the old rule touched it), but mentions nursing only once,
    # in passing, with nothing else of the work: far below the weakest candidate kept.
    weak = course(
        9001,
        title="A volunteer's diary",
        description="Notes from a summer of volunteering; one afternoon beside a nursing team.",
        skills=[],
        topics=[],
        rating=3.1,
        rating_count=4,
    )
    _add(db, client, tmp_path, weak)
    assert _has_term(db, NURSE, "w:nurs")
    after = _row(db, NURSE)
    assert _fresh(after) and after.payload == row.payload
    # Left fresh rightly: computing them anew, from the index with the diary, gives the same.
    assert _computed_anew(db, client, NURSE) == row.payload
    assert "A volunteer's diary" not in after.payload


def test_a_resource_that_could_enter_the_matches_touches_them(
    client: TestClient, db: Database, tmp_path: Path
) -> None:
    _view(client, NURSE)
    assert _fresh(_row(db, NURSE))
    backend = _view(client, BACKEND)
    strong = _nursing(
        9002,
        title="Nursing Patient Care and Pharmacology Essentials",
        skills=["Nursing", "Patient Care", "Pharmacology"],
        rating=4.9,
        rating_count=60_000,
        popularity=900_000,
    )
    _add(db, client, tmp_path, strong)
    assert not _fresh(_row(db, NURSE))
    assert _fresh(_row(db, BACKEND)) and _view(client, BACKEND) == backend
    titles = [c["title"] for c in _view(client, NURSE)["courses"]]
    assert titles[0] == "Nursing Patient Care and Pharmacology Essentials"


def test_a_change_to_a_resource_among_the_candidates_touches_them(
    client: TestClient, db: Database, tmp_path: Path
) -> None:
    generated = "Nursing and Patient Care, part "
    courses = _view(client, NURSE)["courses"]
    shown = [c for c in courses if c["title"].startswith(generated)][-1]
    assert _fresh(_row(db, NURSE)) and _has_term(db, NURSE, f"r:{shown['id']}")
    # The same course (same source and external id), now rated lower: it may leave them.
    number = int(shown["title"].removeprefix(generated))
    _add(db, client, tmp_path, _nursing(number, rating=1.0))
    assert not _fresh(_row(db, NURSE))
    assert shown["id"] not in [c["id"] for c in _view(client, NURSE)["courses"]]


def test_deleting_a_candidate_touches_them_and_a_large_batch_touches_all(
    client: TestClient, db: Database
) -> None:
    runtime = _runtime(client)
    page = _view(client, NURSE)
    _view(client, BACKEND)
    assert touch_changed(db, [], [page["courses"][0]["id"]], runtime.floor() + 1) == 1
    assert not _fresh(_row(db, NURSE)) and _fresh(_row(db, BACKEND))
    assert touch_changed(db, [], list(range(1, 2000)), runtime.floor() + 2) >= 1
    assert not _fresh(_row(db, BACKEND))
