"""Import runs: stream each file through its profile, validate, and upsert batch by batch.

Every batch is one transaction holding its resources, their change-log entries, its rejected
rows and the run's counters, so a crash at any point leaves a consistent catalog and the next
run finishes the work (rows already stored count as unchanged). Large files are read and
validated in a second process while this one writes (``producer.py``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import structlog
from sqlalchemy.orm import Session, sessionmaker

from courseatlas.db.maintenance import refresh_statistics
from courseatlas.ingest.problems import Problem
from courseatlas.ingest.producer import Produced, batches
from courseatlas.ingest.profiles import get_profile
from courseatlas.ingest.profiles.base import Profile
from courseatlas.ingest.runs import (
    REJECTED,
    REJECTED_FILES,
    WARNINGS,
    ImportSummary,
    RunLog,
    one_import_at_a_time,
)
from courseatlas.ingest.store import CatalogWriter
from courseatlas.ingest.validate import PreparedBatch

log = structlog.get_logger(__name__)

IMPORT_TABLES = ("resources", "resource_contributions", "resource_skills", "resource_topics")

# Called with (file name, bytes read, file size) as a file is read.
ProgressCallback = Callable[[str, int, int], None]


def run_import(
    factory: sessionmaker[Session],
    paths: Iterable[Path],
    profile_name: str = "canonical",
    batch_size: int = 1000,
    progress: ProgressCallback | None = None,
) -> ImportSummary:
    profile = get_profile(profile_name)
    paths = list(paths)
    with factory() as session, one_import_at_a_time(session):
        run = RunLog(session, profile.name, paths)
        summary = run.summary
        log.info("import_started", run_id=summary.run_id, profile=profile.name, files=len(paths))
        with run.recording():
            for path in paths:
                job = _FileImport(run, profile, path)
                job.run(batches(path, profile.name, batch_size), progress)
        run.finish()
    log.info("import_finished", run_id=summary.run_id, status=summary.status, **summary.counts)
    return summary


class _FileImport:
    def __init__(self, run: RunLog, profile: Profile, path: Path) -> None:
        self.import_run = run
        self.session = run.session
        self.profile = profile
        self.path = path
        self.batches = 0
        self.writer = CatalogWriter(
            self.session, feed=f"{profile.name}:{path.name}", run_id=run.summary.run_id
        )

    def run(self, source: Iterator[Produced], progress: ProgressCallback | None) -> None:
        """Write each prepared batch as it comes; the next is being prepared meanwhile."""
        for produced in source:
            self._commit(produced.batch)
            if progress is not None:
                progress(self.path.name, produced.bytes_read, produced.bytes_total)

    def _commit(self, batch: PreparedBatch) -> None:
        counts = self.writer.write(batch.rows) if batch.rows else Counter[str]()
        counts[REJECTED] = batch.rejected_rows
        counts[REJECTED_FILES] = len(batch.file_errors)
        counts[WARNINGS] = sum(r.severity == "warning" for r in batch.rejections)
        rejections = batch.rejections + [Problem(0, "file", e) for e in batch.file_errors]
        self._store(rejections, counts)
        self.batches += 1
        if self.batches & (self.batches - 1) == 0:  # After batch 1, 2, 4, 8, ...
            refresh_statistics(self.session, IMPORT_TABLES)

    def _store(self, rejections: list[Problem], counts: Counter[str]) -> None:
        """Commit the batch with its rejections and the run's new counters, then forget it."""
        for problem in rejections:
            self.import_run.reject(problem, file=str(self.path))
        self.import_run.commit(counts)
        self.session.expunge_all()  # Keep memory flat: nothing of this batch is needed again.
