"""courseatlas as ``courseatlas serve --workers 1`` runs it, plus one bare endpoint.

    .venv/bin/python bench/bare_app.py PORT BODY_FILE

``GET /bench/bare`` answers the bytes of ``BODY_FILE`` (a search answer saved after start-up;
read at the first request) through every middleware of the real application (sessions,
limits, gzip, security headers, request ids), with no work of its own: the floor under any
answer of that size on this stack.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

import uvicorn
from fastapi import FastAPI, Response
from fastapi.routing import APIRoute

from courseatlas.app import create_app as create_courseatlas
from courseatlas.cli.context import database
from courseatlas.cli.server import GRACEFUL_SECONDS
from courseatlas.http.limits import server_options
from courseatlas.migrations.prepare import prepare_database

BODY_FILE = "BENCH_BARE_BODY"


def create_app() -> FastAPI:
    app = create_courseatlas()
    body = Path(os.environ[BODY_FILE])

    @cache
    def read() -> bytes:
        return body.read_bytes()

    async def bare() -> Response:
        return Response(read(), media_type="application/json")

    # First, so that no route of the site's (a catch-all page) answers it instead.
    app.router.routes.insert(0, APIRoute("/bench/bare", bare, methods=["GET"]))
    return app


if __name__ == "__main__":
    port, body_file = int(sys.argv[1]), sys.argv[2]
    os.environ[BODY_FILE] = body_file
    prepare_database(database())  # as `courseatlas serve` does
    uvicorn.run(
        "bare_app:create_app",
        factory=True,
        port=port,
        workers=1,
        log_config=None,
        access_log=False,
        proxy_headers=False,
        timeout_graceful_shutdown=GRACEFUL_SECONDS,
        **server_options(),
    )
