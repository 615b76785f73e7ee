"""A course's or a book's own page: everything known about it, and the way to it."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Request
from fastapi.responses import RedirectResponse, Response

from courseatlas.catalog import repository
from courseatlas.catalog.models import Resource
from courseatlas.catalog.schemas import ResourceOut, ResourceSummary, page_path
from courseatlas.errors import NotFound
from courseatlas.http.deps import DbSession, Runtime, Semantic
from courseatlas.http.hosts import origin
from courseatlas.matching import service as matching
from courseatlas.referrals.linkstates import dead_link
from courseatlas.site import seo
from courseatlas.site.formatting import kind as kind_name
from courseatlas.site.pages.routing import PageRouter
from courseatlas.site.templating import render

router = PageRouter()

SlugPath = Annotated[str, Path(max_length=300)]
SIMILAR = 6


@router.page("/courses/{slug}")
def course_page(request: Request, session: DbSession, slug: SlugPath) -> Response:
    return _resource_page(request, session, "course", slug)


@router.page("/books/{slug}")
def book_page(request: Request, session: DbSession, slug: SlugPath) -> Response:
    return _resource_page(request, session, "book", slug)


@router.page("/courses/{slug}/similar")
def similar_courses(
    request: Request, session: DbSession, runtime: Runtime, meaning: Semantic, slug: SlugPath
) -> Response:
    return _similar_page(request, session, runtime, meaning, "course", slug)


@router.page("/books/{slug}/similar")
def similar_books(
    request: Request, session: DbSession, runtime: Runtime, meaning: Semantic, slug: SlugPath
) -> Response:
    return _similar_page(request, session, runtime, meaning, "book", slug)


def _resource_page(request: Request, session: DbSession, kind: str, slug: str) -> Response:
    found = _find(session, kind, slug)
    if found.kind != kind:
        return RedirectResponse(page_path(found), status_code=301)
    item = ResourceOut.of(found)
    trail = _trail(found)
    context = {
        "meta": _meta(request, item, trail),
        "item": item,
        "trail": trail,
        "broken": dead_link(session, item.id),
    }
    return render(request, "resource.html", context)


def _similar_page(
    request: Request,
    session: DbSession,
    runtime: Runtime,
    meaning: Semantic,
    kind: str,
    slug: str,
) -> Response:
    """Resources like this one, on a page of their own: the resource page loads it with htmx
    after it has shown (matching takes a while on a big catalog), and links to it without."""
    found = _find(session, kind, slug)
    if found.kind != kind:
        return RedirectResponse(f"{page_path(found)}/similar", status_code=301)
    item = ResourceSummary.of(found)
    meta = seo.PageMeta(
        title=f"Like {item.title}",
        description=f"Courses and books like {item.title}.",
        path=f"{item.url}/similar",
        indexable=False,
    )
    similar = matching.similar(session, runtime, item.id, SIMILAR, meaning).results
    trail = [*_trail(found), ("Similar", meta.path)]
    context = {"meta": meta, "item": item, "similar": similar, "trail": trail}
    return render(request, "similar.html", context)


def _trail(found: Resource) -> list[seo.Crumb]:
    """Home, Topics, its first topic (when it has one), itself."""
    topics = ((t.name, f"/topics/{t.slug}") for t in found.topics[:1])
    return seo.trail(seo.TOPICS, *topics, (found.title, page_path(found)))


def _find(session: DbSession, kind: str, slug: str) -> Resource:
    found = repository.resource_by_slug(session, slug)
    if found is None:
        raise NotFound(f"There is no {kind} at this address. It may have been removed.")
    return found


def _meta(request: Request, item: ResourceOut, trail: list[tuple[str, str]]) -> seo.PageMeta:
    base = origin(request)
    return seo.PageMeta(
        title=item.title,
        description=item.description or _fallback_description(item),
        path=item.url,
        og_type="book" if item.kind == "book" else "website",
        structured=[
            seo.resource(base, item),
            seo.breadcrumbs(base, trail),
        ],
    )


def _fallback_description(item: ResourceOut) -> str:
    by = f" from {item.provider.name}" if item.provider else ""
    return f"{kind_name(item.kind)}{by}: {item.title}."
