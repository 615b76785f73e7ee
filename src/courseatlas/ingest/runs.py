"""Career imports are import runs too: counted, with their rejected rows, under ``/api/v1/imports``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import update
from sqlalchemy.orm import Session

from courseatlas.db.base import utcnow
from courseatlas.ingest.models import ImportRejection, ImportRun
from courseatlas.ingest.service import KEPT_REJECTIONS, ImportSummary, run_status, start_run

CREATED, UPDATED, UNCHANGED, REJECTED = "created", "updated", "unchanged", "rejected"


class RunLog:
    """One import run: started (and committed) at once, so that a failure is recorded too."""

    def __init__(self, session: Session, profile: str, paths: list[Path]) -> None:
        self.session = session
        self.summary = ImportSummary(start_run(session, profile, paths))

    @contextmanager
    def recording(self) -> Iterator[None]:
        """Work whose failure is rolled back and recorded with the run, then raised."""
        try:
            yield
        except BaseException as error:
            self.session.rollback()
            self.finish(error=f"{type(error).__name__}: {error}")
            raise

    def count(self, outcome: str, n: int = 1) -> None:
        self.summary.counts[outcome] += n

    def reject(self, file: str, line: int, field: str, reason: str) -> None:
        """Record why a row (a guide, a line of O*NET) is refused; ``count`` the rows."""
        rejection = ImportRejection(
            run_id=self.summary.run_id,
            file=file[:1000],
            line=line,
            field=field[:100],
            reason=reason[:1000],
        )
        self.session.add(rejection)
        if len(self.summary.rejections) < KEPT_REJECTIONS:
            self.summary.rejections.append(rejection)

    def finish(self, error: str | None = None) -> ImportSummary:
        """Record the outcome in the run's own transaction (the caller's work is committed)."""
        counts: Counter[str] = self.summary.counts
        self.summary.status = run_status(self.summary, error)
        self.session.execute(
            update(ImportRun)
            .where(ImportRun.id == self.summary.run_id)
            .values(
                status=self.summary.status,
                error=error,
                created=counts[CREATED],
                updated=counts[UPDATED],
                unchanged=counts[UNCHANGED],
                rejected=counts[REJECTED],
                finished_at=utcnow(),
                heartbeat_at=utcnow(),
            )
        )
        self.session.commit()
        return self.summary
