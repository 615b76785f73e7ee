"""JSON API of the catalog: one resource, and filtered listings."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from courseatlas.catalog import repository
from courseatlas.catalog.schemas import (
    Kind,
    Level,
    PriceFilter,
    ResourceId,
    ResourceOut,
    ResourcePage,
    ResourceSummary,
)
from courseatlas.errors import InvalidInput, NotFound
from courseatlas.http.deps import DbSession

router = APIRouter(prefix="/api/v1", tags=["catalog"])

Slug = Annotated[str | None, Query(max_length=300, pattern=r"^[a-z0-9-]+$")]
CreditSlug = Annotated[
    str | None,
    Query(
        max_length=200,
        pattern=r"^[a-z0-9-]+$",
        description="The slug of an institution's or a person's page (/institutions/{slug}, "
        "/people/{slug}).",
    ),
]


@router.get("/resources/{resource_id}", response_model=ResourceOut)
def get_resource(resource_id: ResourceId, session: DbSession) -> ResourceOut:
    resource = repository.get_resource(session, resource_id)
    if resource is None:
        raise NotFound(f"no resource has id {resource_id}")
    return ResourceOut.of(resource)


@router.get("/resources", response_model=ResourcePage)
def list_resources(
    session: DbSession,
    kind: Kind | None = None,
    provider: Slug = None,
    topic: Slug = None,
    level: Level | None = None,
    language: Annotated[str | None, Query(pattern=r"^[a-z]{2,3}$")] = None,
    price: PriceFilter | None = None,
    institution: CreditSlug = None,
    person: CreditSlug = None,
    free: Annotated[
        bool | None,
        Query(
            deprecated=True,
            description="The old spelling of the price filter: true is price=free, false price=paid.",
        ),
    ] = None,
    sort: Literal["popular", "rating", "newest", "title"] = "popular",
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=100)] = 20,
) -> ResourcePage:
    """Resources matching every given filter, with the exact total; `topic` includes subtopics."""
    filters = repository.ResourceFilter(
        kind, provider, topic, level, language, _free(price, free), institution, person
    )
    total, resources = repository.list_resources(
        session, filters, sort, offset=(page - 1) * per_page, limit=per_page
    )
    return ResourcePage(
        total=total,
        page=page,
        per_page=per_page,
        results=[ResourceSummary.of(r) for r in resources],
    )


def _free(price: PriceFilter | None, free: bool | None) -> bool | None:
    """One price filter, however it was spelt; both spellings must then agree."""
    if free is None:
        return None if price is None else price == "free"
    if price is not None and (price == "free") != free:
        raise InvalidInput(f"price={price} and free={str(free).lower()} disagree: give only price")
    return free
