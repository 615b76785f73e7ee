"""Liveness and readiness probes."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from courseatlas.web.deps import AppSettings, DbSession, Runtime

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz() -> dict[str, str]:
    """The process is up."""
    return {"status": "ok"}


@router.get("/readyz")
def readyz(session: DbSession, runtime: Runtime, settings: AppSettings) -> JSONResponse:
    """The process can serve: its database answers, and its index is whole, not empty while
    the catalog is not, and not far behind it."""
    try:
        session.execute(text("SELECT 1"))
        search = runtime.status(max_lag=settings.search_ready_max_lag)
    except Exception as error:  # Readiness reports any failure; it must not raise.
        return JSONResponse({"status": "unavailable", "error": str(error)[:200]}, status_code=503)
    body = {"status": "ok", "database": "ok", "search": search.as_dict()}
    if search.problem is not None:
        return JSONResponse({**body, "status": "unavailable"}, status_code=503)
    return JSONResponse(body)
