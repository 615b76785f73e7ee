"""``courseatlas serve`` and ``courseatlas demo``."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
import uvicorn

from courseatlas.cli.context import console, database, settings
from courseatlas.http.limits import server_options
from courseatlas.http.metrics import MULTIPROCESS_DIR
from courseatlas.migrations.prepare import prepare_database

Host = Annotated[str, typer.Option(help="Interface to listen on.")]
Port = Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")]
GRACEFUL_SECONDS = 30  # for requests in flight at shutdown; longer ones are cut
# The supervisor kills a worker that does not answer its ping in time. The answer needs the
# GIL, which a worker busy with many searches on a loaded box may not give within uvicorn's
# default 5 s: under load, healthy workers were killed every few seconds, and two workers
# served less than one. A dead worker is still replaced at once (its process is gone).
HEALTHCHECK_SECONDS = 60
Workers = Annotated[int, typer.Option(min=1, help="Worker processes.")]


def serve(host: Host = "127.0.0.1", port: Port = 8000, workers: Workers = 1) -> None:
    """Serve the web site and the JSON API.

    With ``--workers N`` a supervisor runs N worker processes on one socket, replaces any
    that dies, and on SIGTERM or Ctrl-C lets each finish its requests in flight and its
    shutdown (the search writer closes cleanly) before it exits.
    """
    prepare_database(database())
    settings()
    console.print(f"serving on http://{host}:{port} with {workers} worker(s)")
    with _metrics_folder(workers):
        _run(host, port, workers)


def _run(host: str, port: int, workers: int) -> None:
    uvicorn.run(
        "courseatlas.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_config=None,  # the application routes uvicorn's log records through structlog
        access_log=False,  # the request middleware logs each request, with its id
        proxy_headers=False,  # the application believes only COURSEATLAS_TRUSTED_PROXIES
        timeout_graceful_shutdown=GRACEFUL_SECONDS,
        **server_options(),
        timeout_worker_healthcheck=HEALTHCHECK_SECONDS,
    )


@contextmanager
def _metrics_folder(workers: int) -> Iterator[None]:
    """Where several workers keep the metrics that a scrape sums: the operator's
    PROMETHEUS_MULTIPROC_DIR, emptied (counts of an earlier run must not add up), or a fresh
    folder removed at exit. The workers inherit the setting."""
    if workers == 1:
        yield
        return
    given = os.environ.get(MULTIPROCESS_DIR)
    folder = Path(given) if given else Path(tempfile.mkdtemp(prefix="courseatlas-metrics-"))
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.db"):
        stale.unlink()
    os.environ[MULTIPROCESS_DIR] = str(folder)
    try:
        yield
    finally:
        if not given:
            shutil.rmtree(folder, ignore_errors=True)


def demo(host: Host = "127.0.0.1", port: Port = 8000, workers: Workers = 1) -> None:
    """Migrate, load the bundled demo catalog, and serve it."""
    from courseatlas.demo import load_demo

    summary = load_demo(database())
    console.print(
        f"demo catalog: {summary.counts['created']} created, "
        f"{summary.counts['updated']} updated, {summary.counts['unchanged']} unchanged"
    )
    if settings().semantic:  # A few seconds for the demo catalog, then matching uses them.
        from courseatlas.cli.semantic import embed

        embed()
    serve(host=host, port=port, workers=workers)
