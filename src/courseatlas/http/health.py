"""Liveness and readiness probes."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from courseatlas.http.deps import DbSession, Runtime

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz() -> dict[str, str]:
    """The process is up."""
    return {"status": "ok"}


@router.get("/readyz")
def readyz(session: DbSession, runtime: Runtime) -> JSONResponse:
    """The process can serve: its database answers, and how far its index lags behind."""
    try:
        session.execute(text("SELECT 1"))
        lag = runtime.lag()
        documents = runtime.document_count()
    except Exception as error:  # Readiness reports any failure; it must not raise.
        return JSONResponse({"status": "unavailable", "error": str(error)[:200]}, status_code=503)
    return JSONResponse(
        {"status": "ok", "database": "ok", "search": {"documents": documents, "lag": lag}}
    )
