"""The application factory: ``create_app(settings)`` builds the whole service."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from courseatlas import __version__
from courseatlas.catalog.routes import router as catalog_router
from courseatlas.db.database import Database
from courseatlas.ingest.routes import router as imports_router
from courseatlas.logging import configure_logging
from courseatlas.search.routes import router as search_router
from courseatlas.search.runtime import SearchRuntime
from courseatlas.settings import Settings
from courseatlas.web.errors import install_error_handlers
from courseatlas.web.health import router as health_router
from courseatlas.web.middleware import RequestContextMiddleware


def create_app(settings: Settings | None = None, database: Database | None = None) -> FastAPI:
    settings = settings or Settings()
    configure_logging(settings)
    database = database or Database(settings)

    search = SearchRuntime(database)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        search.sync()  # Catch up before serving: results never start out stale.
        search.start(settings.search_sync_seconds)
        yield
        search.stop()
        database.dispose()

    app = FastAPI(
        title="courseatlas",
        version=__version__,
        summary="Courses, books, topics and career guides.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.database = database
    app.state.search = search
    app.add_middleware(RequestContextMiddleware)
    install_error_handlers(app)
    for router in (health_router, catalog_router, search_router, imports_router):
        app.include_router(router)
    return app
