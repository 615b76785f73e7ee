"""``/robots.txt`` and ``/sitemap.xml``: an index of paged sitemaps that covers the catalog.

Each sitemap page lists the rows of one id range, so serving page n of 150,000 resources
reads 10,000 rows by primary key whatever n is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any

from fastapi import Path, Request
from fastapi.responses import Response
from sqlalchemy import Row
from sqlalchemy.orm import InstrumentedAttribute

from courseatlas.careers.models import Career
from courseatlas.catalog import repository
from courseatlas.catalog.models import Provider, Resource, Topic
from courseatlas.errors import NotFound
from courseatlas.http.deps import DbSession
from courseatlas.site.pages.routing import PageRouter
from courseatlas.site.templating import render

router = PageRouter()

PAGE_SIZE = 10_000  # URLs per sitemap; the protocol allows 50,000
XML = "application/xml; charset=utf-8"
SITEMAP_CACHE = "public, max-age=3600"
SITE_PAGES = ("/", "/courses", "/books", "/providers", "/topics", "/careers")


@dataclass(frozen=True)
class Location:
    path: str
    updated: datetime | None = None


@dataclass(frozen=True)
class Section:
    id_column: InstrumentedAttribute[int]
    columns: Sequence[InstrumentedAttribute[Any]]
    location: Callable[[Row[Any]], Location]


SECTIONS: dict[str, Section] = {
    "resources": Section(
        Resource.id,
        (Resource.kind, Resource.slug, Resource.updated_at),
        lambda row: Location(f"/{row.kind}s/{row.slug}", row.updated_at),
    ),
    "topics": Section(Topic.id, (Topic.slug,), lambda row: Location(f"/topics/{row.slug}")),
    "providers": Section(
        Provider.id, (Provider.slug,), lambda row: Location(f"/providers/{row.slug}")
    ),
    "careers": Section(Career.id, (Career.slug,), lambda row: Location(f"/careers/{row.slug}")),
}


@router.page("/robots.txt")
def robots(request: Request) -> Response:
    return render(request, "robots.txt", {}, media_type="text/plain; charset=utf-8")


@router.page("/sitemap.xml")
def sitemap_index(request: Request, session: DbSession) -> Response:
    sitemaps = ["/sitemaps/site.xml"] + [
        f"/sitemaps/{name}-{number}.xml"
        for name, section in SECTIONS.items()
        for number in repository.id_pages(session, section.id_column, PAGE_SIZE)
    ]
    return _xml(request, "sitemap_index.xml", {"sitemaps": sitemaps})


@router.page("/sitemaps/site.xml")
def site_sitemap(request: Request) -> Response:
    return _xml(request, "sitemap.xml", {"locations": [Location(path) for path in SITE_PAGES]})


@router.page("/sitemaps/{name}-{number:int}.xml")
def section_sitemap(
    request: Request,
    session: DbSession,
    name: Annotated[str, Path(max_length=20)],
    number: Annotated[int, Path(ge=1, le=1_000_000)],
) -> Response:
    section = SECTIONS.get(name)
    rows = (
        repository.rows_in_id_page(session, section.id_column, section.columns, number, PAGE_SIZE)
        if section
        else []
    )
    if section is None or not rows:
        raise NotFound(f"There is no sitemap {name}-{number}.")
    return _xml(request, "sitemap.xml", {"locations": [section.location(row) for row in rows]})


def _xml(request: Request, template: str, context: dict[str, Any]) -> Response:
    return render(request, template, context, media_type=XML, cache_control=SITEMAP_CACHE)
