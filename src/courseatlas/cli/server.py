"""``courseatlas serve`` and ``courseatlas demo``."""

from __future__ import annotations

from typing import Annotated

import typer
import uvicorn

from courseatlas.cli.context import console, database, settings
from courseatlas.web.limits import server_options

Host = Annotated[str, typer.Option(help="Interface to listen on.")]
Port = Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")]
Workers = Annotated[int, typer.Option(min=1, help="Worker processes.")]


def serve(host: Host = "127.0.0.1", port: Port = 8000, workers: Workers = 1) -> None:
    """Serve the web site and the JSON API."""
    database().upgrade()
    settings()
    console.print(f"serving on http://{host}:{port}")
    uvicorn.run(
        "courseatlas.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        proxy_headers=True,
        **server_options(),
    )


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
