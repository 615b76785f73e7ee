"""A search from query parameters, read the same way by the API and the site's pages."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Depends, Query

from courseatlas.catalog.schemas import Kind, Level
from courseatlas.search.base import SearchFilters, SearchRequest, Sort
from courseatlas.search.query import MAX_QUERY_LENGTH, parse_query

MAX_PAGE = 100_000
Slug = Annotated[str | None, Query(max_length=300, pattern=r"^[a-z0-9-]+$")]
Text = Annotated[str, Query(max_length=MAX_QUERY_LENGTH)]


async def search_request(
    q: Text = "",
    kind: Kind | None = None,
    topic: Slug = None,
    provider: Slug = None,
    level: Level | None = None,
    language: Annotated[str | None, Query(pattern=r"^[a-z]{2,3}$")] = None,
    price: Literal["free", "paid"] | None = None,
    min_rating: Annotated[float | None, Query(ge=0, le=5)] = None,
    sort: Sort = "relevance",
    page: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 1,
    per_page: Annotated[int, Query(ge=1, le=100)] = 20,
    spellcheck: Annotated[bool, Query(description="false: search the words as typed")] = True,
    dead_links: Annotated[
        bool, Query(description="true: include resources whose links were found dead")
    ] = False,
) -> SearchRequest:
    """A search from query parameters, read the same way by the API and the search page."""
    return SearchRequest(
        query=parse_query(q),
        filters=SearchFilters(
            kind, topic, provider, level, language, price, min_rating, dead_links
        ),
        sort=sort,
        offset=(page - 1) * per_page,
        limit=per_page,
        correct_spelling=spellcheck,
    )


SearchParams = Annotated[SearchRequest, Depends(search_request)]
