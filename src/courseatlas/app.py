"""The application factory: ``create_app(settings)`` builds the whole service."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import structlog
from anyio import CapacityLimiter, to_thread
from fastapi import Depends, FastAPI
from sqlalchemy.exc import SQLAlchemyError
from starlette.middleware.gzip import GZipMiddleware
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from courseatlas import __version__
from courseatlas.accounts import web as accounts
from courseatlas.accounts.admin import router as admin_router
from courseatlas.accounts.pages import router as account_pages_router
from courseatlas.accounts.passwords import decoy_hash
from courseatlas.cache import GZIP_LEVEL
from courseatlas.careers.matches import Precompute
from courseatlas.careers.routes import router as careers_router
from courseatlas.careers.service import career_suggestions
from courseatlas.catalog.routes import router as catalog_router
from courseatlas.db.database import Database
from courseatlas.db.redis_client import SharedRedis
from courseatlas.exports.routes import router as exports_router
from courseatlas.http.caching import CachedStaticFiles
from courseatlas.http.collection import after_start_up
from courseatlas.http.docs import install_docs
from courseatlas.http.errors import install_error_handlers
from courseatlas.http.head import HeadAsGetMiddleware
from courseatlas.http.health import router as health_router
from courseatlas.http.hosts import PublicOriginMiddleware
from courseatlas.http.limits import RequestLimits
from courseatlas.http.metrics import Metrics
from courseatlas.http.metrics import router as metrics_router
from courseatlas.http.middleware import RequestContextMiddleware
from courseatlas.http.openapi import install_openapi
from courseatlas.http.ratelimit import RateLimits, enforce_rate_limits
from courseatlas.http.security import SecurityHeadersMiddleware
from courseatlas.http.strictquery import known_query_parameters
from courseatlas.ingest.routes import router as imports_router
from courseatlas.lists import pages as list_pages
from courseatlas.lists.routes import router as lists_router
from courseatlas.logging import configure_logging
from courseatlas.matching.routes import router as matching_router
from courseatlas.referrals.admin import router as referrals_admin_router
from courseatlas.referrals.recorder import ClickRecorder
from courseatlas.referrals.routes import router as referrals_router
from courseatlas.search.routes import router as search_router
from courseatlas.search.runtime import SearchRuntime
from courseatlas.semantic.meaning import MeaningOnFirstUse
from courseatlas.settings import Settings
from courseatlas.site.errors import error_page
from courseatlas.site.pages import router as pages_router
from courseatlas.site.templating import STATIC
from courseatlas.topics.routes import router as topics_router

log = structlog.get_logger(__name__)


def create_app(settings: Settings | None = None, database: Database | None = None) -> FastAPI:
    settings = settings or Settings()
    configure_logging(settings)
    database = database or Database(settings)

    redis = SharedRedis(settings.redis_url, database)
    search = SearchRuntime(database, redis)
    semantic = MeaningOnFirstUse(database)
    precompute = Precompute(database, search, lambda: semantic.meaning)
    precompute.follow()
    clicks = (
        ClickRecorder(database, settings.click_flush_seconds) if settings.click_recording else None
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # Blocking requests run in threads; no more at once than there are pooled database
        # connections, so none waits for one, and fewer threads contend for the GIL.
        to_thread.current_default_thread_limiter().total_tokens = settings.connections
        _app.state.search_threads = CapacityLimiter(settings.search_threads)  # http/deps.py
        try:
            search.sync()  # Catch up before serving: results never start out stale.
        except SQLAlchemyError as error:  # A database outage: serve 503s, catch up later.
            log.warning("search_sync_failed", error=type(error).__name__)
        search.start(settings.search_sync_seconds)
        if settings.search_sync_seconds > 0:  # A process that follows the catalog computes.
            precompute.start()
        if clicks:
            clicks.start()
        decoy_hash()
        after_start_up(tune=settings.gc_tuning)
        yield
        if clicks:
            clicks.stop()  # Writes every click still queued.
        precompute.stop()
        search.stop()
        database.dispose()
        redis.close()
        await redis.aclose()

    app = FastAPI(
        title="courseatlas",
        version=__version__,
        summary="Courses, books, topics and career guides.",
        lifespan=lifespan,
        dependencies=[Depends(enforce_rate_limits), Depends(known_query_parameters)],
        docs_url=None,  # served from vendored assets: install_docs
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.database = database
    app.state.search = search
    app.state.semantic = semantic
    app.state.redis = redis
    app.state.rate_limits = RateLimits(settings, redis)
    app.state.clicks = clicks
    app.state.suggesters = (career_suggestions,)  # careers in the search type-ahead
    # Innermost: a refused request gets the security headers and request id like any other.
    app.add_middleware(RequestLimits)
    app.add_middleware(PublicOriginMiddleware, settings=settings)
    # Sessions, throttling and CSRF: inside the request id and the access log, and the CSRF
    # dependency before any router is included.
    accounts.install(app, database, redis)
    # Answers kept gzipped (search) declare their encoding, and pass through unchanged.
    app.add_middleware(GZipMiddleware, minimum_size=1000, compresslevel=GZIP_LEVEL)
    app.add_middleware(HeadAsGetMiddleware)  # outside gzip: HEAD has the GET's headers
    app.add_middleware(SecurityHeadersMiddleware, hsts=settings.public_url.startswith("https:"))
    app.state.metrics = Metrics(search)
    app.add_middleware(RequestContextMiddleware, metrics=app.state.metrics)
    # Outermost: the client address and scheme are a trusted proxy's, or the peer's own.
    app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=_networks(settings.trusted_proxies))
    install_error_handlers(app, error_page)
    routers = (
        health_router,
        metrics_router,
        catalog_router,
        topics_router,
        search_router,
        imports_router,
        careers_router,
        matching_router,
        referrals_router,
        lists_router,
        account_pages_router,
        admin_router,
        referrals_admin_router,
        list_pages.forms,
        list_pages.router,
        exports_router,
        pages_router,
    )
    for router in routers:
        app.include_router(router)
    install_docs(app)
    install_openapi(app)
    app.mount("/static", CachedStaticFiles(directory=STATIC), name="static")
    return app


def _networks(text: str) -> list[str]:
    return [item.strip() for item in text.split(",") if item.strip()]
