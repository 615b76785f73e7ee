"""Liveness and readiness probes."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from courseatlas.web.deps import DbSession

router = APIRouter(tags=["health"])


@router.get("/healthz")
def healthz() -> dict[str, str]:
    """The process is up."""
    return {"status": "ok"}


@router.get("/readyz")
def readyz(session: DbSession) -> JSONResponse:
    """The process can serve: its database answers."""
    try:
        session.execute(text("SELECT 1"))
    except Exception as error:  # Readiness reports any failure; it must not raise.
        return JSONResponse(
            {"status": "unavailable", "database": str(error)[:200]}, status_code=503
        )
    return JSONResponse({"status": "ok", "database": "ok"})
