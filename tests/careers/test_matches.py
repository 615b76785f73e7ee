"""Stored career matches: computed once for every worker, touched only by changes that reach
them, computed in the background after a change."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, update

from courseatlas.app import create_app
from courseatlas.careers import stored
from courseatlas.careers.matches import Precompute, touch_changed
from courseatlas.careers.models import Career, CareerMatches, CareerMatchTerm
from courseatlas.careers.profiles import goal_profile
from courseatlas.careers.recognise import recognise
from courseatlas.db.database import Database
from courseatlas.ingest.service import run_import
from courseatlas.matching.service import find_matches, matched_resources
from courseatlas.search.runtime import SearchRuntime
from tests.helpers import course, own_demo_database, write_jsonl

BACKEND = "backend-engineer"
NURSE = "registered-nurse"


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def db(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Database]:
    """The demo catalog of this module's own, loaded once per database: its tests change it
    in ways that leave the others' assertions standing."""
    database = own_demo_database(request, tmp_path_factory, "matches")
    yield database
    database.dispose()


@pytest.fixture(scope="module")
def demo(db: Database) -> Iterator[TestClient]:
    with TestClient(create_app(db.settings, db), raise_server_exceptions=False) as client:
        yield client


def _row(db: Database, slug: str) -> CareerMatches | None:
    with db.session() as session:
        career_id = session.scalar(select(Career.id).where(Career.slug == slug))
        return session.get(CareerMatches, career_id)


def _terms(db: Database, slug: str) -> set[str]:
    with db.session() as session:
        return set(
            session.scalars(
                select(CareerMatchTerm.term)
                .join(Career, Career.id == CareerMatchTerm.career_id)
                .where(Career.slug == slug)
            )
        )


def _fresh(row: CareerMatches | None) -> bool:
    return row is not None and row.computed_at is not None and row.computed_at >= row.touched_at


def _runtime(client: TestClient) -> SearchRuntime:
    runtime: SearchRuntime = client.app.state.search  # type: ignore[attr-defined]
    return runtime


def test_a_first_view_stores_the_matches_that_other_workers_read(
    demo: TestClient, db: Database
) -> None:
    page = demo.get(f"/api/v1/careers/{BACKEND}").json()
    row = _row(db, BACKEND)
    assert row is not None and row.payload is not None and _fresh(row)
    assert row.computed_at == _runtime(demo).floor() > 0
    stored_matches = json.loads(row.payload)
    assert [c["id"] for c in stored_matches["courses"]] == [c["id"] for c in page["courses"]]
    terms = _terms(db, BACKEND)
    assert {"s:sql", "s:kubernetes", "t:databases", f"r:{page['courses'][0]['id']}"} <= terms
    # Another worker (its own process cache) serves what is stored, not its own computation.
    with db.session() as session:
        session.execute(
            update(CareerMatches)
            .where(CareerMatches.career_id == row.career_id)
            .values(payload=json.dumps({**stored_matches, "courses": []}))
        )
    with TestClient(create_app(db.settings, db)) as other:
        again = other.get(f"/api/v1/careers/{BACKEND}").json()
    assert again["courses"] == [] and again["books"] == page["books"]


def test_a_change_touches_only_the_careers_it_reaches(
    demo: TestClient, db: Database, tmp_path: Path
) -> None:
    for slug in (BACKEND, NURSE):
        assert demo.get(f"/api/v1/careers/{slug}").status_code == 200
    assert _fresh(_row(db, BACKEND)) and _fresh(_row(db, NURSE))
    feed = write_jsonl(
        tmp_path / "new.jsonl",
        course(1, title="Kubernetes in production", skills=["Kubernetes"], topics=[]),
    )
    run_import(db.sessions, [feed])
    assert _runtime(demo).sync() == 1
    touched, untouched = _row(db, BACKEND), _row(db, NURSE)
    assert touched is not None and not _fresh(touched)
    assert _fresh(untouched)
    # The next view computes them again, from an index that has the new course.
    page = demo.get(f"/api/v1/careers/{BACKEND}").json()
    assert _fresh(_row(db, BACKEND)) and page["slug"] == BACKEND


def test_a_goal_naming_one_career_is_answered_from_its_stored_ranking(
    demo: TestClient, db: Database
) -> None:
    page = demo.get(f"/api/v1/careers/{NURSE}").json()
    row = _row(db, NURSE)
    assert _fresh(row) and row is not None and row.ranked is not None
    answer = demo.get("/api/v1/match", params={"goal": "registered nurse"}).json()
    assert [c["slug"] for c in answer["careers"]] == [NURSE] and answer["skills"] == []
    # What matching computes for the goal, nothing stored read.
    with db.session() as session:
        recognised = recognise(session, "registered nurse")
        profile = goal_profile(session, recognised, "registered nurse")
        matches = find_matches(session, _runtime(demo), profile)
        computed = matched_resources(session, matches, matches.top(20))
    assert answer["results"] == [r.model_dump(mode="json") for r in computed]
    assert {c["id"] for c in page["courses"]} & {r["id"] for r in answer["results"]}
    # Read from the store: a stored ranking emptied empties the answer (another limit: not
    # the answer remembered).
    with db.session() as session:
        session.execute(
            update(CareerMatches)
            .where(CareerMatches.career_id == row.career_id)
            .values(ranked=json.dumps({"complete": True, "candidates": []}))
        )
    emptied = demo.get("/api/v1/match", params={"goal": "registered nurse", "limit": 19})
    assert emptied.status_code == 200 and emptied.json()["results"] == []


def test_precompute_matches_every_career_and_a_deleted_match_touches_its_careers(
    demo: TestClient, db: Database
) -> None:
    runtime = _runtime(demo)
    precompute = Precompute(db, runtime, lambda: None)
    with db.session() as session:
        careers = len(list(session.scalars(select(Career.id))))
        stored.add_missing(session)
        stale = stored.stale_count(session)
    assert 0 < stale <= careers  # The other tests stored a few.
    assert precompute.run() == stale
    with db.session() as session:
        assert stored.stale_count(session) == 0
    assert precompute.run() == 0  # Nothing is computed twice.
    page = demo.get(f"/api/v1/careers/{NURSE}").json()
    assert _fresh(_row(db, NURSE))
    # A change the index has not applied yet, deleting a resource the page shows.
    assert touch_changed(db, [], [page["courses"][0]["id"]], runtime.floor() + 1) >= 1
    assert not _fresh(_row(db, NURSE))
    assert precompute.run() == 0  # Left until this process's index reaches that change.


def test_a_worker_showing_another_currency_does_not_serve_matches_priced_in_the_first(
    demo: TestClient, db: Database, tmp_path: Path
) -> None:
    """Stored matches hold their cards' prices: after the display currency changes they are
    computed again in it, though no resource changed."""

    def currencies(page: dict[str, Any]) -> set[str]:
        cards = page["courses"] + page["books"]
        return {c["price"]["currency"] for c in cards if c["price"]["amount"] is not None}

    in_dollars = demo.get(f"/api/v1/careers/{BACKEND}").json()
    assert currencies(in_dollars) == {"USD"}
    settings = db.settings.model_copy(
        update={
            "display_currency": "EUR",
            "data_dir": tmp_path,  # an index of its own, in euros
            "database_url": db.settings.sqlalchemy_url,
        }
    )
    euros = Database(settings)
    try:
        with TestClient(create_app(settings, euros)) as other:
            runtime: SearchRuntime = other.app.state.search  # type: ignore[attr-defined]
            runtime.sync()
            in_euros = other.get(f"/api/v1/careers/{BACKEND}").json()
    finally:
        euros.dispose()
    assert currencies(in_euros) == {"EUR"}
    assert [c["id"] for c in in_euros["courses"]] == [c["id"] for c in in_dollars["courses"]]
    assert currencies(demo.get(f"/api/v1/careers/{BACKEND}").json()) == {"USD"}
