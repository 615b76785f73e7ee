"""Liveness and readiness probes."""

from __future__ import annotations

from typing import Any

import structlog
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from courseatlas.db.database import Database
from courseatlas.http.deps import AppSettings, Runtime

log = structlog.get_logger(__name__)
router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz() -> dict[str, str]:
    """The process is up."""
    return {"status": "ok"}


@router.get("/readyz")
def readyz(request: Request, runtime: Runtime, settings: AppSettings) -> JSONResponse:
    """The process can serve: its database answers, and its index is whole, not empty while
    the catalog is not, and not far behind it.

    `degraded` when an optional shared store (Redis) is configured but unreachable: the
    process serves with per-process fallbacks. Never names a host or a port.
    """
    database: Database = request.app.state.database
    try:
        with database.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        search = runtime.status(max_lag=settings.search_ready_max_lag)
    except SQLAlchemyError as error:
        log.warning("not_ready", error=type(getattr(error, "orig", None) or error).__name__)
        unavailable = {"status": "unavailable", "database": "unreachable"}
        return JSONResponse(unavailable, status_code=503, headers={"Retry-After": "5"})
    redis = request.app.state.redis.state()
    status = "degraded" if redis == "unreachable" else "ok"
    body: dict[str, Any] = {
        "status": status,
        "database": "ok",
        "redis": redis,
        "search": search.as_dict(),
    }
    if search.problem is not None:
        return JSONResponse({**body, "status": "unavailable"}, status_code=503)
    return JSONResponse(body)
