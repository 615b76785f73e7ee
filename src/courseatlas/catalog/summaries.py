"""Result cards for lists of resources (search, topics, careers): one query, no ORM objects."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from courseatlas.catalog.models import Provider, Resource
from courseatlas.catalog.schemas import ResourceSummary

_COLUMNS = (
    Resource.id,
    Resource.kind,
    Resource.slug,
    Resource.title,
    Resource.level,
    Resource.language,
    Resource.free,
    Resource.price,
    Resource.currency,
    Resource.rating,
    Resource.rating_count,
    Resource.popularity,
    Provider.id.label("provider_id"),
    Provider.slug.label("provider_slug"),
    Provider.name.label("provider_name"),
)


@dataclass(frozen=True)
class _Provider:
    id: int
    slug: str
    name: str


# Built once: on hot paths, building the statement costs more than running it.
_QUERY = (
    select(*_COLUMNS)
    .outerjoin(Provider, Provider.id == Resource.provider_id)
    .where(Resource.id.in_(bindparam("ids", expanding=True)))
)


def summaries(session: Session, ids: Sequence[int]) -> dict[int, ResourceSummary]:
    """Summaries of the resources that exist among ``ids``, by id."""
    if not ids:
        return {}
    # Through the connection: the ORM has nothing to add to a plain row query.
    rows = session.connection().execute(_QUERY, {"ids": list(ids)}).all()
    found = {}
    for row in rows:
        provider = (
            _Provider(row.provider_id, row.provider_slug, row.provider_name)
            if row.provider_id is not None
            else None
        )
        found[row.id] = ResourceSummary.of(row, provider=provider)
    return found
