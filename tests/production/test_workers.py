"""``courseatlas serve --workers N``: a supervisor that replaces a dead worker and shuts down
gracefully."""

from __future__ import annotations

import fcntl
import http.client
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from courseatlas.db.database import Database
from courseatlas.ingest.service import run_import
from courseatlas.migrations.prepare import prepare_database
from courseatlas.settings import Settings
from tests.helpers import course, write_jsonl
from tests.production.servers import cli, environment, get_json
from tests.web.live import serving

pytestmark = pytest.mark.slow


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == pid and stat[0] != "Z":
                found.add(int(entry.name))
    return found


def _workers(pid: int, expected: int, timeout: float = 60) -> set[int]:
    """The worker processes, once ``expected`` of them run (uvicorn also starts a helper
    process for multiprocessing's resource tracking, which answers no requests)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        workers = {c for c in _children(pid) if b"multiprocessing.spawn" in _cmdline(c)}
        if len(workers) == expected:
            return workers
        time.sleep(0.1)
    raise TimeoutError(f"{expected} workers did not appear")


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


@pytest.fixture
def catalog(tmp_path: Path) -> dict[str, str]:
    database = Database(Settings(env="test", data_dir=tmp_path))
    prepare_database(database)
    feed = write_jsonl(tmp_path / "a.jsonl", *(course(n, title=f"Gondola {n}") for n in range(40)))
    run_import(database.sessions, [feed])
    database.dispose()
    return environment(data_dir=str(tmp_path), env="test", rate_limit_api="0")


def test_a_killed_worker_is_replaced(catalog: dict[str, str]) -> None:
    with serving(catalog, workers=2) as (base, server):
        before = _workers(server.pid, 2)
        victim = min(before)
        os.kill(victim, signal.SIGKILL)
        deadline = time.monotonic() + 60
        after = before
        while time.monotonic() < deadline and (victim in after or len(after) != 2):
            time.sleep(0.2)
            after = _workers(server.pid, 2, timeout=60)
        assert victim not in after and len(after) == 2
        # Both workers answer: ask enough times that each gets some of the requests. A
        # worker that follows the index sees the writer's first commit at its next sync
        # (search_sync_seconds): the killed one may have been the writer.
        for n in range(20):
            url = f"{base}/api/v1/search?q=gondola&page={n + 1}&per_page=2"
            deadline = time.monotonic() + 10
            while (answer := _total(url)) != (200, 40) and time.monotonic() < deadline:
                time.sleep(0.2)
            assert answer == (200, 40)


def _total(url: str) -> tuple[int, object]:
    status, page = get_json(url)
    return status, page.get("total") if isinstance(page, dict) else page


def test_sigterm_lets_requests_in_flight_finish(catalog: dict[str, str], tmp_path: Path) -> None:
    answers: list[int] = []
    failures: list[str] = []
    with serving(catalog, workers=2) as (base, server):
        stop = threading.Event()

        def ask(worker: int) -> None:
            n = 0
            while not stop.is_set():
                n += 1
                try:
                    status, _ = get_json(f"{base}/api/v1/search?q=gondola+{worker}x{n}")
                    answers.append(status)
                except OSError as error:  # refused once the socket is closed: expected
                    failures.append(type(error).__name__)
                    return

        askers = [threading.Thread(target=ask, args=(i,)) for i in range(4)]
        for asker in askers:
            asker.start()
        time.sleep(1)
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=60) == 0
        stop.set()
        for asker in askers:
            asker.join()
    assert answers and set(answers) == {200}
    # The workers closed the search writer and released its lock on the way out.
    with (tmp_path / "search" / "writer.lock").open("ab") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)


def test_the_indexer_service_follows_the_change_log(
    catalog: dict[str, str], tmp_path: Path
) -> None:
    """``courseatlas follow`` holds the writer lock and applies imports; SIGTERM stops it."""
    indexer = subprocess.Popen(
        [sys.executable, "-m", "courseatlas", "follow"],
        env=catalog,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        current = tmp_path / "search" / "CURRENT"
        deadline = time.monotonic() + 60
        while not current.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        feed = write_jsonl(tmp_path / "more.jsonl", course(100, title="Gondola Extra"))
        assert cli(catalog, "import", str(feed)).returncode == 0
        applied = tmp_path / "search" / current.read_text().strip() / "applied.json"
        deadline = time.monotonic() + 30
        while json.loads(applied.read_text())["floor"] < 41 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert json.loads(applied.read_text())["floor"] == 41  # 40 at start, then the import
    finally:
        indexer.send_signal(signal.SIGTERM)
        assert indexer.wait(timeout=30) == 0


def test_metrics_sum_every_worker(catalog: dict[str, str], tmp_path: Path) -> None:
    """Each worker counts into the multiprocess folder; a scrape answered by either worker
    reports the requests of both. Counts of an earlier run are wiped at start."""
    folder = tmp_path / "metrics"
    folder.mkdir()
    (folder / "counter_999999.db").write_bytes(b"left by an earlier run")
    with serving({**catalog, "PROMETHEUS_MULTIPROC_DIR": str(folder)}, workers=2) as (base, server):
        workers = _workers(server.pid, 2)
        port = int(base.rsplit(":", 1)[1])
        by_worker = _connection_per_worker(port, workers)
        for n, connection in enumerate(by_worker.values()):
            for i in range(3 + n):  # 3 on one worker, 4 on the other
                assert _get(connection, f"/api/v1/search?q=gondola+{n}x{i}")[0] == 200
            # A worker counts a request once it has answered; the next one on the same
            # connection starts after that.
            assert _get(connection, "/healthz")[0] == 200
        pattern = re.compile(
            r'^courseatlas_http_requests_total\{method="GET",route="/api/v1/search",'
            r'status="200"\} (\S+)$',
            re.M,
        )
        for connection in by_worker.values():  # each worker answers one scrape
            status, body = _get(connection, "/metrics")
            connection.close()
            assert status == 200 and float(pattern.findall(body)[0]) == 7
    assert not (folder / "counter_999999.db").exists()


def _get(connection: http.client.HTTPConnection, path: str) -> tuple[int, str]:
    connection.request("GET", path)
    response = connection.getresponse()
    return response.status, response.read().decode()


def _connection_per_worker(port: int, workers: set[int]) -> dict[int, http.client.HTTPConnection]:
    """Kept-alive connections until each worker holds one (found from /proc: the worker
    with the socket whose peer is the connection's own port)."""
    found: dict[int, http.client.HTTPConnection] = {}
    spare: list[http.client.HTTPConnection] = []
    for _ in range(200):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        assert _get(connection, "/healthz")[0] == 200
        owner = _owner(connection.sock.getsockname()[1], port, workers)
        if owner is None or owner in found:
            spare.append(connection)
        else:
            found[owner] = connection
        if len(found) == len(workers):
            break
    for connection in spare:
        connection.close()
    assert len(found) == len(workers), "the connections all went to one worker"
    return found


def _owner(client_port: int, server_port: int, workers: set[int]) -> int | None:
    wanted = f":{server_port:04X}", f":{client_port:04X}"
    inode = None
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if fields[1].endswith(wanted[0]) and fields[2].endswith(wanted[1]):
            inode = fields[9]
    for pid in workers:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                if os.readlink(fd) == f"socket:[{inode}]":
                    return pid
            except OSError:
                continue
    return None
