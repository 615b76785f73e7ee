"""Catalog queries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, Select, case, false, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session, selectinload

from courseatlas.catalog.credits import INSTITUTION, PEOPLE_ROLES
from courseatlas.catalog.models import (
    Provider,
    Resource,
    ResourceCredit,
    ResourceSkill,
    ResourceTopic,
    Topic,
)
from courseatlas.catalog.quality import PRIOR_MEAN, PRIOR_VOTES


@dataclass(frozen=True)
class ResourceFilter:
    kind: str | None = None
    provider: str | None = None  # provider slug
    topic: str | None = None  # topic slug; its subtopics included
    level: str | None = None
    language: str | None = None
    free: bool | None = None
    institution: str | None = None  # the slug of its page (/institutions/{slug})
    person: str | None = None  # an author's or instructor's slug (/people/{slug})


# ``quality.bayesian_rating`` in SQL: highest rated as search orders it, so five stars
# from three reviews do not come before 4.7 from thirty thousand.
_VOTES = case((Resource.rating.is_(None), 0), else_=func.coalesce(Resource.rating_count, 0))
BAYESIAN_RATING = (PRIOR_MEAN * PRIOR_VOTES + func.coalesce(Resource.rating, 0.0) * _VOTES) / (
    PRIOR_VOTES + _VOTES
)

SORTS = {
    "popular": (Resource.popularity.desc().nulls_last(), Resource.id),
    "rating": (BAYESIAN_RATING.desc(), Resource.rating_count.desc().nulls_last(), Resource.id),
    "newest": (Resource.published_at.desc().nulls_last(), Resource.id.desc()),
    "title": (Resource.title, Resource.id),
}


_DETAIL = (
    selectinload(Resource.provider),
    selectinload(Resource.skills).selectinload(ResourceSkill.skill),
    selectinload(Resource.topics),
)


# Resources taken down by an admin are kept but shown nowhere: every look-up below skips them.
VISIBLE = Resource.hidden_at.is_(None)


def get_resource(session: Session, resource_id: int) -> Resource | None:
    query = select(Resource).where(Resource.id == resource_id, VISIBLE).options(*_DETAIL)
    return session.scalar(query)


def resources_after(session: Session, after_id: int, limit: int) -> Sequence[Resource]:
    """Full records (with provider, skills, topics) of the next ``limit`` resources by id."""
    query = select(Resource).where(Resource.id > after_id).order_by(Resource.id).limit(limit)
    return session.scalars(query.options(*_DETAIL)).all()


def resource_by_slug(session: Session, slug: str) -> Resource | None:
    return session.scalar(select(Resource).where(Resource.slug == slug, VISIBLE).options(*_DETAIL))


def resources_in_full(session: Session, ids: Sequence[int]) -> dict[int, Resource]:
    """Full records (provider, skills, topics) of these resources; missing ids are left out."""
    query = select(Resource).where(Resource.id.in_(ids), VISIBLE).options(*_DETAIL)
    return {resource.id: resource for resource in session.scalars(query)}


def resource_url(session: Session, resource_id: int) -> str | None:
    """The stored address of a resource at its provider."""
    return session.scalar(select(Resource.url).where(Resource.id == resource_id, VISIBLE))


def resources_by_id(session: Session, ids: Sequence[int]) -> dict[int, Resource]:
    """Resources (with their provider) for a list of results; missing ids are left out."""
    if not ids:
        return {}
    query = (
        select(Resource)
        .where(Resource.id.in_(ids), VISIBLE)
        .options(selectinload(Resource.provider))
    )
    return {resource.id: resource for resource in session.scalars(query)}


def topic_by_slug(session: Session, slug: str) -> Topic | None:
    return session.scalar(select(Topic).where(Topic.slug == slug))


@dataclass(frozen=True)
class CatalogCounts:
    courses: int
    books: int
    providers: int  # that offer at least one resource
    topics: int


def catalog_counts(session: Session) -> CatalogCounts:
    kinds = dict(session.execute(select(Resource.kind, func.count()).group_by(Resource.kind)).all())
    providers = session.scalar(select(func.count(func.distinct(Resource.provider_id)))) or 0
    topics = session.scalar(select(func.count()).select_from(Topic)) or 0
    return CatalogCounts(kinds.get("course", 0), kinds.get("book", 0), providers, topics)


def all_topics(session: Session) -> Sequence[Topic]:
    return session.scalars(select(Topic).order_by(Topic.depth, Topic.name)).all()


def topics_at_paths(session: Session, paths: Sequence[str]) -> Sequence[Topic]:
    """The topics with these paths, outermost first (a topic's ancestors, from its path)."""
    return session.scalars(select(Topic).where(Topic.path.in_(paths)).order_by(Topic.depth)).all()


def subtopics(session: Session, topic_id: int) -> Sequence[Topic]:
    return session.scalars(
        select(Topic).where(Topic.parent_id == topic_id).order_by(Topic.name)
    ).all()


def provider_by_slug(session: Session, slug: str) -> Provider | None:
    return session.scalar(select(Provider).where(Provider.slug == slug))


@dataclass(frozen=True)
class ProviderCount:
    provider: Provider
    courses: int
    books: int


def providers_with_counts(
    session: Session, offset: int, limit: int
) -> tuple[int, list[ProviderCount]]:
    """Providers that offer something, most resources first, and how many there are."""
    courses = func.count().filter(Resource.kind == "course")
    books = func.count().filter(Resource.kind == "book")
    counts = (
        select(Resource.provider_id, courses.label("courses"), books.label("books"))
        .where(VISIBLE, Resource.provider_id.is_not(None))
        .group_by(Resource.provider_id)
        .subquery()
    )
    total = session.scalar(select(func.count()).select_from(counts)) or 0
    rows = session.execute(
        select(Provider, counts.c.courses, counts.c.books)
        .join(counts, counts.c.provider_id == Provider.id)
        .order_by((counts.c.courses + counts.c.books).desc(), Provider.name)
        .offset(offset)
        .limit(limit)
    ).all()
    return total, [ProviderCount(p, c, b) for p, c, b in rows]


@dataclass(frozen=True)
class Credited:
    name: str  # the spelling most of their resources use
    total: int
    resources: Sequence[Resource]


def credited(
    session: Session, roles: Sequence[str], slug: str, offset: int, limit: int
) -> Credited | None:
    """One page of the resources credited to ``slug`` in one of ``roles``, best rated first."""
    names = session.execute(
        select(ResourceCredit.name, func.count())
        .join(Resource, Resource.id == ResourceCredit.resource_id)
        .where(ResourceCredit.slug == slug, ResourceCredit.role.in_(roles), VISIBLE)
        .group_by(ResourceCredit.name)
        .order_by(func.count().desc(), ResourceCredit.name)
    ).all()
    if not names:
        return None
    ids = credited_ids(roles, slug)
    page = session.scalars(
        select(Resource)
        .where(Resource.id.in_(ids), VISIBLE)
        .options(selectinload(Resource.provider))
        .order_by(*SORTS["rating"])
        .offset(offset)
        .limit(limit)
    ).all()
    total = session.scalar(select(func.count()).where(Resource.id.in_(ids), VISIBLE)) or 0
    return Credited(names[0][0], total, page)


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
    query = select(Resource).where(VISIBLE)
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
    if filters.institution:
        query = query.where(Resource.id.in_(credited_ids((INSTITUTION,), filters.institution)))
    if filters.person:
        query = query.where(Resource.id.in_(credited_ids(PEOPLE_ROLES, filters.person)))
    return query


def credited_ids(roles: Sequence[str], slug: str) -> Select[int]:
    """Ids of the resources that credit ``slug`` in one of ``roles``."""
    return select(ResourceCredit.resource_id).where(
        ResourceCredit.slug == slug, ResourceCredit.role.in_(roles)
    )


def in_topic(path: str) -> Select[int]:
    """Ids of resources filed under the topic or any of its subtopics."""
    return (
        select(ResourceTopic.resource_id)
        .join(Topic, Topic.id == ResourceTopic.topic_id)
        .where(or_(Topic.path == path, Topic.path.startswith(path + " > ", autoescape=True)))
    )


def id_pages(session: Session, id_column: InstrumentedAttribute[int], size: int) -> list[int]:
    """Numbers (from 1) of the pages of ``size`` consecutive ids that hold at least one row.

    Page n holds ids (n-1)*size+1 to n*size: reading a page is a range scan of the primary
    key, however many pages come before it, and no page holds more than ``size`` rows.
    """
    page = (id_column - 1) // size + 1
    return list(session.scalars(select(page).group_by(page).order_by(page)))


def _credited_slugs(roles: Sequence[str]) -> Select[str]:
    """The distinct slugs credited in one of ``roles`` on a resource that is shown."""
    return (
        select(ResourceCredit.slug)
        .join(Resource, Resource.id == ResourceCredit.resource_id)
        .where(ResourceCredit.role.in_(roles), VISIBLE)
        .distinct()
    )


def credited_slug_count(session: Session, roles: Sequence[str]) -> int:
    """How many pages of people (or institutions) credited in ``roles`` exist."""
    query = select(func.count()).select_from(_credited_slugs(roles).subquery())
    return session.scalar(query) or 0


def credited_slugs(session: Session, roles: Sequence[str], offset: int, limit: int) -> list[str]:
    """One stretch of those slugs in alphabetical order."""
    query = _credited_slugs(roles).order_by(ResourceCredit.slug).offset(offset).limit(limit)
    return list(session.scalars(query))


def rows_in_id_page(
    session: Session,
    id_column: InstrumentedAttribute[int],
    columns: Sequence[InstrumentedAttribute[Any]],
    page: int,
    size: int,
) -> Sequence[Row[Any]]:
    low, high = (page - 1) * size, page * size
    query = select(*columns).where(id_column > low, id_column <= high).order_by(id_column)
    if id_column is Resource.id:
        query = query.where(VISIBLE)
    return session.execute(query).all()
