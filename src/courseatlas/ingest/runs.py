"""Import runs, of catalog feeds and of careers alike: started and committed at once (so a
failure is on record too), counted, with their problems, under ``/api/v1/imports``."""

from __future__ import annotations

import os
import socket
import traceback
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import structlog
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from courseatlas.db.base import utcnow
from courseatlas.ingest.lock import import_lock
from courseatlas.ingest.models import ImportRejection, ImportRun
from courseatlas.ingest.problems import Problem

CREATED, UPDATED, UNCHANGED, REJECTED = "created", "updated", "unchanged", "rejected"
REJECTED_FILES = "rejected_files"
WARNINGS = "warnings"  # rows stored without a bad optional value
log = structlog.get_logger(__name__)

# Each outcome counted in a run, and the run's column that keeps it.
COUNTERS = {
    CREATED: ImportRun.created,
    UPDATED: ImportRun.updated,
    UNCHANGED: ImportRun.unchanged,
    REJECTED: ImportRun.rejected,
    WARNINGS: ImportRun.warnings,
}
STALE_AFTER = timedelta(minutes=10)
KEPT_REJECTIONS = 1000


@dataclass
class ImportSummary:
    run_id: int
    status: str = "running"
    counts: Counter[str] = field(default_factory=Counter)
    # The first rejections, for the caller to show; all of them are stored with the run.
    rejections: list[ImportRejection] = field(default_factory=list)

    @property
    def stored(self) -> int:
        return self.counts[CREATED] + self.counts[UPDATED] + self.counts[UNCHANGED]

    @property
    def exit_code(self) -> int:
        """0: every row stored; 3: every row stored, some without a bad optional value;
        2: some rows rejected, the rest stored; 1: nothing imported."""
        return {"succeeded": 0, "warned": 3, "partial": 2}.get(self.status, 1)


class RunLog:
    """One import run in ``session``: the caller's work commits through ``commit``."""

    def __init__(self, session: Session, profile: str, paths: list[Path]) -> None:
        self.session = session
        self.summary = ImportSummary(start_run(session, profile, paths))

    @contextmanager
    def recording(self) -> Iterator[None]:
        """Work whose failure is rolled back and recorded with the run, then raised."""
        try:
            yield
        except BaseException as error:
            # Ctrl-C between a statement's execution and its cursor's closing leaves that
            # cursor alive in the traceback's frames, and SQLite's write lock with it.
            traceback.clear_frames(error.__traceback__)
            if isinstance(error, Exception):
                self.session.rollback()
            else:  # Interrupted, perhaps mid-command (a COPY): the connection is dropped.
                self.session.invalidate()
            self._count_what_is_stored()
            self.finish(error=f"{type(error).__name__}: {error}")
            raise

    def _count_what_is_stored(self) -> None:
        """After a failure, the run's counters as its last commit left them: what was counted
        since is rolled back (and Ctrl-C may land between a commit and its counting)."""
        row = self.session.execute(
            select(*COUNTERS.values()).where(ImportRun.id == self.summary.run_id)
        ).one()
        for outcome, stored in zip(COUNTERS, row, strict=True):
            self.summary.counts[outcome] = stored

    def count(self, outcome: str, n: int = 1) -> None:
        """Counted now, written to the run when it finishes."""
        self.summary.counts[outcome] += n

    def reject(self, problem: Problem, file: str = "") -> None:
        """Record a problem with the run, in the caller's transaction; ``file`` where the
        problem does not name one. ``count`` the rows."""
        rejection = ImportRejection(
            run_id=self.summary.run_id,
            file=(file or problem.file)[:1000],
            line=problem.line,
            field=problem.field[:100],
            reason=problem.reason[:1000],
            severity=problem.severity,
        )
        self.session.add(rejection)
        if len(self.summary.rejections) < KEPT_REJECTIONS:
            self.summary.rejections.append(rejection)

    def commit(self, counts: Counter[str]) -> None:
        """Commit the caller's work with ``counts`` added to the run's stored counters, so a
        crash leaves them true to what is stored."""
        self.session.execute(
            update(ImportRun)
            .where(ImportRun.id == self.summary.run_id)
            .values(
                {column: column + counts[outcome] for outcome, column in COUNTERS.items()}
                | {ImportRun.heartbeat_at: utcnow()}
            )
        )
        self.session.commit()
        self.summary.counts.update(counts)

    def finish(self, error: str | None = None) -> ImportSummary:
        """Record the outcome in the run's own transaction (the caller's work is committed)."""
        counts: Counter[str] = self.summary.counts
        self.summary.status = run_status(self.summary, error)
        self.session.execute(
            update(ImportRun)
            .where(ImportRun.id == self.summary.run_id)
            .values(
                {column: counts[outcome] for outcome, column in COUNTERS.items()}
                | {
                    ImportRun.status: self.summary.status,
                    ImportRun.error: error,
                    ImportRun.finished_at: utcnow(),
                    ImportRun.heartbeat_at: utcnow(),
                }
            )
        )
        self.session.commit()
        return self.summary


def start_run(session: Session, profile: str, paths: list[Path]) -> int:
    """A new import run, committed at once so that even a failure is on record."""
    _mark_interrupted_runs(session)
    run = ImportRun(
        profile=profile, files=[str(p) for p in paths], host=socket.gethostname(), pid=os.getpid()
    )
    session.add(run)
    session.commit()
    return run.id


def _mark_interrupted_runs(session: Session) -> None:
    """Runs left "running" by a process that died (killed, crashed, machine restarted)."""
    here = socket.gethostname()
    for run in session.scalars(select(ImportRun).where(ImportRun.status == "running")):
        stale = run.heartbeat_at < utcnow() - STALE_AFTER
        if stale or (run.host == here and run.pid is not None and not _alive(run.pid)):
            run.status = "interrupted"
            run.error = "the importing process stopped before the run finished"
    session.commit()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def run_status(summary: ImportSummary, error: str | None) -> str:
    """failed: nothing stored (or an error); partial: something rejected; warned: every row
    stored, some without a bad value; else succeeded."""
    if error is not None or summary.stored == 0:
        return "failed"
    errors = [r for r in summary.rejections if r.severity != "warning"]
    if summary.counts[REJECTED] or summary.counts[REJECTED_FILES] or errors:
        return "partial"
    return "warned" if summary.counts[WARNINGS] else "succeeded"


@contextmanager
def one_import_at_a_time(session: Session) -> Iterator[None]:
    """Waits while another import runs on this database (saying which), then holds the lock."""

    def waiting() -> None:
        running = session.execute(
            select(ImportRun.id, ImportRun.host, ImportRun.pid).where(ImportRun.status == "running")
        ).all()
        session.rollback()
        log.warning(
            "import_waiting",
            reason="another import is running on this database; this one starts when it ends",
            running=[f"run {id} (pid {pid} on {host})" for id, host, pid in running],
        )

    with import_lock(session.get_bind().engine, waiting):
        yield
