"""Providers: every provider with what it offers, and each provider's page, best first."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import RedirectResponse, Response

from courseatlas.catalog import repository
from courseatlas.errors import NotFound
from courseatlas.http.deps import DbSession, Runtime
from courseatlas.http.hosts import origin
from courseatlas.search.params import PageSearchParams
from courseatlas.site import seo
from courseatlas.site.pages.listing import ListState, fixed_list, pager, past_the_end
from courseatlas.site.pages.resources import SlugPath
from courseatlas.site.pages.routing import PageRouter
from courseatlas.site.templating import render

router = PageRouter()

PROVIDERS_PER_PAGE = 60
MAX_PROVIDER_PAGE = 10_000


@router.page("/providers")
def providers_page(
    request: Request,
    session: DbSession,
    page: Annotated[int, Query(ge=1, le=MAX_PROVIDER_PAGE)] = 1,
) -> Response:
    offset = (page - 1) * PROVIDERS_PER_PAGE
    total, providers = repository.providers_with_counts(session, offset, PROVIDERS_PER_PAGE)
    state = ListState("/providers", {"page": str(page)}, {"page": "1"})
    beyond = past_the_end(state, total, page, PROVIDERS_PER_PAGE, MAX_PROVIDER_PAGE)
    if beyond is not None:
        return beyond
    trail = seo.trail(seo.PROVIDERS)
    meta = seo.PageMeta(
        title="All providers",
        description=f"The {total:,} universities, platforms and publishers whose courses "
        "and books courseatlas lists, with how many of each.",
        path=state.canonical,
        structured=[seo.breadcrumbs(origin(request), trail)],
    )
    context = {
        "meta": meta,
        "trail": trail,
        "total": total,
        "providers": providers,
        "pager": pager(state, total, page, PROVIDERS_PER_PAGE, MAX_PROVIDER_PAGE),
    }
    return render(request, "providers.html", context)


@router.page("/providers/{slug}")
def provider_page(
    request: Request, session: DbSession, runtime: Runtime, slug: SlugPath, params: PageSearchParams
) -> Response:
    provider = repository.provider_by_slug(session, slug)
    if provider is None:
        raise NotFound("We list no provider at this address.")
    view = fixed_list(request, session, runtime, params, f"/providers/{slug}", ("provider", slug))
    if isinstance(view, RedirectResponse):
        return view
    trail = seo.trail(seo.PROVIDERS, (provider.name, f"/providers/{slug}"))
    meta = seo.PageMeta(
        title=f"Courses and books from {provider.name}",
        description=f"{view.page.total:,} courses and books from {provider.name}, "
        "best rated first.",
        path=view.canonical,
        structured=[seo.breadcrumbs(origin(request), trail)],
    )
    context = {"meta": meta, "provider": provider, "view": view, "trail": trail}
    return render(request, "provider.html", context)
