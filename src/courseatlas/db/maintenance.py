"""Database upkeep that plain SQL cannot leave to the server's own schedule."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import text
from sqlalchemy.orm import Session


def refresh_statistics(session: Session, tables: Sequence[str]) -> None:
    """Let PostgreSQL's planner see tables that a bulk load is growing.

    Autovacuum analyses a fresh table only after a delay; until then the planner believes it
    is empty and answers a 1,000-key lookup with a sequential scan, which grows with the load.
    SQLite plans these lookups by index regardless.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    session.execute(text("ANALYZE " + ", ".join(f'"{name}"' for name in tables)))
    session.commit()
