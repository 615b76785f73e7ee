"""Alembic migrations (dated file names, batch mode on SQLite)."""
