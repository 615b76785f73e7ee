"""JSON API of import runs: the report with its rejected rows, for admins only (it names
server paths)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from courseatlas.accounts.deps import AdminLearner
from courseatlas.errors import NotFound
from courseatlas.http.deps import DbSession
from courseatlas.ingest.models import ImportRun
from courseatlas.ingest.schemas import ImportRunOut

router = APIRouter(prefix="/api/v1", tags=["imports"])


@router.get("/imports/{run_id}", response_model=ImportRunOut)
def get_import(
    admin: AdminLearner, run_id: Annotated[int, Path(ge=1, le=2**31 - 1)], session: DbSession
) -> ImportRun:
    run = session.scalar(
        select(ImportRun).where(ImportRun.id == run_id).options(selectinload(ImportRun.rejections))
    )
    if run is None:
        raise NotFound(f"no import run has id {run_id}")
    return run
