"""Writing exports into ``<data dir>/exports`` and listing them.

Each record is a resource as ``GET /api/v1/resources/{id}`` answers it, one per line, in id
order. A file appears only complete (written aside, then renamed), and the newest few stay.
"""

from __future__ import annotations

import gzip
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from courseatlas.catalog.repository import resources_after
from courseatlas.catalog.schemas import ResourceOut
from courseatlas.db.database import Database

KEEP = 7  # exports kept; older ones are removed
BATCH = 1000
NAME = re.compile(r"^catalog-\d{8}T\d{6}Z\.jsonl\.gz$")


@dataclass(frozen=True)
class ExportFile:
    name: str
    bytes: int
    created_at: datetime


def export_folder(data_dir: Path) -> Path:
    return data_dir / "exports"


def write_export(database: Database) -> tuple[Path, int]:
    """A new export of the whole catalog; returns its path and how many records it holds."""
    folder = export_folder(database.settings.data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = folder / f"catalog-{stamp}.jsonl.gz"
    partial = path.with_name(path.name + ".partial")
    count = 0
    with database.session() as session, gzip.open(partial, "wb", compresslevel=6) as out:
        for record in _records(session):
            out.write(record.model_dump_json().encode() + b"\n")
            count += 1
    os.replace(partial, path)
    for old in list_exports(database.settings.data_dir)[KEEP:]:
        (folder / old.name).unlink(missing_ok=True)
    return path, count


def list_exports(data_dir: Path) -> list[ExportFile]:
    """Complete exports, newest first."""
    folder = export_folder(data_dir)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        if NAME.match(path.name):
            stat = path.stat()
            found.append(
                ExportFile(path.name, stat.st_size, datetime.fromtimestamp(stat.st_mtime, UTC))
            )
    return sorted(found, key=lambda f: f.name, reverse=True)


def _records(session: Session) -> Iterator[ResourceOut]:
    last = 0
    while True:
        batch = resources_after(session, last, BATCH)
        if not batch:
            return
        for resource in batch:
            yield ResourceOut.of(resource)
        last = batch[-1].id
        session.expunge_all()
