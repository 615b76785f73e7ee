"""``courseatlas embed``: compute the embeddings of resources that have none or an outdated one."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from courseatlas.cli.context import console, counting_progress, prepared_database
from courseatlas.semantic.encoder import load_model
from courseatlas.semantic.models import EMBED_BATCH

MISSING_EXTRA = "the semantic extra is not installed: pip install 'courseatlas[semantic]'"


def embed(
    batch_size: Annotated[
        int, typer.Option(min=1, max=16384, help="Resources embedded (and committed) together.")
    ] = EMBED_BATCH,
) -> None:
    """Embed new and changed resources for semantic matching; an interrupted run resumes."""
    model = load_model()
    if model is None:
        console.print(f"[red]error:[/] {escape(MISSING_EXTRA)}", highlight=False)
        raise typer.Exit(1)
    from courseatlas.semantic.store import embed_pending  # needs numpy, from the same extra

    db = prepared_database()
    with counting_progress("embedding") as progress:
        embedded = embed_pending(db, model, batch_size=batch_size, progress=progress)
    db.dispose()
    console.print(f"embeddings: {embedded:,} resources embedded")
