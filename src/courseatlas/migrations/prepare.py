"""A database made ready to serve: the latest schema, its namespace, and the bundled vocabularies
and rates loaded."""

from __future__ import annotations

from courseatlas.catalog.names import Vocabulary
from courseatlas.db import migrate
from courseatlas.db.database import Database
from courseatlas.db.instance import namespace_of
from courseatlas.ingest.rates import ensure_default_rates


def prepare_database(database: Database) -> None:
    """Migrate to the latest schema, give the database its namespace, and load the bundled
    skills and, into an empty table, the bundled exchange rates (idempotent)."""
    migrate.upgrade(database.engine)
    namespace_of(database)  # made here, so that serving only ever reads it
    with database.session() as session:
        Vocabulary(session).ensure_seed_skills()
        ensure_default_rates(session)
