"""The application factory: ``create_app(settings)`` builds the whole service."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.middleware.gzip import GZipMiddleware

from courseatlas import __version__
from courseatlas.careers.routes import router as careers_router
from courseatlas.catalog.routes import router as catalog_router
from courseatlas.db.database import Database
from courseatlas.ingest.routes import router as imports_router
from courseatlas.logging import configure_logging
from courseatlas.matching.routes import router as matching_router
from courseatlas.search.routes import router as search_router
from courseatlas.search.runtime import SearchRuntime
from courseatlas.settings import Settings
from courseatlas.web.caching import CachedStaticFiles
from courseatlas.web.docs import install_docs
from courseatlas.web.errors import install_error_handlers
from courseatlas.web.head import HeadAsGetMiddleware
from courseatlas.web.health import router as health_router
from courseatlas.web.hosts import PublicOriginMiddleware
from courseatlas.web.limits import RequestLimits
from courseatlas.web.metrics import Metrics
from courseatlas.web.metrics import router as metrics_router
from courseatlas.web.middleware import RequestContextMiddleware
from courseatlas.web.openapi import install_openapi
from courseatlas.web.pages import router as pages_router
from courseatlas.web.security import SecurityHeadersMiddleware
from courseatlas.web.templating import STATIC


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
        docs_url=None,  # served from vendored assets: install_docs
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.database = database
    app.state.search = search
    # Innermost: a refused request gets the security headers and request id like any other.
    app.add_middleware(RequestLimits)
    app.add_middleware(PublicOriginMiddleware, settings=settings)
    # Level 5: nearly the size of level 9 at a third of the CPU, which answers cost here.
    app.add_middleware(GZipMiddleware, minimum_size=1000, compresslevel=5)
    app.add_middleware(HeadAsGetMiddleware)  # outside gzip: HEAD has the GET's headers
    app.add_middleware(SecurityHeadersMiddleware, hsts=settings.public_url.startswith("https:"))
    app.state.metrics = Metrics(search)
    app.add_middleware(RequestContextMiddleware, metrics=app.state.metrics)
    install_error_handlers(app)
    routers = (
        health_router,
        metrics_router,
        catalog_router,
        search_router,
        imports_router,
        careers_router,
        matching_router,
        pages_router,
    )
    for router in routers:
        app.include_router(router)
    install_docs(app)
    install_openapi(app)
    app.mount("/static", CachedStaticFiles(directory=STATIC), name="static")
    return app
