"""A search from query parameters, read the same way by the API and the site's pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query

from courseatlas.catalog.bands import Duration, Pace, Starts
from courseatlas.catalog.schemas import Kind, Level, PriceFilter
from courseatlas.search.base import SearchFilters, SearchRequest, Sort
from courseatlas.search.query import MAX_QUERY_LENGTH, parse_query

MAX_PAGE = 100_000
Slug = Annotated[str | None, Query(max_length=300, pattern=r"^[a-z0-9-]+$")]
Text = Annotated[str, Query(max_length=MAX_QUERY_LENGTH)]


@dataclass(frozen=True)
class SearchOptions:
    """Everything a search asks for but its words."""

    filters: SearchFilters
    sort: Sort
    offset: int
    limit: int
    correct_spelling: bool

    def request(self, q: str) -> SearchRequest:
        return SearchRequest(
            query=parse_query(q),
            filters=self.filters,
            sort=self.sort,
            offset=self.offset,
            limit=self.limit,
            correct_spelling=self.correct_spelling,
        )


async def search_options(
    kind: Kind | None = None,
    topic: Slug = None,
    provider: Slug = None,
    level: Level | None = None,
    language: Annotated[str | None, Query(pattern=r"^[a-z]{2,3}$")] = None,
    price: PriceFilter | None = None,
    min_rating: Annotated[
        float | None, Query(ge=0, le=5, description="At least this rating, 0 to 5 (4: 4 and up)")
    ] = None,
    skill: Slug = None,
    certificate: Annotated[
        bool | None, Query(description="true: with a certificate; false: without")
    ] = None,
    duration: Annotated[Duration | None, Query(description="Hours of study, in bands")] = None,
    max_price: Annotated[
        float | None,
        Query(
            ge=0,
            le=1_000_000,
            description="At most this price in the display currency; "
            "free resources included, those without a known price left out.",
        ),
    ] = None,
    pace: Annotated[
        Pace | None, Query(description="self-paced: start any time; scheduled: on set dates")
    ] = None,
    starts: Annotated[
        Starts | None,
        Query(
            description="Courses with a start date (UTC) this month or next from today on, "
            "or any from today on; those without one are left out."
        ),
    ] = None,
    sort: Sort = "relevance",
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
    per_page: Annotated[int, Query(ge=1, le=100)] = 20,
    spellcheck: Annotated[bool, Query(description="false: search the words as typed")] = True,
    dead_links: Annotated[
        bool, Query(description="true: include resources whose links were found dead")
    ] = False,
) -> SearchOptions:
    """Search parameters, read the same way by the API and the search page."""
    filters = SearchFilters(
        kind,
        topic,
        provider,
        level,
        language,
        price,
        min_rating,
        dead_links,
        skill=skill,
        certificate=certificate,
        duration=duration,
        max_price=max_price,
        pace=pace,
        starts=starts,
    )
    return SearchOptions(filters, sort, (page - 1) * per_page, per_page, spellcheck)


Options = Annotated[SearchOptions, Depends(search_options)]


async def search_request(options: Options, q: Text = "") -> SearchRequest:
    return options.request(q)


async def page_search_request(options: Options, q: str = "") -> SearchRequest:
    """The search page searches a query too long for the API by its first characters."""
    return options.request(q[:MAX_QUERY_LENGTH])


SearchParams = Annotated[SearchRequest, Depends(search_request)]
PageSearchParams = Annotated[SearchRequest, Depends(page_search_request)]
