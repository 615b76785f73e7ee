"""``/go/{id}``: the way out to a provider, only ever to the stored address of that resource,
through its partner's template (``courseatlas.referrals``); each click recorded."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import RedirectResponse

from courseatlas.catalog.schemas import ResourceId
from courseatlas.db.base import utcnow
from courseatlas.http.caching import NO_STORE
from courseatlas.http.deps import AppSettings, DbSession
from courseatlas.http.head import is_head
from courseatlas.referrals.deps import Recorder
from courseatlas.referrals.outbound import Visit, follow
from courseatlas.referrals.schemas import PageKind
from courseatlas.site.pages.routing import PageRouter

router = PageRouter()


@router.page("/go/{resource_id}")
def go(
    request: Request,
    resource_id: ResourceId,
    session: DbSession,
    settings: AppSettings,
    recorder: Recorder,
    page: Annotated[PageKind, Query(alias="from", description="The page the link was on.")] = (
        "direct"
    ),
) -> RedirectResponse:
    # HEAD is a link checker's or a crawler's look, not a click.
    visit = None
    if not is_head(request):
        address = request.client.host if request.client else ""
        visit = Visit(address, request.headers.get("user-agent", ""), page, utcnow())
    url = follow(session, resource_id, visit, recorder, settings.effective_secret_key)
    headers = {"Cache-Control": NO_STORE, "X-Robots-Tag": "noindex"}
    return RedirectResponse(url, status_code=302, headers=headers)
