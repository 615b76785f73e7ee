"""``courseatlas db``: schema migrations."""

from __future__ import annotations

import typer

from courseatlas.cli.context import console, prepared_database

app = typer.Typer(help="Database schema commands.", no_args_is_help=True)


@app.command("upgrade")
def upgrade() -> None:
    """Migrate the database (SQLite or PostgreSQL) to the latest schema."""
    db = prepared_database()
    console.print(f"database at [bold]{db.engine.url.render_as_string()}[/] is up to date")
