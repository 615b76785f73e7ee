"""The resource_credits migration fills the credits of the resources already stored."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import text

from courseatlas.db.engine import make_engine
from courseatlas.db.migrate import upgrade
from courseatlas.settings import Settings

BEFORE = "4a7e2c9d1f03"


def test_the_migration_credits_existing_resources(empty_settings: Settings) -> None:
    engine = make_engine(empty_settings)
    upgrade(engine, BEFORE)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO resources (id, kind, slug, identity_key, title, content_hash,"
                " instructors, authors, institution, created_at, updated_at)"
                " VALUES (1, 'course', 'c', 'src:t:1', 'C', 'h', :instructors, '[]',"
                " 'Brightwater State University', :now, :now)"
            ),
            {
                "instructors": json.dumps(["Ada Lovelace", "Ada  Lovelace", "王小明"]),
                "now": datetime(2026, 1, 1, tzinfo=UTC),
            },
        )
    upgrade(engine)
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT role, slug, name FROM resource_credits ORDER BY role, slug")
        ).all()
    engine.dispose()
    assert [tuple(row) for row in rows] == [
        ("institution", "brightwater-state-university", "Brightwater State University"),
        ("instructor", "ada-lovelace", "Ada Lovelace"),
        (rows[2].role, rows[2].slug, "王小明"),
    ]
    assert rows[2].slug.startswith("n-")
