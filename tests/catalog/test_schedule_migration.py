"""The migration that adds pace and start dates keeps every row of the catalog and of the
tables that refer to it, and refuses a pace it does not know, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from courseatlas.db.engine import make_engine
from courseatlas.db.migrate import upgrade
from courseatlas.settings import Settings

BEFORE = "9d3f1c2a6e58"


def test_the_migration_keeps_resources_and_what_refers_to_them(empty_settings: Settings) -> None:
    engine = make_engine(empty_settings)
    upgrade(engine, BEFORE)
    now = datetime(2026, 1, 1, tzinfo=UTC)
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO resources (id, kind, slug, identity_key, title, content_hash,"
                " instructors, authors, created_at, updated_at)"
                " VALUES (1, 'course', 'c', 'src:t:1', 'C', 'h', '[]', '[]', :now, :now)"
            ),
            {"now": now},
        )
        connection.execute(text("INSERT INTO skills (id, slug, name) VALUES (1, 'sql', 'SQL')"))
        connection.execute(
            text("INSERT INTO resource_skills (resource_id, skill_id, weight) VALUES (1, 1, 1)")
        )
    upgrade(engine)
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE resources SET pace = 'scheduled', starts_on = '2027-01-11' WHERE id = 1")
        )
        row = connection.execute(text("SELECT pace, starts_on FROM resources")).one()
        kept = connection.execute(text("SELECT count(*) FROM resource_skills")).scalar()
    assert (row.pace, str(row.starts_on)) == ("scheduled", "2027-01-11") and kept == 1
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(text("UPDATE resources SET pace = 'whenever' WHERE id = 1"))
    engine.dispose()
