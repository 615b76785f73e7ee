"""Import runs: stream each file through its profile, validate, and upsert batch by batch.

Every batch is one transaction holding its resources, their change-log entries, its rejected
rows and the run's counters, so a crash at any point leaves a consistent catalog and the next
run finishes the work (rows already stored count as unchanged).
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import structlog
from pydantic import ValidationError
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from courseatlas.db.base import utcnow
from courseatlas.ingest.models import ImportRejection, ImportRun
from courseatlas.ingest.profiles import get_profile
from courseatlas.ingest.profiles.base import Profile
from courseatlas.ingest.readers import ByteCounter, RawRow, RowError, open_binary
from courseatlas.ingest.record import ResourceRecord, validation_problems
from courseatlas.ingest.store import CREATED, UNCHANGED, UPDATED, CatalogWriter

log = structlog.get_logger(__name__)

STALE_AFTER = timedelta(minutes=10)

# Called with (file name, bytes read, file size) as a file is read.
ProgressCallback = Callable[[str, int, int], None]


@dataclass
class ImportSummary:
    run_id: int
    status: str = "running"
    counts: Counter[str] = field(default_factory=Counter)
    rejections: list[ImportRejection] = field(default_factory=list)

    @property
    def stored(self) -> int:
        return self.counts[CREATED] + self.counts[UPDATED] + self.counts[UNCHANGED]

    @property
    def exit_code(self) -> int:
        """0: every row stored; 2: some rows rejected, the rest stored; 1: nothing imported."""
        if self.status == "succeeded":
            return 0
        return 2 if self.status == "partial" else 1


@dataclass
class _Batch:
    records: list[ResourceRecord] = field(default_factory=list)
    rejections: list[ImportRejection] = field(default_factory=list)
    rejected_rows: int = 0


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
        summary = ImportSummary(_start_run(session, profile.name, paths))
        log.info("import_started", run_id=summary.run_id, profile=profile.name, files=len(paths))
        try:
            for path in paths:
                _import_file(session, summary, profile, path, batch_size, progress)
        except BaseException as error:
            session.rollback()
            _finish_run(session, summary, error=f"{type(error).__name__}: {error}")
            raise
        _finish_run(session, summary)
    log.info("import_finished", run_id=summary.run_id, status=summary.status, **summary.counts)
    return summary


def _start_run(session: Session, profile: str, paths: list[Path]) -> int:
    session.execute(
        update(ImportRun)
        .where(ImportRun.status == "running", ImportRun.heartbeat_at < utcnow() - STALE_AFTER)
        .values(status="interrupted")
    )
    run = ImportRun(profile=profile, files=[str(p) for p in paths])
    session.add(run)
    session.commit()
    return run.id


def _import_file(
    session: Session,
    summary: ImportSummary,
    profile: Profile,
    path: Path,
    batch_size: int,
    progress: ProgressCallback | None,
) -> None:
    writer = CatalogWriter(session, feed=f"{profile.name}:{path.name}", run_id=summary.run_id)
    batch = _Batch()
    try:
        with open_binary(path) as (stream, counter):
            for item in _report_progress(profile.read(path, stream), path, counter, progress):
                _add(batch, path, item)
                if len(batch.records) + batch.rejected_rows >= batch_size:
                    _commit_batch(session, summary, writer, batch)
                    batch = _Batch()
    except (OSError, EOFError, zlib.error, ValueError) as error:
        # An unreadable file stops here; what earlier batches stored stays stored.
        _commit_batch(session, summary, writer, batch)
        _reject_file(session, summary, path, _unreadable(error))
        return
    _commit_batch(session, summary, writer, batch)


def _unreadable(error: Exception) -> str:
    if isinstance(error, OSError) and error.strerror:
        return f"cannot read: {error.strerror}"
    return f"cannot read: {error}"


def _report_progress(
    items: Iterator[RawRow | RowError],
    path: Path,
    counter: ByteCounter,
    progress: ProgressCallback | None,
) -> Iterator[RawRow | RowError]:
    for n, item in enumerate(items):
        if progress is not None and n % 500 == 0:
            progress(path.name, counter.done, counter.total)
        yield item
    if progress is not None:
        progress(path.name, counter.total, counter.total)


def _add(batch: _Batch, path: Path, item: RawRow | RowError) -> None:
    if isinstance(item, RowError):
        batch.rejected_rows += 1
        batch.rejections.append(_rejection(path, item.line, item.field, item.reason))
        return
    try:
        batch.records.append(ResourceRecord.model_validate(item.data))
    except ValidationError as error:
        batch.rejected_rows += 1
        batch.rejections.extend(
            _rejection(path, item.line, name, reason) for name, reason in validation_problems(error)
        )


def _commit_batch(
    session: Session, summary: ImportSummary, writer: CatalogWriter, batch: _Batch
) -> None:
    if not batch.records and not batch.rejections:
        return
    counts = writer.write(batch.records) if batch.records else Counter[str]()
    counts["rejected"] = batch.rejected_rows
    session.add_all(batch.rejections)
    for rejection in batch.rejections:
        rejection.run_id = summary.run_id
    session.execute(
        update(ImportRun)
        .where(ImportRun.id == summary.run_id)
        .values(
            created=ImportRun.created + counts[CREATED],
            updated=ImportRun.updated + counts[UPDATED],
            unchanged=ImportRun.unchanged + counts[UNCHANGED],
            rejected=ImportRun.rejected + counts["rejected"],
            heartbeat_at=utcnow(),
        )
    )
    session.commit()
    session.expunge_all()  # Keep memory flat: nothing of this batch is needed again.
    summary.counts.update(counts)
    summary.rejections.extend(batch.rejections[: max(0, 1000 - len(summary.rejections))])


def _reject_file(session: Session, summary: ImportSummary, path: Path, reason: str) -> None:
    batch = _Batch(rejections=[_rejection(path, 0, "file", reason)], rejected_rows=0)
    session.add_all(batch.rejections)
    batch.rejections[0].run_id = summary.run_id
    session.commit()
    summary.counts["rejected_files"] += 1
    summary.rejections.append(batch.rejections[0])


def _rejection(path: Path, line: int, field_name: str, reason: str) -> ImportRejection:
    return ImportRejection(file=str(path), line=line, field=field_name, reason=reason[:1000])


def _finish_run(session: Session, summary: ImportSummary, error: str | None = None) -> None:
    rejected = summary.counts["rejected"] + summary.counts["rejected_files"]
    if error is not None or summary.stored == 0:
        summary.status = "failed"
    elif rejected:
        summary.status = "partial"
    else:
        summary.status = "succeeded"
    session.execute(
        update(ImportRun)
        .where(ImportRun.id == summary.run_id)
        .values(status=summary.status, error=error, finished_at=utcnow())
    )
    session.commit()
