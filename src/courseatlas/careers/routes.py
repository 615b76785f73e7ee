"""JSON API of careers: ``/api/v1/careers`` and ``/api/v1/careers/{slug}``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from courseatlas.careers import service
from courseatlas.careers.guides import SLUG_PATTERN
from courseatlas.careers.schemas import CareerList, CareerPage
from courseatlas.http.deps import DbSession, Runtime, Semantic

router = APIRouter(prefix="/api/v1", tags=["careers"])


@router.get("/careers", response_model=CareerList)
def list_careers(
    session: DbSession,
    field: Annotated[str | None, Query(max_length=100, pattern=SLUG_PATTERN)] = None,
    q: Annotated[
        str | None, Query(max_length=200, description="Words of a title or alternate title.")
    ] = None,
    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=100)] = 20,
) -> CareerList:
    """Careers, authored guides first; `field` is a field slug, `q` searches every title a
    career goes by (O*NET's alternate titles included)."""
    return service.list_careers(session, field, q, page, per_page)


@router.get("/careers/{slug}", response_model=CareerPage)
def get_career(
    slug: Annotated[str, Path(max_length=200, pattern=SLUG_PATTERN)],
    session: DbSession,
    runtime: Runtime,
    meaning: Semantic,
) -> CareerPage:
    """A career guide: its sections, O*NET data (credited), matched courses and books with
    the reasons they match, and a learning path."""
    return service.get_career_page(session, runtime, slug, meaning)
