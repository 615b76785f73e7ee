"""JSON API of matching: ``/api/v1/resources/{id}/similar``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from courseatlas.http.deps import DbSession, Runtime, Semantic
from courseatlas.matching import service
from courseatlas.matching.schemas import SimilarPage

router = APIRouter(prefix="/api/v1", tags=["matching"])

MAX_ID = 2**31 - 1


@router.get("/resources/{resource_id}/similar", response_model=SimilarPage)
def similar(
    resource_id: Annotated[int, Path(ge=1, le=MAX_ID)],
    session: DbSession,
    runtime: Runtime,
    meaning: Semantic,
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> SimilarPage:
    """More like this: resources sharing its skills, the skills its text names, its topics."""
    return service.similar(session, runtime, resource_id, limit, meaning)
