"""Institution and people pages: the courses of a university, the books of an author."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import Response

from courseatlas.catalog import repository
from courseatlas.catalog.credits import INSTITUTION, PEOPLE_ROLES
from courseatlas.catalog.schemas import ResourceSummary
from courseatlas.errors import NotFound
from courseatlas.http.deps import DbSession
from courseatlas.http.hosts import origin
from courseatlas.site import seo
from courseatlas.site.pages.listing import ListState, pager, past_the_end
from courseatlas.site.pages.resources import SlugPath
from courseatlas.site.pages.routing import PageRouter
from courseatlas.site.templating import render

router = PageRouter()

PER_PAGE = 20
MAX_PAGE = 5_000
PageNumber = Annotated[int, Query(ge=1, le=MAX_PAGE)]


@router.page("/institutions/{slug}")
def institution_page(
    request: Request, session: DbSession, slug: SlugPath, page: PageNumber = 1
) -> Response:
    return _credited_page(request, session, f"/institutions/{slug}", (INSTITUTION,), slug, page)


@router.page("/people/{slug}")
def person_page(
    request: Request, session: DbSession, slug: SlugPath, page: PageNumber = 1
) -> Response:
    return _credited_page(request, session, f"/people/{slug}", PEOPLE_ROLES, slug, page)


def _credited_page(
    request: Request, session: DbSession, path: str, roles: Sequence[str], slug: str, page: int
) -> Response:
    found = repository.credited(session, roles, slug, (page - 1) * PER_PAGE, PER_PAGE)
    if found is None:
        raise NotFound("We list nothing by anyone at this address.")
    state = ListState(path, {"page": str(page)}, {"page": "1"})
    beyond = past_the_end(state, found.total, page, PER_PAGE, MAX_PAGE)
    if beyond is not None:
        return beyond
    by = "from" if roles == (INSTITUTION,) else "by"
    trail = seo.trail((found.name, path))
    meta = seo.PageMeta(
        title=f"Courses and books {by} {found.name}",
        description=f"{found.total:,} courses and books {by} {found.name}, best rated first.",
        path=state.canonical,
        structured=[seo.breadcrumbs(origin(request), trail)],
    )
    context = {
        "meta": meta,
        "trail": trail,
        "name": found.name,
        "by": by,
        "total": found.total,
        "results": [ResourceSummary.of(r) for r in found.resources],
        "pager": pager(state, found.total, page, PER_PAGE, MAX_PAGE),
    }
    return render(request, "credited.html", context)
