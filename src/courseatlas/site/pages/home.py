"""The home page: the search box, what the catalog holds, and ways in by topic and career."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import Response

from courseatlas.careers import service as careers
from courseatlas.catalog import repository
from courseatlas.http.deps import DbSession, Runtime
from courseatlas.http.hosts import origin
from courseatlas.search import service
from courseatlas.search.base import SearchRequest
from courseatlas.site import seo
from courseatlas.site.pages.routing import PageRouter
from courseatlas.site.templating import render

router = PageRouter()

POPULAR = 6
TOPICS = 12
CAREERS = 8
DESCRIPTION = (
    "Find online courses and books on any subject, filter them by level, price and rating, "
    "and follow career guides to the skills that lead there."
)


@router.page("/")
def home(request: Request, session: DbSession, runtime: Runtime) -> Response:
    # One search over everything answers the popular picks and the biggest topics.
    overview = service.search(
        session, runtime, SearchRequest(sort="popular", limit=POPULAR, snippets=False)
    )
    context = {
        "meta": seo.PageMeta(
            title=seo.SITE_NAME,
            description=DESCRIPTION,
            path="/",
            structured=[seo.website(origin(request))],
        ),
        "counts": repository.catalog_counts(session),
        "popular": overview.results,
        "topics": overview.facets.get("topic", [])[:TOPICS],
        "careers": careers.list_careers(session, None, None, 1, CAREERS).results,
    }
    return render(request, "home.html", context)
