"""Live links against a local stub server: outcomes, dead after two failures over a day,
left out of search by default, flagged on the page, listed in the report."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from courseatlas.catalog.links import LinkState
from courseatlas.catalog.models import Resource
from courseatlas.db.database import Database
from courseatlas.ingest.service import run_import
from courseatlas.referrals import linkstates, partners
from courseatlas.referrals.links import CheckOptions, Outcome, check
from courseatlas.referrals.linkstates import CheckSummary
from tests.helpers import course, write_jsonl
from tests.referrals.stub import Seen, stub_server

OPTIONS = CheckOptions(concurrency=4, timeout=0.5, host_interval=0.0)
PATHS = ("ok", "moved", "missing", "gone", "slow", "reset", "loop")


@pytest.fixture(scope="module")
def stub() -> Iterator[tuple[str, Seen]]:
    with stub_server() as running:
        yield running


def _outcomes(
    base: str, paths: tuple[str, ...] = PATHS, options: CheckOptions = OPTIONS
) -> dict[str, Outcome]:
    targets = [(n, f"{base}/{path}") for n, path in enumerate(paths)]
    found = asyncio.run(check(targets, options))
    return {path: outcome for path, outcome in zip(paths, found, strict=True)}


def test_what_each_answer_means(stub: tuple[str, Seen]) -> None:
    base, seen = stub
    found = _outcomes(base)
    assert (found["ok"].ok, found["ok"].status, found["ok"].final_url) == (True, 200, f"{base}/ok")
    assert (found["moved"].ok, found["moved"].status) == (True, 200)
    assert found["moved"].final_url == f"{base}/ok?from=moved"
    assert (found["missing"].ok, found["missing"].status) == (False, 404)
    assert (found["gone"].ok, found["gone"].status) == (False, 410)
    assert (found["slow"].ok, found["slow"].error) == (False, "timeout")
    assert not found["reset"].ok
    assert found["reset"].status is None
    assert "ReadError" in str(found["reset"].error) or "RemoteProtocolError" in str(
        found["reset"].error
    )
    assert (found["loop"].ok, found["loop"].error) == (False, "too many redirects")
    assert seen.agents
    assert all(agent.startswith("courseatlas-linkcheck/") for agent in seen.agents)


def test_concurrency_is_bounded(stub: tuple[str, Seen]) -> None:
    base, seen = stub
    seen.most_in_flight = 0
    _outcomes(base, ("hold",) * 8, replace(OPTIONS, concurrency=2))
    assert 1 <= seen.most_in_flight <= 2


def test_a_refused_connection_is_a_failure() -> None:
    with stub_server() as (base, _seen):
        pass  # stopped: its port now refuses
    found = _outcomes(base, ("ok",))
    assert not found["ok"].ok
    assert found["ok"].error


@pytest.fixture
def linked(db: Database, tmp_path: Path, stub: tuple[str, Seen]) -> dict[str, int]:
    base, _ = stub
    rows = [
        course(1, title="Pottery glazes", url=f"{base}/gone", provider="Northbridge"),
        course(2, title="Pottery wheels", url=f"{base}/ok", provider="Northbridge"),
        course(3, title="Pottery kilns", url=f"{base}/missing", provider="Open Lab"),
    ]
    run_import(db.sessions, [write_jsonl(tmp_path / "links.jsonl", *rows)])
    with db.session() as session:
        partners.set_partner(
            session, "northbridge", "https://aff.example/?u={url_encoded}", ["127.0.0.1"], True
        )
        return {r.title: r.id for r in session.scalars(select(Resource))}


def _check_at(db: Database, hours_later: float) -> CheckSummary:
    """One real check of every link, recorded as if made ``hours_later``."""
    with db.session() as session:
        targets = linkstates.due(session, None)
    outcomes = asyncio.run(check(targets, OPTIONS))
    shifted = [replace(o, checked_at=o.checked_at + timedelta(hours=hours_later)) for o in outcomes]
    summary = CheckSummary()
    with db.session() as session:
        linkstates.store(session, shifted, summary)
    return summary


def _dead(db: Database) -> set[str]:
    with db.session() as session:
        return set(
            session.scalars(select(Resource.title).join(LinkState).where(LinkState.dead.is_(True)))
        )


def _titles(client: TestClient, **params: str) -> set[str]:
    client.app.state.search.sync()  # type: ignore[attr-defined]
    body = client.get("/api/v1/search", params={"q": "pottery", **params}).json()
    return {r["title"] for r in body["results"]}


def test_dead_after_two_failures_over_a_day(
    db: Database, linked: dict[str, int], client: TestClient
) -> None:
    assert _check_at(db, 0).failed == 2
    assert _check_at(db, 2).dead == 0  # twice in a row, but within two hours
    assert _dead(db) == set()
    summary = _check_at(db, 25)
    assert (summary.checked, summary.ok, summary.failed, summary.dead) == (3, 1, 2, 2)
    assert _dead(db) == {"Pottery glazes", "Pottery kilns"}
    with db.session() as session:
        state = session.get(LinkState, linked["Pottery glazes"])
        assert state is not None
        assert (state.failures, state.status) == (3, 410)

    assert _titles(client) == {"Pottery wheels"}
    assert _titles(client, dead_links="true") == {
        "Pottery glazes",
        "Pottery wheels",
        "Pottery kilns",
    }

    page = client.get(f"/courses/{_slug(db, linked['Pottery glazes'])}").text
    assert "this link may be broken (checked" in page
    assert (
        "this link may be broken"
        not in client.get(f"/courses/{_slug(db, linked['Pottery wheels'])}").text
    )

    with db.session() as session:
        dead = linkstates.dead_links(session)
    assert [(d["partner"], d["title"], d["answer"]) for d in dead] == [
        ("northbridge", "Pottery glazes", "410"),
        (None, "Pottery kilns", "404"),
    ]


def test_a_good_answer_brings_a_link_back(
    db: Database, linked: dict[str, int], client: TestClient
) -> None:
    _check_at(db, 0)
    _check_at(db, 25)
    assert "Pottery kilns" in _dead(db)
    with db.session() as session:
        session.get(Resource, linked["Pottery kilns"]).url = session.get(
            Resource, linked["Pottery wheels"]
        ).url  # type: ignore[union-attr]
    # Its URL changed: the old state no longer applies, before any check.
    with db.session() as session:
        assert [d["title"] for d in linkstates.dead_links(session)] == ["Pottery glazes"]
    summary = _check_at(db, 26)
    assert summary.revived == 0  # the new URL was never dead
    assert _dead(db) == {"Pottery glazes"}


def test_the_cli_checks_with_bounded_concurrency(
    db: Database, linked: dict[str, int], cli_env: dict[str, str]
) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "courseatlas", "links", "check", "--concurrency", "3"],
        env={
            **cli_env,
            "COURSEATLAS_LINK_CHECK_TIMEOUT": "0.5",
            "COURSEATLAS_LINK_CHECK_HOST_INTERVAL": "0",
        },
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "3 checked, 1 ok, 2 failed; 0 dead" in done.stderr
    with db.session() as session:
        assert {s.status for s in session.scalars(select(LinkState))} == {200, 404, 410}


def _slug(db: Database, resource_id: int) -> str:
    with db.session() as session:
        found = session.get(Resource, resource_id)
        assert found is not None
        return found.slug
