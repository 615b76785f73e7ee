"""JSON API of careers: ``/api/v1/careers``, ``/api/v1/careers/{slug}`` and ``/api/v1/match``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from courseatlas.careers import goals, service
from courseatlas.careers.guides import SLUG_PATTERN
from courseatlas.careers.schemas import CareerList, CareerPage
from courseatlas.http.deps import DbSession, Runtime, Semantic
from courseatlas.matching.schemas import GoalMatchPage

router = APIRouter(prefix="/api/v1", tags=["careers"])
# Encoded by the model itself: validating it again as the response model would cost more.
JSON = "application/json"


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
) -> Response:
    """A career guide: its sections, O*NET data (credited), matched courses and books with
    the reasons they match, and a learning path."""
    page = service.get_career_page(session, runtime, slug, meaning)
    return Response(page.model_dump_json(), media_type=JSON)


@router.get("/match", response_model=GoalMatchPage)
def match(
    session: DbSession,
    runtime: Runtime,
    meaning: Semantic,
    goal: Annotated[
        str, Query(max_length=300, description="What the learner wants to become or learn.")
    ],
    limit: Annotated[int, Query(ge=1, le=50)] = 20,
) -> Response:
    """Resources for a free-text goal, with the careers and skills recognised in it.

    A goal without words is refused (422); a goal with words but no known career or skill
    answers 200 with results for its words (possibly none) and an explanation saying so.
    """
    return Response(goals.match_goal_json(session, runtime, goal, limit, meaning), media_type=JSON)
