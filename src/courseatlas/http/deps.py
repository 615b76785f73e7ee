"""Request dependencies: one database session per request, committed or rolled back here.

The ones that only read app state are async: FastAPI runs a plain function in a worker
thread, a hop that costs more than the read.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from anyio import CapacityLimiter
from fastapi import Depends, Request
from sqlalchemy.orm import Session

from courseatlas.db.database import Database
from courseatlas.db.redis_client import SharedRedis
from courseatlas.search.runtime import SearchRuntime
from courseatlas.semantic.meaning import Meaning
from courseatlas.settings import Settings


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


async def get_database(request: Request) -> Database:
    database: Database = request.app.state.database
    return database


def get_session(database: Annotated[Database, Depends(get_database)]) -> Iterator[Session]:
    with database.session() as session:
        yield session


async def get_redis(request: Request) -> SharedRedis:
    """The Redis every worker and host shares (``client()`` is None when it is off or down):
    what a sessions store, or any other shared state, is built on."""
    shared: SharedRedis = request.app.state.redis
    return shared


async def get_search(request: Request) -> SearchRuntime:
    runtime: SearchRuntime = request.app.state.search
    return runtime


async def get_search_threads(request: Request) -> CapacityLimiter:
    """The threads searches are computed in (COURSEATLAS_SEARCH_THREADS), made at start-up:
    computing one holds the GIL almost throughout, so more at once would only take turns,
    each finishing later; those beyond wait in the order they came."""
    threads: CapacityLimiter = request.app.state.search_threads
    return threads


def get_meaning(request: Request) -> Meaning | None:
    """Closeness in meaning, None unless the semantic layer is on. Not async: the first
    call loads the model, which must not stall the event loop."""
    meaning: Meaning | None = request.app.state.semantic.meaning
    return meaning


AppSettings = Annotated[Settings, Depends(get_settings)]
# "function": the session commits before the response is sent, not after (the default for a
# yield dependency), so the client's next request sees what this one wrote (a sign-in's
# session, a saved item) and a failed commit still answers as an error.
DbSession = Annotated[Session, Depends(get_session, scope="function")]
Runtime = Annotated[SearchRuntime, Depends(get_search)]
SearchThreads = Annotated[CapacityLimiter, Depends(get_search_threads)]
Redis = Annotated[SharedRedis, Depends(get_redis)]
Semantic = Annotated[Meaning | None, Depends(get_meaning)]
