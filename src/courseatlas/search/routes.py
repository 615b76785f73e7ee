"""JSON API of search: ``/api/v1/search`` and ``/api/v1/suggest``."""

from __future__ import annotations

from typing import Annotated

from anyio import to_thread
from fastapi import APIRouter, Query, Request, Response

from courseatlas.http.compression import gzipped_response
from courseatlas.http.deps import DbSession, Runtime, SearchThreads
from courseatlas.search import service
from courseatlas.search.base import SearchRequest
from courseatlas.search.params import SEARCH_OPENAPI, SearchParams
from courseatlas.search.runtime import SearchRuntime
from courseatlas.search.schemas import SearchPage, SuggestPage

router = APIRouter(prefix="/api/v1", tags=["search"])


@router.get("/search", response_model=SearchPage, openapi_extra=SEARCH_OPENAPI)
async def search(
    http: Request, runtime: Runtime, threads: SearchThreads, request: SearchParams
) -> Response:
    """Full-text search with filters, exact disjunctive facets and spelling correction.

    Without `q` it browses the filtered catalog, most popular first.
    """
    # A repeated query is answered on the event loop from the encoded answer it got
    # before; only a new one waits for one of the few search threads and a database
    # session. Measured: two to four threads served 9 to 22% more new searches than eight
    # each with its own, with a p99 35 to 45% lower (bench/README.md).
    body: bytes | None = runtime.remembered(service.answer_key(request))
    if body is None:
        body = await to_thread.run_sync(_encoded, runtime, request, limiter=threads)
    return gzipped_response(http, body, "application/json")


def _encoded(runtime: SearchRuntime, request: SearchRequest) -> bytes:
    with runtime.database.session() as session:
        return service.search_gzip(session, runtime, request)


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
