"""A provider's page: what it offers, best first."""

from __future__ import annotations

from dataclasses import replace

from fastapi import Request
from fastapi.responses import Response

from courseatlas.catalog import repository
from courseatlas.errors import NotFound
from courseatlas.http.deps import DbSession, Runtime
from courseatlas.search import service
from courseatlas.search.params import MAX_PAGE, PageSearchParams
from courseatlas.site.pages.listing import (
    BEST_FIRST,
    ListState,
    browse_request,
    list_view,
    past_the_end,
)
from courseatlas.site.pages.resources import SlugPath
from courseatlas.site.pages.routing import PageRouter
from courseatlas.site.seo import PageMeta
from courseatlas.site.templating import render

router = PageRouter()


@router.page("/providers/{slug}")
def provider_page(
    request: Request, session: DbSession, runtime: Runtime, slug: SlugPath, params: PageSearchParams
) -> Response:
    provider = repository.provider_by_slug(session, slug)
    if provider is None:
        raise NotFound("We list no provider at this address.")
    asked = browse_request(request, params)
    asked = replace(asked, filters=replace(asked.filters, provider=slug))
    page = service.search(session, runtime, asked)
    path = f"/providers/{slug}"
    q = request.query_params.get("q", "")
    state = ListState.of(path, q, asked, BEST_FIRST, fixed="provider")
    beyond = past_the_end(state, page.total, page.page, page.per_page, MAX_PAGE)
    if beyond is not None:
        return beyond
    meta = PageMeta(
        title=f"Courses and books from {provider.name}",
        description=f"{page.total:,} courses and books from {provider.name}, best rated first.",
        path=state.canonical,
    )
    view = list_view(state, asked, page, max_page=MAX_PAGE, hidden=("provider",))
    return render(request, "provider.html", {"meta": meta, "provider": provider, "view": view})
