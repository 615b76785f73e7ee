"""A small catalog with partners of every kind: active, inactive, and none."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import select

from courseatlas.catalog.models import Resource
from courseatlas.db.database import Database
from courseatlas.ingest.service import run_import
from courseatlas.referrals import partners
from tests.helpers import cli_environment, course, write_jsonl

TEMPLATE = "https://aff.example/deep?u={url_encoded}&sub={click_id}&r={resource_id}"


@dataclass(frozen=True)
class Shop:
    db: Database
    ids: dict[str, int]  # resource id by external id


@pytest.fixture
def shop(db: Database, tmp_path: Path) -> Shop:
    rows = [
        course(1, url="https://www.northbridge.example/c/sql?lang=en", provider="Northbridge"),
        course(2, url="https://mirror.example/c/pg", provider="Northbridge"),
        course(3, url="https://openlab.example/python", provider="Open Lab"),
        course(4, url="https://harbor.example/b/4", provider="Harbor"),
        course(5, url=None, provider="Open Lab"),
    ]
    run_import(db.sessions, [write_jsonl(tmp_path / "shop.jsonl", *rows)])
    with db.session() as session:
        partners.set_partner(session, "northbridge", TEMPLATE, ["northbridge.example"], True)
        partners.set_partner(session, "harbor", TEMPLATE, ["harbor.example"], False)
        ids = {r.external_id: r.id for r in session.scalars(select(Resource)) if r.external_id}
    return Shop(db, ids)


@pytest.fixture
def cli_env(db: Database) -> dict[str, str]:
    return cli_environment(db)
