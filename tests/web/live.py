"""A real server for browser tests and screenshots: the demo catalog, served by uvicorn.

Also a stub provider site on another local port, so following an outbound link goes
somewhere real without leaving this machine.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from sqlalchemy import select

from courseatlas.catalog.models import Resource
from courseatlas.db.database import Database
from courseatlas.demo import load_demo
from courseatlas.ingest.service import run_import
from courseatlas.settings import Settings
from tests.helpers import course, write_jsonl

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
STUB_TITLE = "Stub Provider Course on Referral Links"
STUB_PAGE = b"<!doctype html><title>Stub provider</title><h1>Welcome to the stub provider</h1>"


@dataclass(frozen=True)
class LiveSite:
    url: str
    stub_url: str = ""  # where the stub resource's outbound link leads, when there is one
    stub_slug: str = ""


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless, driven by Playwright."""
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def wait_for_script(page: Page, function: str, arg: Any = None, timeout: float = 15) -> None:
    """Wait until ``function`` (JavaScript) returns true in ``page``. Playwright's own
    wait_for_function evaluates its predicate with eval() inside the page, which the site's
    CSP (script-src 'self') forbids; evaluate() calls through the DevTools protocol."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(function, arg):
        if time.monotonic() > deadline:
            raise TimeoutError(f"{function} stayed false for {timeout} s")
        time.sleep(0.05)


def require_chromium() -> None:
    """Browser tests need Debian's Chromium: missing, they fail under CI and skip elsewhere."""
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing: `make test` installs it"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class _StubProvider(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(STUB_PAGE)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def stub_provider() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), _StubProvider)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def add_stub_resource(data_dir: Path, stub_origin: str) -> str:
    """One course whose provider is the stub; returns its page slug."""
    database = Database(Settings(env="test", data_dir=data_dir))
    try:
        feed = write_jsonl(
            data_dir / "stub.jsonl",
            course(1, title=STUB_TITLE, url=f"{stub_origin}/courses/42", provider="Stub Provider"),
        )
        run_import(database.sessions, [feed])
        with database.session() as session:
            slug = session.scalars(select(Resource.slug).where(Resource.title == STUB_TITLE)).one()
    finally:
        database.dispose()
    return slug


@contextmanager
def live_site(
    data_dir: Path, with_stub: bool = True, extra: Sequence[dict[str, Any]] = ()
) -> Iterator[LiveSite]:
    """The demo catalog served on a free port; with the stub provider and its course, and
    ``extra`` canonical rows (dates relative to the day the tests run, say)."""
    database = Database(Settings(env="test", data_dir=data_dir))
    load_demo(database)
    if extra:
        run_import(database.sessions, [write_jsonl(data_dir / "extra.jsonl", *extra)])
    database.dispose()
    if not with_stub:
        with served_data_dir(data_dir) as url:
            yield LiveSite(url)
        return
    with stub_provider() as stub_origin:
        slug = add_stub_resource(data_dir, stub_origin)
        with served_data_dir(data_dir) as url:
            yield LiveSite(url, f"{stub_origin}/courses/42", slug)


@contextmanager
def served_data_dir(data_dir: Path) -> Iterator[str]:
    """The catalog of ``data_dir`` served on a free port; yields its URL."""
    env = {**os.environ, "COURSEATLAS_DATA_DIR": str(data_dir), "COURSEATLAS_ENV": "test"}
    with serving(env) as (url, _):
        yield url


@contextmanager
def serving(env: dict[str, str], workers: int = 1) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """``courseatlas serve`` on a free port with ``env``, once ready; stopped with SIGTERM at
    the end. Its output goes to a log, whose tail is printed when it or the test fails."""
    port = free_port()
    command = [sys.executable, "-m", "courseatlas", "serve", "--port", str(port)]
    command += ["--workers", str(workers)]
    log = Path(tempfile.mkdtemp(prefix="courseatlas-serve-")) / "serve.log"
    with log.open("wb") as output:
        server = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        try:
            _wait_until_ready(url, server, timeout=180)  # workers start slowly on a busy box
        except (RuntimeError, TimeoutError) as error:
            raise RuntimeError(f"{error}:\n{_tail(log)}") from error
        yield url, server
    except BaseException:  # the server's own account, beside the test's failure
        print(_tail(log), file=sys.stderr)
        raise
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(log.parent, ignore_errors=True)


def _tail(log: Path) -> str:
    return log.read_text(errors="replace")[-6000:]


def _wait_until_ready(url: str, server: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with {server.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/readyz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise TimeoutError(f"{url} did not become ready in {timeout} s")
