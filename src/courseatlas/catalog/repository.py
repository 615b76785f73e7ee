"""Catalog queries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Select, false, func, or_, select
from sqlalchemy.orm import Session, selectinload

from courseatlas.catalog.models import Provider, Resource, ResourceSkill, ResourceTopic, Topic


@dataclass(frozen=True)
class ResourceFilter:
    kind: str | None = None
    provider: str | None = None  # provider slug
    topic: str | None = None  # topic slug; its subtopics included
    level: str | None = None
    language: str | None = None
    free: bool | None = None


SORTS = {
    "popular": (Resource.popularity.desc().nulls_last(), Resource.id),
    "rating": (
        Resource.rating.desc().nulls_last(),
        Resource.rating_count.desc().nulls_last(),
        Resource.id,
    ),
    "newest": (Resource.published_at.desc().nulls_last(), Resource.id.desc()),
    "title": (Resource.title, Resource.id),
}


def get_resource(session: Session, resource_id: int) -> Resource | None:
    return session.scalar(
        select(Resource)
        .where(Resource.id == resource_id)
        .options(
            selectinload(Resource.provider),
            selectinload(Resource.skills).selectinload(ResourceSkill.skill),
            selectinload(Resource.topics),
        )
    )


def topic_by_slug(session: Session, slug: str) -> Topic | None:
    return session.scalar(select(Topic).where(Topic.slug == slug))


def provider_by_slug(session: Session, slug: str) -> Provider | None:
    return session.scalar(select(Provider).where(Provider.slug == slug))


def list_resources(
    session: Session, filters: ResourceFilter, sort: str, offset: int, limit: int
) -> tuple[int, Sequence[Resource]]:
    """One page of resources matching the filters, and the exact number of matches."""
    query = _filtered(session, filters)
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    page = session.scalars(
        query.options(selectinload(Resource.provider))
        .order_by(*SORTS[sort])
        .offset(offset)
        .limit(limit)
    ).all()
    return total, page


def _filtered(session: Session, filters: ResourceFilter) -> Select[Resource]:
    query = select(Resource)
    if filters.kind:
        query = query.where(Resource.kind == filters.kind)
    if filters.level:
        query = query.where(Resource.level == filters.level)
    if filters.language:
        query = query.where(Resource.language == filters.language)
    if filters.free is not None:
        query = query.where(Resource.free.is_(filters.free))
    if filters.provider:
        query = query.join(Provider, Resource.provider_id == Provider.id).where(
            Provider.slug == filters.provider
        )
    if filters.topic:
        path = session.scalar(select(Topic.path).where(Topic.slug == filters.topic))
        query = query.where(Resource.id.in_(in_topic(path)) if path else false())
    return query


def in_topic(path: str) -> Select[int]:
    """Ids of resources filed under the topic or any of its subtopics."""
    return (
        select(ResourceTopic.resource_id)
        .join(Topic, Topic.id == ResourceTopic.topic_id)
        .where(or_(Topic.path == path, Topic.path.startswith(path + " > ", autoescape=True)))
    )
