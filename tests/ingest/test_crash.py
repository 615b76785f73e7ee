"""A ``kill -9`` in the middle of an import leaves a consistent catalog; the next run completes it."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

from courseatlas.catalog.models import Resource, ResourceContribution, ResourceSkill
from courseatlas.db.database import Database
from courseatlas.demo import load_demo
from courseatlas.ingest.changelog import SearchChange
from courseatlas.ingest.models import ImportRun
from courseatlas.search.runtime import SearchRuntime
from tests.helpers import course, database_ids, indexed_ids, write_jsonl

ROWS = 30_000


def _cli_env(db: Database) -> dict[str, str]:
    env = dict(os.environ)
    env["COURSEATLAS_DATA_DIR"] = str(db.settings.data_dir)
    env["COURSEATLAS_DATABASE_URL"] = db.settings.database_url
    return env


def _created_so_far(db: Database) -> int:
    with db.session() as session:
        return session.scalar(select(func.coalesce(func.sum(ImportRun.created), 0))) or 0


def _count(db: Database, what: object) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(what)) or 0  # type: ignore[arg-type]


def _large_import(tmp_path: Path, rows: int = ROWS) -> list[str]:
    """The command importing a file big enough for validation and the index to run in
    processes of their own."""
    filler = "A practical course. " * 20
    feed = write_jsonl(
        tmp_path / "feed.jsonl", *(course(n, description=filler) for n in range(rows))
    )
    return [sys.executable, "-m", "courseatlas", "import", str(feed), "--batch-size", "250"]


def _started(command: list[str], db: Database, output: Path) -> subprocess.Popen[bytes]:
    """The command running in a session of its own, what it prints going to ``output``."""
    with output.open("wb") as printed:
        return subprocess.Popen(
            command,
            env=_cli_env(db),
            start_new_session=True,
            stdout=printed,
            stderr=subprocess.STDOUT,
        )


def _wait_until(process: subprocess.Popen[bytes], done: Callable[[], bool], output: Path) -> None:
    deadline = time.monotonic() + 120
    while not done():
        ended = process.poll()
        assert ended is None, f"the import ended ({ended}) first:\n{output.read_text()[-3000:]}"
        assert time.monotonic() < deadline
        time.sleep(0.05)


@pytest.mark.slow
def test_kill_9_mid_import_then_rerun_completes(db: Database, tmp_path: Path) -> None:
    command = _large_import(tmp_path)
    output = tmp_path / "import.out"
    process = _started(command, db, output)
    _wait_until(process, lambda: _created_so_far(db) >= 2_000, output)
    os.killpg(process.pid, signal.SIGKILL)  # the importer and its validation process
    process.wait()

    stored = _count(db, Resource)
    assert 0 < stored < ROWS
    assert _count(db, ResourceContribution) == stored
    assert _count(db, ResourceSkill) == stored  # one skill each: no half-written batch
    with db.session() as session:
        changed = session.scalar(select(func.count(func.distinct(SearchChange.resource_id))))
        assert changed == stored  # every stored resource is announced to the indexer

    search = SearchRuntime(db)
    search.sync()  # the index catches up with whatever the killed run committed
    assert indexed_ids(search) == database_ids(db)
    search.stop()

    rerun = subprocess.run(command, env=_cli_env(db), capture_output=True, text=True, check=False)
    assert rerun.returncode == 0, rerun.stderr
    assert _count(db, Resource) == ROWS
    search = SearchRuntime(db)
    assert search.lag() == 0  # the importer brought the index up to date itself
    assert indexed_ids(search) == database_ids(db)
    search.stop()
    with db.session() as session:
        runs = session.scalars(select(ImportRun).order_by(ImportRun.id)).all()
    killed, finished = runs
    assert killed.status == "interrupted"
    assert finished.status == "succeeded"
    assert finished.unchanged == stored
    assert finished.created == ROWS - stored


def _index_follower_writing(db: Database, stored: int) -> bool:
    """Whether ``stored`` resources are in and another process holds the index's writer
    lock: the import's index follower, applying them (it commits every BULK_COMMIT changes,
    so searchers may not see them yet). Taken for a moment when free: the follower tries
    again at its next cycle."""
    if _count(db, Resource) < stored:
        return False
    search = SearchRuntime(db)
    try:
        return not search.location.try_lock_writer()
    finally:
        search.stop()  # and lets go of the lock, if it took it


@pytest.mark.slow
def test_the_index_follower_lets_go_when_the_importer_is_killed(
    db: Database, tmp_path: Path
) -> None:
    """A large import's index follows it in a process of its own, and its rows are validated
    in another: killed with the importer alone, neither may live on (the follower holding
    the index's writer lock, the validation process waiting to hand over its next batch)."""
    output = tmp_path / "import.out"
    process = _started(_large_import(tmp_path), db, output)
    try:
        _wait_until(process, lambda: _index_follower_writing(db, ROWS // 10), output)
        os.kill(process.pid, signal.SIGKILL)  # the importer only, not its helpers
        process.wait()

        search = SearchRuntime(db)
        deadline = time.monotonic() + 30
        while not search.location.try_lock_writer():
            assert time.monotonic() < deadline, "the index follower still holds the writer lock"
            time.sleep(0.2)
        search.sync()  # the writer now: the index catches up with what the killed run stored
        assert indexed_ids(search) == database_ids(db)
        search.stop()
        deadline = time.monotonic() + 15
        while left := _living_in_group(process.pid):
            assert time.monotonic() < deadline, f"still running after the importer: {left}"
            time.sleep(0.2)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)


def _living_in_group(group: int) -> list[str]:
    """The command lines of the group's processes that still run (not zombies)."""
    living = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            state, _, pgrp = stat.read_text().rsplit(")", 1)[1].split()[:3]
            if int(pgrp) == group and state != "Z":
                living.append(stat.with_name("cmdline").read_text().replace("\0", " ")[:120])
    return living


@pytest.mark.slow
def test_ctrl_c_mid_import_stops_at_once_and_records_the_run(db: Database, tmp_path: Path) -> None:
    """Ctrl-C reaches the importer and its helper processes together: none may wait on
    another's database lock, and the run is recorded as stopped, not left running. The
    demo's careers give the index follower stored matches to mark stale as it goes."""
    load_demo(db)
    before = _count(db, Resource)
    # Twice the rows: under load, the Ctrl-C must still come well before the storing ends.
    output = tmp_path / "import.out"
    process = _started(_large_import(tmp_path, rows=2 * ROWS), db, output)
    try:
        _wait_until(process, lambda: _index_follower_writing(db, before + ROWS // 10), output)
        os.killpg(process.pid, signal.SIGINT)
        returncode = process.wait(timeout=8)  # under the database's 10 s busy timeout
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    assert returncode == 130, output.read_text()[-3000:]
    with db.session() as session:
        run = session.scalars(select(ImportRun).order_by(ImportRun.id.desc())).first()
    assert run is not None
    assert run.status == "failed"
    assert run.error is not None and "KeyboardInterrupt" in run.error
    assert run.finished_at is not None
    assert run.created == _count(db, Resource) - before > 0  # its counters true to what is stored
