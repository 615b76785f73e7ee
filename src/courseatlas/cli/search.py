"""``courseatlas reindex``: rebuild the search index beside the live one and swap it in."""

from __future__ import annotations

from courseatlas.cli.context import console, counting_progress, database
from courseatlas.migrations.prepare import prepare_database
from courseatlas.search.runtime import SearchRuntime


def reindex() -> None:
    """Build a fresh search index from the database; the live one serves until the swap."""
    db = database()
    prepare_database(db)
    runtime = SearchRuntime(db)
    with counting_progress("indexing") as progress:
        path = runtime.indexer.rebuild(progress)
    runtime.location.remove_others(keep=path)
    console.print(f"search index rebuilt: {runtime.document_count():,} documents in {path}")
    runtime.stop()


def sync_index() -> None:
    """Apply pending catalog changes to the index, unless a running server does it already."""
    runtime = SearchRuntime(database())
    applied = runtime.sync()
    runtime.stop()
    if applied:
        console.print(f"search index: {applied:,} changes applied")
