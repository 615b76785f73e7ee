"""The picture job: fetch each feed picture not yet fetched, store it resized, record the outcome.

A bad answer (not a picture, too large, broken, unreachable) is recorded with its reason and
the job goes on; the resource then shows its generated cover.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx2
import structlog

from courseatlas import __version__
from courseatlas.db.base import utcnow
from courseatlas.db.database import Database
from courseatlas.images import repository
from courseatlas.images.fetch import download
from courseatlas.images.models import ImageFetch
from courseatlas.images.pictures import Limits, Picture, Rejected, resized

log = structlog.get_logger(__name__)
TIMEOUT = 15.0
DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Summary:
    stored: int
    rejected: int


def picture_path(data_dir: Path, resource_id: int) -> Path:
    return data_dir / "images" / f"{resource_id}.webp"


def fetch_pictures(
    database: Database,
    limits: Limits = DEFAULT_LIMITS,
    limit: int | None = None,
    progress: Callable[[int, int], None] = lambda done, total: None,
) -> Summary:
    with database.session() as session:
        todo = repository.pending(session, limit)
    stored = rejected = 0
    headers = {"User-Agent": f"courseatlas-pictures/{__version__}"}
    with httpx2.Client(timeout=TIMEOUT, follow_redirects=True, headers=headers) as client:
        for done, (resource_id, url) in enumerate(todo, start=1):
            fetched = _fetch_one(client, database.settings.data_dir, resource_id, url, limits)
            with database.session() as session:
                repository.record(session, fetched)
            stored += fetched.stored
            rejected += not fetched.stored
            progress(done, len(todo))
    log.info("pictures_fetched", stored=stored, rejected=rejected)
    return Summary(stored, rejected)


def _fetch_one(
    client: httpx2.Client, data_dir: Path, resource_id: int, url: str, limits: Limits
) -> ImageFetch:
    try:
        picture = resized(download(client, url, limits), limits)
    except Rejected as why:
        log.info("picture_rejected", resource_id=resource_id, url=url, reason=str(why))
        return ImageFetch(
            resource_id=resource_id,
            source_url=url,
            stored=False,
            reason=str(why),
            fetched_at=utcnow(),
        )
    _write(picture_path(data_dir, resource_id), picture)
    return ImageFetch(
        resource_id=resource_id,
        source_url=url,
        stored=True,
        reason=None,
        width=picture.width,
        height=picture.height,
        fetched_at=utcnow(),
    )


def _write(path: Path, picture: Picture) -> None:
    """Written whole or not at all: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.write_bytes(picture.data)
    os.replace(partial, path)
