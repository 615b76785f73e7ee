"""A database made ready to serve: the latest schema, and the bundled vocabularies loaded."""

from __future__ import annotations

from courseatlas.catalog.names import Vocabulary
from courseatlas.db import migrate
from courseatlas.db.database import Database


def prepare_database(database: Database) -> None:
    """Migrate to the latest schema and load the bundled skills (idempotent)."""
    migrate.upgrade(database.engine)
    with database.session() as session:
        Vocabulary(session).ensure_seed_skills()
