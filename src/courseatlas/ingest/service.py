"""Import runs: stream each file through its profile, validate, and upsert batch by batch.

Every batch is one transaction holding its resources, their change-log entries, its rejected
rows and the run's counters, so a crash at any point leaves a consistent catalog and the next
run finishes the work (rows already stored count as unchanged). Large files are read and
validated in a second process while this one writes (``producer.py``).
"""

from __future__ import annotations

import os
import socket
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import structlog
from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from courseatlas.db.base import utcnow
from courseatlas.db.maintenance import refresh_statistics
from courseatlas.ingest.models import ImportRejection, ImportRun
from courseatlas.ingest.problems import Problem
from courseatlas.ingest.producer import Produced, batches
from courseatlas.ingest.profiles import get_profile
from courseatlas.ingest.profiles.base import Profile
from courseatlas.ingest.store import CREATED, UNCHANGED, UPDATED, CatalogWriter
from courseatlas.ingest.validate import PreparedBatch

log = structlog.get_logger(__name__)

STALE_AFTER = timedelta(minutes=10)
KEPT_REJECTIONS = 1000
IMPORT_TABLES = ("resources", "resource_contributions", "resource_skills", "resource_topics")

# Called with (file name, bytes read, file size) as a file is read.
ProgressCallback = Callable[[str, int, int], None]


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
        """0: every row stored; 2: some rows rejected, the rest stored; 1: nothing imported."""
        return {"succeeded": 0, "partial": 2}.get(self.status, 1)


def run_import(
    factory: sessionmaker[Session],
    paths: Iterable[Path],
    profile_name: str = "canonical",
    batch_size: int = 1000,
    progress: ProgressCallback | None = None,
) -> ImportSummary:
    profile = get_profile(profile_name)
    paths = list(paths)
    with factory() as session:
        summary = ImportSummary(start_run(session, profile.name, paths))
        log.info("import_started", run_id=summary.run_id, profile=profile.name, files=len(paths))
        try:
            for path in paths:
                job = _FileImport(session, summary, profile, path)
                job.run(batches(path, profile.name, batch_size), progress)
        except BaseException as error:
            session.rollback()
            _finish_run(session, summary, error=f"{type(error).__name__}: {error}")
            raise
        _finish_run(session, summary)
    log.info("import_finished", run_id=summary.run_id, status=summary.status, **summary.counts)
    return summary


class _FileImport:
    def __init__(
        self,
        session: Session,
        summary: ImportSummary,
        profile: Profile,
        path: Path,
    ) -> None:
        self.session = session
        self.summary = summary
        self.profile = profile
        self.path = path
        self.batches = 0
        self.writer = CatalogWriter(
            session, feed=f"{profile.name}:{path.name}", run_id=summary.run_id
        )

    def run(self, source: Iterator[Produced], progress: ProgressCallback | None) -> None:
        """Write each prepared batch as it comes; the next is being prepared meanwhile."""
        for produced in source:
            self._commit(produced.batch)
            if progress is not None:
                progress(self.path.name, produced.bytes_read, produced.bytes_total)

    def _commit(self, batch: PreparedBatch) -> None:
        counts = self.writer.write(batch.rows) if batch.rows else Counter[str]()
        counts["rejected"] = batch.rejected_rows
        counts["rejected_files"] = len(batch.file_errors)
        rejections = batch.rejections + [Problem(0, "file", e) for e in batch.file_errors]
        self._store(rejections, counts)
        self.batches += 1
        if self.batches & (self.batches - 1) == 0:  # After batch 1, 2, 4, 8, ...
            refresh_statistics(self.session, IMPORT_TABLES)

    def _store(self, rejections: list[Problem], counts: Counter[str]) -> None:
        """Commit the batch with its rejections and the run's new counters, then forget it."""
        stored = [
            ImportRejection(
                run_id=self.summary.run_id,
                file=str(self.path),
                line=r.line,
                field=r.field,
                reason=r.reason[:1000],
            )
            for r in rejections
        ]
        self.session.add_all(stored)
        self.session.execute(
            update(ImportRun)
            .where(ImportRun.id == self.summary.run_id)
            .values(
                created=ImportRun.created + counts[CREATED],
                updated=ImportRun.updated + counts[UPDATED],
                unchanged=ImportRun.unchanged + counts[UNCHANGED],
                rejected=ImportRun.rejected + counts["rejected"],
                heartbeat_at=utcnow(),
            )
        )
        self.session.commit()
        self.session.expunge_all()  # Keep memory flat: nothing of this batch is needed again.
        self.summary.counts.update(counts)
        room = KEPT_REJECTIONS - len(self.summary.rejections)
        self.summary.rejections.extend(stored[: max(0, room)])


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


def _finish_run(session: Session, summary: ImportSummary, error: str | None = None) -> None:
    summary.status = run_status(summary, error)
    session.execute(
        update(ImportRun)
        .where(ImportRun.id == summary.run_id)
        .values(status=summary.status, error=error, finished_at=utcnow())
    )
    session.commit()


def run_status(summary: ImportSummary, error: str | None) -> str:
    """failed: nothing stored (or an error); partial: something rejected; else succeeded."""
    if error is not None or summary.stored == 0:
        return "failed"
    if summary.counts["rejected"] or summary.counts["rejected_files"] or summary.rejections:
        return "partial"
    return "succeeded"
