"""``courseatlas pictures``: fetch the feeds' pictures, and list those that were refused."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from courseatlas.cli.context import console, counting_progress, prepared_database
from courseatlas.images import repository
from courseatlas.images.service import fetch_pictures

app = typer.Typer(
    help="Pictures of courses and books, served from this host.", no_args_is_help=True
)


@app.command("fetch")
def fetch(
    limit: Annotated[int | None, typer.Option(min=1, help="Fetch at most this many.")] = None,
) -> None:
    """Fetch each feed picture not fetched yet (or whose URL changed), resize it, store it in
    the data directory. A bad answer is recorded with its reason; the resource keeps its
    generated cover. Exit 0 even then: `pictures rejected` lists them."""
    db = prepared_database()
    with counting_progress("fetching pictures") as progress:
        summary = fetch_pictures(db, limit=limit, progress=progress)
    console.print(f"pictures: {summary.stored:,} stored, {summary.rejected:,} rejected")


@app.command("rejected")
def rejected() -> None:
    """The pictures refused, each with its resource id, URL and reason."""
    db = prepared_database()
    with db.session() as session:
        found = repository.rejections(session)
    out = Console()
    for item in found:
        out.print(f"{item.resource_id}\t{item.source_url}\t{item.reason}", markup=False)
