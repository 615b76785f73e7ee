"""Two imports at once on one database, as two real processes: both complete."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from courseatlas.catalog.models import Provider, Resource, Skill
from courseatlas.db.database import Database
from courseatlas.ingest.lock import import_lock
from courseatlas.migrations.prepare import prepare_database
from tests.helpers import course, write_jsonl

ROWS = 1500
pytestmark = pytest.mark.slow  # two real importing processes per test


def _feeds(tmp_path: Path) -> list[Path]:
    """Two feeds sharing half their resources, and all their providers, skills and topics."""
    feeds = []
    for n, start in enumerate((0, ROWS // 2)):
        rows = [
            course(
                i,
                provider=f"Provider {i % 7}",
                skills=[f"Skill {i % 50}", "Python"],
                topics=[f"Area {i % 5} > Part {i % 11}"],
            )
            for i in range(start, start + ROWS)
        ]
        feeds.append(write_jsonl(tmp_path / f"feed{n}.jsonl", *rows))
    return feeds


def _start(db: Database, feed: Path, log: Path) -> subprocess.Popen[bytes]:
    environment = {
        **os.environ,
        "COURSEATLAS_DATA_DIR": str(db.settings.data_dir),
        "COURSEATLAS_DATABASE_URL": db.settings.database_url,
    }
    command = [sys.executable, "-m", "courseatlas", "import", "--batch-size", "100", str(feed)]
    with log.open("wb") as out:
        return subprocess.Popen(command, env=environment, stdout=out, stderr=subprocess.STDOUT)


def _wait_for(text: str, log: Path, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while text not in log.read_text() and process.poll() is None:
        assert time.monotonic() < deadline, log.read_text()
        time.sleep(0.05)


def _check(db: Database, processes: list[subprocess.Popen[bytes]], logs: list[Path]) -> None:
    for process, log in zip(processes, logs, strict=True):
        assert process.wait(timeout=300) == 0, log.read_text()
        assert "Traceback" not in log.read_text()
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Resource)) == ROWS * 3 // 2
        assert session.scalar(select(func.count()).select_from(Provider)) == 7
        names = set(session.scalars(select(Skill.name)))
        assert {f"Skill {i}" for i in range(50)} <= names


def test_two_imports_at_once_both_complete(db: Database, tmp_path: Path) -> None:
    prepare_database(db)
    logs = [tmp_path / "a.log", tmp_path / "b.log"]
    processes = [_start(db, feed, log) for feed, log in zip(_feeds(tmp_path), logs, strict=True)]
    _check(db, processes, logs)


def test_the_second_import_waits_and_says_so(db: Database, tmp_path: Path) -> None:
    prepare_database(db)
    logs = [tmp_path / "a.log", tmp_path / "b.log"]
    with import_lock(db.engine, on_wait=lambda: None):  # An import already running.
        processes = [
            _start(db, feed, log) for feed, log in zip(_feeds(tmp_path), logs, strict=True)
        ]
        for process, log in zip(processes, logs, strict=True):
            _wait_for("import_waiting", log, process)
            assert "another import is running on this database" in log.read_text()
            assert process.poll() is None
    _check(db, processes, logs)
