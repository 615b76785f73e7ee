"""Queries of the picture job and of the pages that show pictures."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from courseatlas.catalog.models import Resource
from courseatlas.catalog.repository import VISIBLE
from courseatlas.images.models import ImageFetch


def pending(session: Session, limit: int | None) -> list[tuple[int, str]]:
    """(id, image URL) of the resources whose current feed picture was never fetched."""
    query = (
        select(Resource.id, Resource.image_url)
        .outerjoin(ImageFetch, ImageFetch.resource_id == Resource.id)
        .where(
            VISIBLE,
            Resource.image_url.is_not(None),
            or_(ImageFetch.resource_id.is_(None), ImageFetch.source_url != Resource.image_url),
        )
        .order_by(Resource.id)
        .limit(limit)
    )
    return [(rid, str(url)) for rid, url in session.execute(query)]


def record(session: Session, fetched: ImageFetch) -> None:
    session.merge(fetched)


@dataclass(frozen=True)
class Pictured:
    id: int
    kind: str
    title: str
    stored: bool  # a picture of its current feed URL is on disk


def pictured(session: Session, resource_id: int) -> Pictured | None:
    query = (
        select(Resource.id, Resource.kind, Resource.title, ImageFetch.stored)
        .outerjoin(
            ImageFetch,
            (ImageFetch.resource_id == Resource.id) & (ImageFetch.source_url == Resource.image_url),
        )
        .where(Resource.id == resource_id, VISIBLE)
    )
    row = session.execute(query).first()
    return Pictured(row.id, row.kind, row.title, bool(row.stored)) if row else None


def rejections(session: Session) -> list[ImageFetch]:
    return list(session.scalars(select(ImageFetch).where(ImageFetch.stored.is_(False))))
