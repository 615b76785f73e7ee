"""``/robots.txt`` and ``/sitemap.xml``: an index of paged sitemaps that covers the catalog.

Each sitemap page of resources, topics, providers and careers lists the rows of one id range,
so serving page n of 150,000 resources reads 10,000 rows by primary key whatever n is. The
pages of institutions and people (who have no id: a name's slug across resources) list their
slugs in alphabetical order, 10,000 to a page.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Protocol

from fastapi import Path, Request
from fastapi.responses import Response
from sqlalchemy import Row
from sqlalchemy.orm import InstrumentedAttribute, Session

from courseatlas.careers.models import Career
from courseatlas.catalog import repository
from courseatlas.catalog.credits import INSTITUTION, PEOPLE_ROLES
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


class Section(Protocol):
    def pages(self, session: Session) -> list[int]:
        """The numbers of the sitemap pages that hold at least one location."""
        ...

    def locations(self, session: Session, number: int) -> list[Location]: ...


@dataclass(frozen=True)
class IdSection:
    """Rows of a table, a page per range of ``PAGE_SIZE`` ids."""

    id_column: InstrumentedAttribute[int]
    columns: Sequence[InstrumentedAttribute[Any]]
    location: Callable[[Row[Any]], Location]

    def pages(self, session: Session) -> list[int]:
        return repository.id_pages(session, self.id_column, PAGE_SIZE)

    def locations(self, session: Session, number: int) -> list[Location]:
        rows = repository.rows_in_id_page(session, self.id_column, self.columns, number, PAGE_SIZE)
        return [self.location(row) for row in rows]


@dataclass(frozen=True)
class CreditSection:
    """The pages of those credited in ``roles`` on a shown resource, by slug."""

    roles: tuple[str, ...]
    prefix: str

    def pages(self, session: Session) -> list[int]:
        count = repository.credited_slug_count(session, self.roles)
        return list(range(1, math.ceil(count / PAGE_SIZE) + 1))

    def locations(self, session: Session, number: int) -> list[Location]:
        offset = (number - 1) * PAGE_SIZE
        slugs = repository.credited_slugs(session, self.roles, offset, PAGE_SIZE)
        return [Location(f"{self.prefix}/{slug}") for slug in slugs]


SECTIONS: dict[str, Section] = {
    "resources": IdSection(
        Resource.id,
        (Resource.kind, Resource.slug, Resource.updated_at),
        lambda row: Location(f"/{row.kind}s/{row.slug}", row.updated_at),
    ),
    "topics": IdSection(Topic.id, (Topic.slug,), lambda row: Location(f"/topics/{row.slug}")),
    "providers": IdSection(
        Provider.id, (Provider.slug,), lambda row: Location(f"/providers/{row.slug}")
    ),
    "careers": IdSection(Career.id, (Career.slug,), lambda row: Location(f"/careers/{row.slug}")),
    "institutions": CreditSection((INSTITUTION,), "/institutions"),
    "people": CreditSection(PEOPLE_ROLES, "/people"),
}


@router.page("/robots.txt")
def robots(request: Request) -> Response:
    return render(request, "robots.txt", {}, media_type="text/plain; charset=utf-8")


@router.page("/sitemap.xml")
def sitemap_index(request: Request, session: DbSession) -> Response:
    sitemaps = ["/sitemaps/site.xml"] + [
        f"/sitemaps/{name}-{number}.xml"
        for name, section in SECTIONS.items()
        for number in section.pages(session)
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
    locations = section.locations(session, number) if section else []
    if not locations:
        raise NotFound(f"There is no sitemap {name}-{number}.")
    return _xml(request, "sitemap.xml", {"locations": locations})


def _xml(request: Request, template: str, context: dict[str, Any]) -> Response:
    return render(request, template, context, media_type=XML, cache_control=SITEMAP_CACHE)
