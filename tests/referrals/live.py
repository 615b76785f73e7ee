"""``courseatlas serve`` on a free port, on the test's database."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from tests.web.live import _wait_until_ready, free_port


@contextmanager
def served(env: dict[str, str]) -> Iterator[str]:
    """The server, stopped gracefully (SIGTERM) when the block ends."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "courseatlas", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_ready(url, server)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)
