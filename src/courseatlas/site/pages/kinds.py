"""``/courses`` and ``/books``: every course, every book, best rated first, to refine."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import RedirectResponse, Response

from courseatlas.http.deps import DbSession, Runtime
from courseatlas.http.hosts import origin
from courseatlas.search.params import PageSearchParams
from courseatlas.site import seo
from courseatlas.site.pages.listing import fixed_list
from courseatlas.site.pages.routing import PageRouter
from courseatlas.site.templating import render

router = PageRouter()

TITLES = {"course": "All courses", "book": "All books"}


@router.page("/courses")
def courses_page(
    request: Request, session: DbSession, runtime: Runtime, params: PageSearchParams
) -> Response:
    return _kind_page(request, session, runtime, params, "course")


@router.page("/books")
def books_page(
    request: Request, session: DbSession, runtime: Runtime, params: PageSearchParams
) -> Response:
    return _kind_page(request, session, runtime, params, "book")


def _kind_page(
    request: Request, session: DbSession, runtime: Runtime, params: PageSearchParams, kind: str
) -> Response:
    path = f"/{kind}s"
    view = fixed_list(request, session, runtime, params, path, ("kind", kind))
    if isinstance(view, RedirectResponse):
        return view
    trail = seo.trail((f"{kind.title()}s", path))
    meta = seo.PageMeta(
        title=TITLES[kind],
        description=f"{view.page.total:,} {kind}s from every provider, best rated first: "
        "refine them by topic, level, language and price.",
        path=view.canonical,
        structured=[seo.breadcrumbs(origin(request), trail)],
    )
    context = {"meta": meta, "view": view, "trail": trail, "kind": kind}
    return render(request, "kind.html", context)
