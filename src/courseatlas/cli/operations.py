"""``courseatlas export``, ``backup``, ``restore`` and ``stats``: what operators run."""

from __future__ import annotations

from courseatlas.cli.context import console, database
from courseatlas.exports.service import write_export


def export() -> None:
    """Write the whole catalog as JSON Lines (gzip) into <data dir>/exports, served at /exports/."""
    db = database()
    db.upgrade()
    path, count = write_export(db)
    console.print(f"exported {count:,} resources to {path}")
