"""JSON API of the signed-in learner: ``/api/v1/me`` and their lists.

Every route takes the learner first: a list id is always looked up with its owner, so another
learner's list answers 404, and no learner at all 401.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Request, Response

from courseatlas.accounts.deps import CurrentLearner
from courseatlas.http.caching import NO_STORE
from courseatlas.http.deps import DbSession
from courseatlas.http.hosts import origin
from courseatlas.lists import service
from courseatlas.lists.schemas import (
    MAX_ID,
    ItemIn,
    ItemOut,
    ItemPatch,
    ListDetail,
    ListIn,
    ListOut,
    ListPatch,
    ListsOut,
    MeOut,
)

PROBLEM: dict[str, dict[str, object]] = {"application/problem+json": {}}
router = APIRouter(
    prefix="/api/v1",
    tags=["me"],
    responses={
        401: {
            "description": "No learner: sign in, or send a personal API token.",
            "content": PROBLEM,
        },
        403: {
            "description": "A cookie-authenticated call without its CSRF token.",
            "content": PROBLEM,
        },
        404: {"description": "Not found, or another learner's.", "content": PROBLEM},
        422: {"description": "The request does not validate.", "content": PROBLEM},
    },
)

ListId = Annotated[int, Path(ge=1, le=MAX_ID, description="The list's id.")]
ResourceId = Annotated[int, Path(ge=1, le=MAX_ID, description="The resource's id.")]
PRIVATE = {"Cache-Control": NO_STORE}


@router.get("/me", response_model=MeOut)
def me(learner: CurrentLearner, session: DbSession, response: Response) -> MeOut:
    response.headers.update(PRIVATE)
    count = len(service.lists_of(session, learner.id))
    return MeOut(
        id=learner.id,
        email=learner.email,
        display_name=learner.display_name,
        is_admin=learner.is_admin,
        lists=count,
    )


@router.get("/lists", response_model=ListsOut)
def list_lists(
    learner: CurrentLearner, session: DbSession, request: Request, response: Response
) -> ListsOut:
    response.headers.update(PRIVATE)
    return ListsOut(results=service.summaries(session, learner.id, origin(request)))


@router.post("/lists", response_model=ListOut, status_code=201)
def create_list(
    learner: CurrentLearner, data: ListIn, session: DbSession, request: Request
) -> ListOut:
    saved = service.create_list(session, learner.id, data)
    return service.summary(saved, 0, origin(request))


@router.get("/lists/{list_id}", response_model=ListDetail)
def get_list(
    learner: CurrentLearner,
    list_id: ListId,
    session: DbSession,
    request: Request,
    response: Response,
) -> ListDetail:
    response.headers.update(PRIVATE)
    return service.detail(session, service.get_list(session, learner.id, list_id), origin(request))


@router.patch("/lists/{list_id}", response_model=ListDetail)
def update_list(
    learner: CurrentLearner, list_id: ListId, patch: ListPatch, session: DbSession, request: Request
) -> ListDetail:
    saved = service.update_list(session, learner.id, list_id, patch)
    return service.detail(session, saved, origin(request))


@router.delete("/lists/{list_id}", status_code=204)
def delete_list(learner: CurrentLearner, list_id: ListId, session: DbSession) -> Response:
    service.delete_list(session, learner.id, list_id)
    return Response(status_code=204)


@router.post("/lists/{list_id}/items", response_model=ItemOut, status_code=201)
def add_item(
    learner: CurrentLearner, list_id: ListId, data: ItemIn, session: DbSession, request: Request
) -> ItemOut:
    service.add_item(session, learner.id, list_id, data)
    return _item(session, learner.id, list_id, data.resource_id, origin(request))


@router.patch("/lists/{list_id}/items/{resource_id}", response_model=ItemOut)
def update_item(
    learner: CurrentLearner,
    list_id: ListId,
    resource_id: ResourceId,
    patch: ItemPatch,
    session: DbSession,
    request: Request,
) -> ItemOut:
    service.update_item(session, learner.id, list_id, resource_id, patch)
    return _item(session, learner.id, list_id, resource_id, origin(request))


@router.delete("/lists/{list_id}/items/{resource_id}", status_code=204)
def remove_item(
    learner: CurrentLearner, list_id: ListId, resource_id: ResourceId, session: DbSession
) -> Response:
    service.remove_item(session, learner.id, list_id, resource_id)
    return Response(status_code=204)


def _item(session: DbSession, user_id: int, list_id: int, resource_id: int, base: str) -> ItemOut:
    session.flush()
    detail = service.detail(session, service.get_list(session, user_id, list_id), base)
    return next(item for item in detail.items if item.resource.id == resource_id)
