"""``courseatlas reindex``: rebuild the search index beside the live one and swap it in."""

from __future__ import annotations

from courseatlas.careers.matches import Precompute, follow_changes
from courseatlas.cli.context import (
    console,
    counting_progress,
    database,
    prepared_database,
    settings,
)
from courseatlas.collector import tune_collector
from courseatlas.db.redis_client import SharedRedis
from courseatlas.search.runtime import SearchRuntime
from courseatlas.semantic.meaning import MeaningOnFirstUse


def reindex() -> None:
    """Build a fresh search index from the database; the live one serves until the swap."""
    db = prepared_database()
    runtime = SearchRuntime(db, SharedRedis(settings().redis_url, db))
    follow_changes(runtime)
    tune_collector()
    with counting_progress("indexing") as progress:
        path = runtime.indexer.rebuild(progress)
    runtime.location.remove_others(keep=path)
    runtime.announce()
    console.print(f"search index rebuilt: {runtime.document_count():,} documents in {path}")
    runtime.stop()


def sync_index(runtime: SearchRuntime | None = None) -> None:
    """Apply pending catalog changes to the index, unless a running server does it already;
    either way, tell running servers (through Redis, when configured) to look now."""
    runtime = runtime or index_runtime()
    applied = runtime.sync()
    if not applied:
        runtime.announce()
    runtime.stop()
    if applied:
        console.print(f"search index: {applied:,} changes applied")


def index_runtime() -> SearchRuntime:
    """This data dir's search index, touching stored career matches as it applies changes."""
    db = database()
    runtime = SearchRuntime(db, SharedRedis(settings().redis_url, db))
    follow_changes(runtime)
    return runtime


def follow() -> None:
    """Keep this data dir's index following the change log until stopped: the indexer
    service, so that web workers only ever reload."""
    import signal
    import threading

    db = prepared_database()
    runtime = SearchRuntime(db, SharedRedis(settings().redis_url, db))
    semantic = MeaningOnFirstUse(db)
    precompute = Precompute(db, runtime, lambda: semantic.meaning)
    precompute.follow()
    stopped = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stopped.set())
    runtime.sync()
    runtime.start(settings().search_sync_seconds or 1.0)
    precompute.start()
    console.print(f"following the change log into {runtime.engine.path}")
    stopped.wait()
    precompute.stop()
    runtime.stop()
