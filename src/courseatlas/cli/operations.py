"""``courseatlas export``, ``backup``, ``restore`` and ``stats``: what operators run."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from sqlalchemy import func, select

from courseatlas.careers.models import Career
from courseatlas.catalog.models import Skill
from courseatlas.catalog.repository import catalog_counts
from courseatlas.cli.context import console, database, prepared_database, settings
from courseatlas.db import backup as backups
from courseatlas.db.instance import renew_namespace
from courseatlas.db.redis_client import SharedRedis
from courseatlas.errors import CourseatlasError
from courseatlas.exports.service import write_export
from courseatlas.ingest.changelog import SearchChange, SearchReplica
from courseatlas.ingest.models import ImportRun
from courseatlas.migrations.prepare import prepare_database
from courseatlas.search.runtime import SearchRuntime

BackupFile = Annotated[Path, typer.Argument(help="The backup file.")]


def export() -> None:
    """Write the whole catalog as JSON Lines (gzip) into <data dir>/exports, served at /exports/."""
    db = prepared_database()
    path, count = write_export(db)
    console.print(f"exported {count:,} resources to {path}")


def backup(file: BackupFile) -> None:
    """Back up the database while it serves (SQLite online backup; pg_dump on PostgreSQL)."""
    db = database()
    _or_exit(lambda: backups.backup(db, file))
    console.print(f"backed up to {file} ({file.stat().st_size:,} bytes)")


def restore(
    file: BackupFile,
    replace: Annotated[
        bool, typer.Option(help="Overwrite a database that already holds a catalog.")
    ] = False,
) -> None:
    """Restore a backup into the configured database, then rebuild this data dir's index."""
    db = database()
    _or_exit(lambda: backups.restore(db, file, replace=replace))
    prepare_database(db)  # a backup of an older version is brought up to this one
    # What Redis holds of the database before (answers, sessions) is not this one's.
    renew_namespace(db)
    runtime = SearchRuntime(db, SharedRedis(settings().redis_url, db))
    path = runtime.indexer.rebuild()
    runtime.location.remove_others(keep=path)
    runtime.announce()
    console.print(
        f"restored {file}; search index rebuilt: {runtime.engine.document_count():,} documents"
    )
    runtime.stop()


def stats() -> None:
    """The catalog, the imports, the change log and every index replica, in numbers."""
    db = prepared_database()
    table = Table(title="courseatlas", show_header=False)
    with db.session() as session:
        counts = catalog_counts(session)
        rows: list[tuple[str, object]] = [
            ("courses", counts.courses),
            ("books", counts.books),
            ("providers", counts.providers),
            ("topics", counts.topics),
            ("skills", session.scalar(select(func.count()).select_from(Skill))),
            ("careers", session.scalar(select(func.count()).select_from(Career))),
            ("import runs", session.scalar(select(func.count()).select_from(ImportRun))),
            ("change log entries", session.scalar(select(func.count()).select_from(SearchChange))),
        ]
        last = session.scalars(select(ImportRun).order_by(ImportRun.id.desc()).limit(1)).first()
        if last is not None:
            rows.append(
                (
                    "last import",
                    f"run {last.id}: {last.status}, {last.started_at:%Y-%m-%d %H:%M} UTC",
                )
            )
        replicas = session.scalars(select(SearchReplica).order_by(SearchReplica.name)).all()
        for replica in replicas:
            rows.append(
                (
                    f"replica {replica.name}",
                    f"at change {replica.floor:,}, seen {replica.seen_at:%Y-%m-%d %H:%M:%S} UTC",
                )
            )
    runtime = SearchRuntime(db)
    rows += [
        ("index documents (this data dir)", runtime.engine.document_count()),
        ("index lag (this data dir)", runtime.lag()),
    ]
    runtime.stop()
    for name, value in rows:
        table.add_row(name, f"{value:,}" if isinstance(value, int) else str(value))
    console.print(table)


def _or_exit(action: Callable[[], None]) -> None:
    try:
        action()
    except CourseatlasError as error:
        console.print(f"[red]error:[/] {error.detail}")
        raise typer.Exit(1) from None
