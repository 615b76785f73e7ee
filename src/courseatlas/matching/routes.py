"""JSON API of matching: ``/api/v1/match`` and ``/api/v1/resources/{id}/similar``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from courseatlas.http.deps import DbSession, Runtime, Semantic
from courseatlas.matching import service
from courseatlas.matching.schemas import GoalMatchPage, SimilarPage

router = APIRouter(prefix="/api/v1", tags=["matching"])

MAX_ID = 2**31 - 1


@router.get("/match", response_model=GoalMatchPage)
def match(
    session: DbSession,
    runtime: Runtime,
    meaning: Semantic,
    goal: Annotated[
        str, Query(max_length=300, description="What the learner wants to become or learn.")
    ],
    limit: Annotated[int, Query(ge=1, le=50)] = 20,
) -> GoalMatchPage:
    """Resources for a free-text goal, with the careers and skills recognised in it.

    A goal without words is refused (422); a goal with words but no known career or skill
    answers 200 with results for its words (possibly none) and an explanation saying so.
    """
    return service.match_goal(session, runtime, goal, limit, meaning)


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
