"""JSON API of search: ``/api/v1/search`` and ``/api/v1/suggest``."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from courseatlas.catalog.schemas import Kind, Level
from courseatlas.search import service
from courseatlas.search.base import SearchFilters, SearchRequest, Sort
from courseatlas.search.query import MAX_QUERY_LENGTH, parse_query
from courseatlas.search.runtime import SearchRuntime
from courseatlas.search.schemas import SearchPage, SuggestPage
from courseatlas.web.deps import DbSession, Runtime

router = APIRouter(prefix="/api/v1", tags=["search"])

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
) -> SearchRequest:
    """A search from query parameters, read the same way by the API and the search page."""
    return SearchRequest(
        query=parse_query(q),
        filters=SearchFilters(kind, topic, provider, level, language, price, min_rating),
        sort=sort,
        offset=(page - 1) * per_page,
        limit=per_page,
        correct_spelling=spellcheck,
    )


SearchParams = Annotated[SearchRequest, Depends(search_request)]


@router.get("/search", response_model=SearchPage)
async def search(runtime: Runtime, request: SearchParams) -> Response:
    """Full-text search with filters, exact disjunctive facets and spelling correction.

    Without `q` it browses the filtered catalog, most popular first.
    """
    # A repeated query is answered on the event loop from the encoded answer it got
    # before; only a new one takes a worker thread and a database session.
    key = ("search-json", runtime.engine.generation, request)
    body: bytes | None = runtime.answers.get(key)
    if body is None:
        body = await run_in_threadpool(_encoded_search, runtime, request)
        runtime.answers.put(key, body)
    return Response(body, media_type="application/json")


def _encoded_search(runtime: SearchRuntime, request: SearchRequest) -> bytes:
    with runtime.database.session() as session:
        return service.search(session, runtime, request).model_dump_json().encode()


@router.get("/suggest", response_model=SuggestPage)
def suggest(
    http: Request,
    session: DbSession,
    runtime: Runtime,
    q: Annotated[str, Query(max_length=100)] = "",
    limit: Annotated[int, Query(ge=1, le=20)] = 8,
) -> SuggestPage:
    """Completions for search-as-you-type: titles, careers, skills and topics."""
    others = getattr(http.app.state, "suggesters", ())
    return service.suggest(session, runtime, q, limit, others)
